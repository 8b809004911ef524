import * as vscode from 'vscode';
import { mapSpanThrough } from '../../review/anchor';
import type { Span, TextChange } from '../../review/anchor';
import { applyBlocks, changeBlocks } from '../../review/changeBlocks';
import type { ChangeBlock } from '../../review/changeBlocks';
import { minimalPatch } from '../../story/documentPatch';
import type { Proposal } from '../../story/proposal';

/**
 * The proposals open in each document and what the writer does with them. Nothing is written
 * until Accept: a proposal is only a span of the document (kept anchored while the writer types
 * anywhere) and the text that would replace it. Accept is one WorkspaceEdit, so one undo step;
 * Reject just forgets the proposal, so the file stays byte-identical.
 */

export interface ReviewProposal {
  readonly id: number;
  readonly uri: vscode.Uri;
  readonly label: string;
  /** The target in the document, in current offsets. */
  span: Span;
  /** What would replace the target; grows while streaming. */
  newText: string;
  /** The writer edited the target after it was proposed: Accept asks first. */
  touched: boolean;
  streaming: boolean;
  /** Runs after the proposal was written into the document (e.g. to record provenance). */
  onAccepted?: () => void;
  /** The engine proposals the text came from, when a model wrote it. */
  readonly origin?: readonly Proposal[];
  /** Which model wrote a streamed text, once its answer is complete. */
  source?: ModelSource;
}

/** Who wrote a proposal's text, for the authorship record. */
export interface ModelSource {
  model: string;
  promptHash?: string;
  seed?: number;
  /** What it was written for (`Scene 3`, `Rewrite`). */
  item?: string;
}

/**
 * Model text just written into a document by Accept (a whole proposal) or Accept Block (one
 * block): `text` now sits at `start`, in offsets of the document after the edit.
 */
export interface AppliedText {
  readonly document: vscode.TextDocument;
  readonly proposal: ReviewProposal;
  readonly start: number;
  readonly text: string;
  /** The proposal is fully accepted (false: one block of it, others still open). */
  readonly complete: boolean;
}

export interface ProposeOptions {
  label: string;
  start: number;
  end: number;
  text: string;
  streaming?: boolean;
  onAccepted?: () => void;
  origin?: readonly Proposal[];
}

/** Asks the writer whether to replace a target they edited; tests substitute an answer. */
export type ConfirmReplace = (labels: string[]) => Thenable<boolean>;

const defaultConfirm: ConfirmReplace = async (labels) =>
  (await vscode.window.showWarningMessage(
    `You edited ${labels.join(', ')} after it was proposed. Replace your edits with the proposal?`,
    { modal: true, detail: 'Undo (Ctrl+Z) brings your text back.' },
    'Replace anyway',
  )) === 'Replace anyway';

export class ReviewController implements vscode.Disposable {
  private readonly proposals = new Map<string, ReviewProposal[]>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly applyEmitter = new vscode.EventEmitter<AppliedText>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Edits this controller is applying, recognised by content so they don't count as the writer's. */
  private readonly ownEdits = new Map<string, TextChange[]>();
  private nextId = 1;
  confirmReplace: ConfirmReplace = defaultConfirm;

  /** Fires when the proposals of a document change (added, streamed into, moved, resolved). */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires after Accept wrote a proposal's text (or one block of it): where it now is. */
  readonly onDidApply = this.applyEmitter.event;

  constructor() {
    this.disposables.push(
      this.changeEmitter,
      this.applyEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => this.track(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
    );
  }

  list(uri: vscode.Uri): readonly ReviewProposal[] {
    return this.proposals.get(uri.toString()) ?? [];
  }

  all(): ReviewProposal[] {
    return [...this.proposals.values()].flat();
  }

  /** Opens a proposal; one that overlaps an open proposal replaces it. */
  propose(document: vscode.TextDocument, options: ProposeOptions): ReviewProposal {
    const key = document.uri.toString();
    const span = { start: options.start, end: options.end };
    const kept = this.list(document.uri).filter((p) => !overlaps(p.span, span));
    const proposal: ReviewProposal = {
      id: this.nextId++,
      uri: document.uri,
      label: options.label,
      span,
      newText: options.text,
      touched: false,
      streaming: !!options.streaming,
      onAccepted: options.onAccepted,
      origin: options.origin,
    };
    this.proposals.set(key, [...kept, proposal].sort((a, b) => a.span.start - b.span.start));
    this.changeEmitter.fire(document.uri);
    return proposal;
  }

  /** Streams text into a proposal (replacing its whole proposed text). */
  update(proposal: ReviewProposal, text: string, streaming = proposal.streaming): void {
    if (!this.isOpen(proposal)) return;
    proposal.newText = text;
    proposal.streaming = streaming;
    this.changeEmitter.fire(proposal.uri);
  }

  isOpen(proposal: ReviewProposal): boolean {
    return this.list(proposal.uri).includes(proposal);
  }

  /** Drops a proposal without touching the document (Reject, Cancel). */
  discard(proposal: ReviewProposal): void {
    const key = proposal.uri.toString();
    const left = this.list(proposal.uri).filter((p) => p !== proposal);
    if (left.length) this.proposals.set(key, left);
    else this.proposals.delete(key);
    this.changeEmitter.fire(proposal.uri);
  }

  clear(uri: vscode.Uri): void {
    if (this.proposals.delete(uri.toString())) this.changeEmitter.fire(uri);
  }

  /** The proposal's change blocks against the target's current text (offsets into the document). */
  blocks(document: vscode.TextDocument, proposal: ReviewProposal): ChangeBlock[] {
    const current = this.targetText(document, proposal);
    return changeBlocks(current, proposal.newText).map((b) => ({ ...b, oldStart: b.oldStart + proposal.span.start, oldEnd: b.oldEnd + proposal.span.start }));
  }

  targetText(document: vscode.TextDocument, proposal: ReviewProposal): string {
    return document.getText().slice(proposal.span.start, proposal.span.end);
  }

  /** The document as it would read with every open proposal accepted (the side-by-side view). */
  proposedText(document: vscode.TextDocument): string {
    const text = document.getText();
    let out = '';
    let at = 0;
    for (const p of this.list(document.uri)) {
      out += text.slice(at, p.span.start) + p.newText;
      at = p.span.end;
    }
    return out + text.slice(at);
  }

  /** Accepts whole proposals in one edit (one undo step). False when nothing was written. */
  async accept(document: vscode.TextDocument, proposals: readonly ReviewProposal[]): Promise<boolean> {
    const ready = proposals.filter((p) => this.isOpen(p) && !p.streaming);
    if (!ready.length) return false;
    const touched = ready.filter((p) => p.touched).map((p) => p.label);
    if (touched.length && !(await this.confirmReplace(touched))) return false;
    const text = document.getText();
    const changes = ready
      .map((p) => {
        const patch = minimalPatch(text.slice(p.span.start, p.span.end), p.newText);
        return { start: p.span.start + patch.start, end: p.span.start + patch.end, text: patch.text };
      })
      .filter((c) => c.start !== c.end || c.text !== '');
    for (const p of ready) this.discard(p);
    const ok = await this.apply(document, changes);
    if (!ok) {
      for (const p of ready) this.restore(p);
      void vscode.window.showErrorMessage('Dramaturge could not write the proposal into the document; it is still open for review.');
      return false;
    }
    for (const p of ready) {
      // Where the proposal's whole text now starts: its old start, moved by the changes before it.
      const shift = changes.filter((c) => c.start < p.span.start).reduce((n, c) => n + c.text.length - (c.end - c.start), 0);
      this.applyEmitter.fire({ document, proposal: p, start: p.span.start + shift, text: p.newText, complete: true });
      p.onAccepted?.();
    }
    return true;
  }

  async reject(proposals: readonly ReviewProposal[]): Promise<void> {
    for (const p of proposals) this.discard(p);
  }

  /** Accepts one block; the rest of the proposal stays open. */
  async acceptBlock(document: vscode.TextDocument, proposal: ReviewProposal, index: number): Promise<boolean> {
    const blocks = this.blocks(document, proposal);
    const block = blocks[index];
    if (!block || proposal.streaming) return false;
    if (proposal.touched && !(await this.confirmReplace([proposal.label]))) return false;
    const remaining = blocks.filter((b) => b !== block);
    const ok = await this.apply(document, [{ start: block.oldStart, end: block.oldEnd, text: block.newText }]);
    if (!ok) return false;
    const complete = !remaining.length && this.isOpen(proposal);
    if (complete) this.discard(proposal);
    if (block.newText) this.applyEmitter.fire({ document, proposal, start: block.oldStart, text: block.newText, complete });
    if (complete) proposal.onAccepted?.();
    return true;
  }

  /** Rejects one block: the target keeps its current text there, the other blocks stay proposed. */
  rejectBlock(document: vscode.TextDocument, proposal: ReviewProposal, index: number): void {
    const current = this.targetText(document, proposal);
    const local = changeBlocks(current, proposal.newText);
    if (!local[index]) return;
    const rest = local.filter((_, i) => i !== index);
    if (!rest.length) return this.discard(proposal);
    this.update(proposal, applyBlocks(current, rest));
  }

  private restore(proposal: ReviewProposal): void {
    const key = proposal.uri.toString();
    this.proposals.set(key, [...this.list(proposal.uri), proposal].sort((a, b) => a.span.start - b.span.start));
    this.changeEmitter.fire(proposal.uri);
  }

  private async apply(document: vscode.TextDocument, changes: TextChange[]): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    for (const c of changes) edit.replace(document.uri, new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)), c.text);
    const key = document.uri.toString();
    this.ownEdits.set(key, changes);
    try {
      return await vscode.workspace.applyEdit(edit);
    } finally {
      this.ownEdits.delete(key);
    }
  }

  private track(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const open = this.proposals.get(key);
    if (!open?.length || !event.contentChanges.length) return;
    const changes: TextChange[] = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const own = this.ownEdits.get(key);
    const isOwn = !!own && sameChanges(own, changes);
    if (isOwn) this.ownEdits.delete(key);
    for (const p of open) {
      const mapped = mapSpanThrough(p.span, changes);
      p.span = mapped.span;
      if (mapped.touched && !isOwn) p.touched = true;
    }
    this.changeEmitter.fire(event.document.uri);
  }

  dispose(): void {
    this.proposals.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start || (b.start > a.start && b.start < a.end) || (a.start > b.start && a.start < b.end);
  return a.start < b.end && b.start < a.end;
}

function sameChanges(a: readonly TextChange[], b: readonly TextChange[]): boolean {
  if (a.length !== b.length) return false;
  const sort = (x: readonly TextChange[]) => [...x].sort((p, q) => p.start - q.start);
  const [x, y] = [sort(a), sort(b)];
  return x.every((c, i) => c.start === y[i].start && c.end === y[i].end && c.text.replace(/\r\n/g, '\n') === y[i].text.replace(/\r\n/g, '\n'));
}
