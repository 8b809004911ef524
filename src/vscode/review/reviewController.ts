import * as vscode from 'vscode';
import { mapSpanThrough } from '../../review/anchor';
import type { Span, TextChange } from '../../review/anchor';
import { changeBlocks } from '../../review/changeBlocks';
import type { WordPart } from '../../review/changeBlocks';
import { alignToLines } from '../../review/lineAlign';
import { rewrite } from '../../review/rewrite';
import type { Anchored } from '../../review/rewrite';
import type { Proposal } from '../../story/proposal';

/**
 * The proposals open in each document and what the writer does with them. Nothing is written
 * until Accept: a proposal is a set of change blocks, each anchored to its own span of the
 * document (kept in place while the writer types anywhere) with the text that would replace it.
 * Accepting blocks, in any order and any subset, is one edit (one undo step) computed from those
 * spans, so the result is always the original with exactly the accepted blocks applied. Reject
 * only forgets, so the file stays byte-identical. Undo and redo of an Accept put its blocks back
 * into review. Proposals live until accepted, rejected or cancelled: closing an editor (or the
 * document) never drops them.
 */

export type BlockState = 'pending' | 'accepted' | 'rejected';

export interface ReviewBlock {
  /** Stable position of the block in its proposal (what Accept/Reject commands name). */
  readonly index: number;
  /** Document offsets: the old text while pending or rejected, the new text once accepted. */
  span: Span;
  readonly oldText: string;
  readonly newText: string;
  /** Old and new text word by word, for marks inside a line. */
  readonly words: WordPart[];
  state: BlockState;
  /** The writer edited the block's old text after it was proposed: Accept asks first. */
  touched: boolean;
  /** Shown on the block, e.g. when the answer did not fit what was asked. */
  warning?: string;
}

/** A pending block in document offsets (the shape the commands and tests read). */
export interface PendingBlock {
  index: number;
  oldStart: number;
  oldEnd: number;
  oldText: string;
  newText: string;
  words: WordPart[];
  touched: boolean;
  warning?: string;
}

export interface ProposeOptions {
  label: string;
  start: number;
  end: number;
  text: string;
  streaming?: boolean;
  /** A warning for the whole proposal, shown on its first block. */
  warning?: string;
  /** A warning for one block, from its old and new text (e.g. a beat that came back out of order). */
  warningFor?: (block: { oldText: string; newText: string }) => string | undefined;
  /** Runs once the writer has decided every block and accepted at least one (e.g. to record provenance). */
  onAccepted?: () => void;
  /** The engine proposals the text came from, when a model wrote it. */
  origin?: readonly Proposal[];
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

/** What one Accept wrote: the edit, and where each accepted block's text now lies. */
export interface AcceptResult {
  uri: vscode.Uri;
  /** The edit applied (one change, offsets of the document before it). */
  change: TextChange;
  /** Each accepted block and the span its new text occupies in the document after the edit. */
  accepted: Array<{ proposal: ReviewProposal; block: ReviewBlock; span: Span }>;
}

interface Snapshot {
  /** The text of the proposal's region (from its first block to its last). */
  text: string;
  blocks: Array<{ span: Span; state: BlockState }>;
}

export class ReviewProposal {
  /** While streaming (and before review), the target; afterwards the hull of the blocks. */
  span: Span;
  newText: string;
  streaming: boolean;
  /** The writer edited the target while the reply was streaming in. */
  targetTouched = false;
  blocks: ReviewBlock[] = [];
  /** Region texts after each Accept, so undo and redo can tell which blocks are back in review. */
  history: Snapshot[] = [];
  /** Which model wrote a streamed text, once its answer is complete. */
  source?: ModelSource;
  /** Shown on the proposal's first block, e.g. when the answer did not fit what was asked; a streamed answer gets it once checked. */
  warning?: string;

  constructor(
    readonly id: number,
    readonly uri: vscode.Uri,
    readonly label: string,
    span: Span,
    newText: string,
    streaming: boolean,
    /** Document text the line-aligned target added in front of and after the proposed text. */
    readonly lead: string,
    readonly trail: string,
    readonly options: Pick<ProposeOptions, 'warning' | 'warningFor' | 'onAccepted' | 'origin'>,
  ) {
    this.span = span;
    this.newText = newText;
    this.streaming = streaming;
    this.warning = options.warning;
  }

  pending(): ReviewBlock[] {
    return this.blocks.filter((b) => b.state === 'pending');
  }

  /** The writer edited text this proposal would replace. */
  get touched(): boolean {
    return this.targetTouched || this.pending().some((b) => b.touched);
  }

  get onAccepted(): (() => void) | undefined {
    return this.options.onAccepted;
  }

  /** The engine proposals the text came from, when a model wrote it. */
  get origin(): readonly Proposal[] | undefined {
    return this.options.origin;
  }
}

/** Asks the writer whether to replace a target they edited; tests substitute an answer. */
export type ConfirmReplace = (labels: string[]) => Thenable<boolean>;

export const askWriterToReplace: ConfirmReplace = async (labels) =>
  (await vscode.window.showWarningMessage(
    `You edited ${labels.join(', ')} after it was proposed. Replace your edits with the proposal?`,
    { modal: true, detail: 'Undo (Ctrl+Z) brings your text back.' },
    'Replace anyway',
  )) === 'Replace anyway';

interface OwnEdit {
  expectedText: string;
  items: Array<{ proposal: ReviewProposal; block?: ReviewBlock }>;
  spans: Span[];
  picked: ReadonlySet<ReviewBlock>;
}

export class ReviewController implements vscode.Disposable {
  private readonly proposals = new Map<string, ReviewProposal[]>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly acceptEmitter = new vscode.EventEmitter<AcceptResult>();
  private readonly applyEmitter = new vscode.EventEmitter<AppliedText>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The edit this controller is applying to a document, recognised by the text it produces. */
  private readonly ownEdits = new Map<string, OwnEdit>();
  /** The text of documents closed with proposals open, to re-anchor them when reopened. */
  private readonly closedText = new Map<string, string>();
  private nextId = 1;

  /** Fires when the proposals of a document change (added, streamed into, moved, resolved). */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires after every Accept with what was written where (for provenance of the model's text). */
  readonly onDidAccept = this.acceptEmitter.event;
  /** Fires after Accept wrote model text, once per accepted block: where it now is (the authorship record). */
  readonly onDidApply = this.applyEmitter.event;

  /** `confirmReplace` asks before Accept replaces text the writer edited; a modal question by default. */
  constructor(private readonly confirmReplace: ConfirmReplace = askWriterToReplace) {
    this.disposables.push(
      this.changeEmitter,
      this.acceptEmitter,
      this.applyEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => this.track(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.list(d.uri).length) this.closedText.set(d.uri.toString(), d.getText());
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.reopened(d)),
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
    const aligned = alignToLines(document.getText(), options.start, options.end);
    const span = { start: aligned.start, end: aligned.end };
    const kept = this.list(document.uri).filter((p) => !overlaps(p.span, span));
    const proposal = new ReviewProposal(this.nextId++, document.uri, options.label, span, aligned.lead + options.text + aligned.trail, !!options.streaming, aligned.lead, aligned.trail, options);
    if (!proposal.streaming) this.makeBlocks(document, proposal);
    this.proposals.set(key, sortProposals([...kept, proposal]));
    this.changeEmitter.fire(document.uri);
    return proposal;
  }

  /** Streams text into a proposal (replacing its whole proposed text); its blocks exist once streaming ends. */
  update(proposal: ReviewProposal, text: string, streaming = proposal.streaming): void {
    if (!this.isOpen(proposal)) return;
    proposal.newText = proposal.lead + text + proposal.trail;
    const finished = proposal.streaming && !streaming;
    proposal.streaming = streaming;
    if (finished) {
      const document = this.documentOf(proposal.uri);
      if (document) this.makeBlocks(document, proposal);
    }
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
    else {
      this.proposals.delete(key);
      this.closedText.delete(key);
    }
    this.changeEmitter.fire(proposal.uri);
  }

  clear(uri: vscode.Uri): void {
    this.closedText.delete(uri.toString());
    if (this.proposals.delete(uri.toString())) this.changeEmitter.fire(uri);
  }

  /** The proposal's pending blocks, in document order and offsets. */
  blocks(_document: vscode.TextDocument, proposal: ReviewProposal): PendingBlock[] {
    return proposal.pending().map((b) => ({
      index: b.index,
      oldStart: b.span.start,
      oldEnd: b.span.end,
      oldText: b.oldText,
      newText: b.newText,
      words: b.words,
      touched: b.touched,
      ...(b.warning ? { warning: b.warning } : {}),
    }));
  }

  /** The document as it would read with every open proposal accepted (the side-by-side view). */
  proposedText(document: vscode.TextDocument): string {
    const items: Anchored[] = [];
    for (const p of this.list(document.uri)) {
      if (p.streaming || !p.blocks.length) items.push({ span: p.span, replacement: p.newText });
      else for (const b of p.pending()) items.push({ span: b.span, replacement: b.newText });
    }
    return rewrite(document.getText(), items).text;
  }

  /** Accepts every pending block of whole proposals in one edit (one undo step). False when nothing was written. */
  async accept(document: vscode.TextDocument, proposals: readonly ReviewProposal[]): Promise<boolean> {
    const chosen = proposals.filter((p) => this.isOpen(p) && !p.streaming).flatMap((p) => p.pending().map((block) => ({ proposal: p, block })));
    return !!(await this.acceptBlocks(document, chosen));
  }

  async reject(proposals: readonly ReviewProposal[]): Promise<void> {
    for (const p of proposals) this.discard(p);
  }

  /** Accepts one block; the rest of the proposal stays open. */
  async acceptBlock(document: vscode.TextDocument, proposal: ReviewProposal, index: number): Promise<boolean> {
    const block = proposal.blocks[index];
    if (!block || block.state !== 'pending' || proposal.streaming || !this.isOpen(proposal)) return false;
    return !!(await this.acceptBlocks(document, [{ proposal, block }]));
  }

  /** Rejects one block: the document keeps its text there, the other blocks stay proposed. */
  rejectBlock(_document: vscode.TextDocument, proposal: ReviewProposal, index: number): void {
    const block = proposal.blocks[index];
    if (!block || block.state !== 'pending') return;
    block.state = 'rejected';
    this.resolveIfDecided(proposal);
    this.changeEmitter.fire(proposal.uri);
  }

  /**
   * Writes the chosen blocks in one edit and returns what was written where (undefined when nothing
   * was: the writer declined to replace their edits, or the edit failed).
   */
  async acceptBlocks(document: vscode.TextDocument, chosen: ReadonlyArray<{ proposal: ReviewProposal; block: ReviewBlock }>): Promise<AcceptResult | undefined> {
    const ready = chosen.filter(({ proposal, block }) => this.isOpen(proposal) && block.state === 'pending');
    if (!ready.length) return undefined;
    const touched = [...new Set(ready.filter(({ block }) => block.touched).map(({ proposal }) => proposal.label))];
    if (touched.length && !(await this.confirmReplace(touched))) return undefined;
    const picked = new Set(ready.map(({ block }) => block));
    const items = this.anchoredItems(document.uri);
    const text = document.getText();
    const plan = rewrite(
      text,
      items.map(({ proposal, block }) => ({ span: block?.span ?? proposal.span, replacement: block && picked.has(block) ? block.newText : undefined })),
    );
    if (plan.change.start === plan.change.end && plan.change.text === '') {
      // Blocks that change nothing (e.g. whitespace the writer already typed): settle them directly.
      this.settle(document.uri, { expectedText: plan.text, items, spans: plan.spans, picked });
      return { uri: document.uri, change: plan.change, accepted: ready.map(({ proposal, block }) => ({ proposal, block, span: block.span })) };
    }
    const key = document.uri.toString();
    const own: OwnEdit = { expectedText: plan.text, items, spans: plan.spans, picked };
    this.ownEdits.set(key, own);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(plan.change.start), document.positionAt(plan.change.end)), plan.change.text);
    let ok = false;
    try {
      ok = await vscode.workspace.applyEdit(edit);
    } finally {
      if (this.ownEdits.get(key) === own) this.ownEdits.delete(key);
    }
    if (!ok || ready.some(({ block }) => block.state !== 'accepted')) {
      if (ok) return undefined; // the document changed under the edit; spans were mapped as for any edit
      void vscode.window.showErrorMessage('Dramaturge could not write the proposal into the document; it is still open for review.');
      return undefined;
    }
    const result: AcceptResult = { uri: document.uri, change: plan.change, accepted: ready.map(({ proposal, block }) => ({ proposal, block, span: { ...block.span } })) };
    for (const p of new Set(ready.map(({ proposal }) => proposal))) this.resolveIfDecided(p);
    for (const a of result.accepted) {
      if (a.block.newText) this.applyEmitter.fire({ document, proposal: a.proposal, start: a.span.start, text: a.block.newText, complete: !this.isOpen(a.proposal) });
    }
    this.acceptEmitter.fire(result);
    this.changeEmitter.fire(document.uri);
    return result;
  }

  private makeBlocks(document: vscode.TextDocument, proposal: ReviewProposal): void {
    const text = document.getText();
    const base = text.slice(proposal.span.start, proposal.span.end);
    const at = proposal.span.start;
    proposal.blocks = changeBlocks(base, proposal.newText).map((b, index) => {
      const oldText = base.slice(b.oldStart, b.oldEnd);
      const warning = proposal.options.warningFor?.({ oldText, newText: b.newText }) ?? (index === 0 ? proposal.warning : undefined);
      return { index, span: { start: at + b.oldStart, end: at + b.oldEnd }, oldText, newText: b.newText, words: b.words, state: 'pending' as BlockState, touched: proposal.targetTouched, ...(warning ? { warning } : {}) };
    });
    this.snapshot(text, proposal);
  }

  /** Every anchored thing in a document, in document order: each proposal's blocks, or its span while streaming. */
  private anchoredItems(uri: vscode.Uri): Array<{ proposal: ReviewProposal; block?: ReviewBlock }> {
    return this.list(uri).flatMap((proposal) => (proposal.streaming || !proposal.blocks.length ? [{ proposal }] : proposal.blocks.map((block) => ({ proposal, block }))));
  }

  /** After the controller's own edit: exact spans from the plan, the chosen blocks accepted. */
  private settle(uri: vscode.Uri, own: OwnEdit): void {
    own.items.forEach(({ proposal, block }, i) => {
      if (!block) proposal.span = own.spans[i];
      else {
        block.span = own.spans[i];
        if (own.picked.has(block)) block.state = 'accepted';
      }
    });
    for (const p of new Set(own.items.map(({ proposal }) => proposal))) {
      if (p.blocks.length) this.snapshot(own.expectedText, p);
    }
    for (const p of this.list(uri)) this.resolveIfDecided(p);
  }

  private snapshot(text: string, proposal: ReviewProposal): void {
    proposal.span = hull(proposal.blocks.map((b) => b.span)) ?? proposal.span;
    proposal.history.push({
      text: text.slice(proposal.span.start, proposal.span.end),
      blocks: proposal.blocks.map((b) => ({ span: { start: b.span.start - proposal.span.start, end: b.span.end - proposal.span.start }, state: b.state })),
    });
  }

  /** A proposal whose every block is decided leaves review. */
  private resolveIfDecided(proposal: ReviewProposal): void {
    if (!this.isOpen(proposal) || proposal.streaming || !proposal.blocks.length || proposal.pending().length) return;
    this.discard(proposal);
    if (proposal.blocks.some((b) => b.state === 'accepted')) proposal.onAccepted?.();
  }

  private documentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  private track(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const open = this.proposals.get(key);
    if (!open?.length || !event.contentChanges.length) return;
    const own = this.ownEdits.get(key);
    if (own) {
      this.ownEdits.delete(key);
      if (event.document.getText() === own.expectedText) {
        this.settle(event.document.uri, own);
        this.changeEmitter.fire(event.document.uri);
        return;
      }
    }
    const changes: TextChange[] = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const undoOrRedo = event.reason !== undefined;
    const text = event.document.getText();
    for (const p of open) this.mapThrough(p, changes, undoOrRedo, text);
    for (const p of [...open]) this.resolveIfDecided(p);
    this.changeEmitter.fire(event.document.uri);
  }

  private mapThrough(p: ReviewProposal, changes: readonly TextChange[], undoOrRedo: boolean, text: string): void {
    if (p.streaming || !p.blocks.length) {
      const mapped = mapSpanThrough(p.span, changes);
      p.span = mapped.span;
      p.targetTouched ||= mapped.touched;
      return;
    }
    if (undoOrRedo) {
      // Undo or redo of an Accept restores the region's text of an earlier or later state exactly.
      const region = mapSpanThrough(p.span, changes, true);
      if (region.touched) {
        const regionText = text.slice(region.span.start, region.span.end);
        const state = [...p.history].reverse().find((s) => s.text === regionText);
        if (state) {
          p.span = region.span;
          p.blocks.forEach((b, i) => {
            b.span = { start: region.span.start + state.blocks[i].span.start, end: region.span.start + state.blocks[i].span.end };
            // A rejected block stays rejected: undo only takes back what was written.
            b.state = state.blocks[i].state === 'accepted' ? 'accepted' : b.state === 'rejected' ? 'rejected' : 'pending';
          });
          return;
        }
      }
    }
    for (const b of p.blocks) {
      const mapped = mapSpanThrough(b.span, changes);
      b.span = mapped.span;
      if (mapped.touched && b.state === 'pending') b.touched = true;
    }
    p.span = hull(p.blocks.map((b) => b.span)) ?? p.span;
  }

  /** A document closed with proposals open and opened again: if it changed meanwhile, map the change. */
  private reopened(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const before = this.closedText.get(key);
    this.closedText.delete(key);
    const open = this.proposals.get(key);
    if (before === undefined || !open?.length) return;
    const now = document.getText();
    if (now === before) return;
    let start = 0;
    while (start < before.length && start < now.length && before[start] === now[start]) start++;
    let endBefore = before.length;
    let endNow = now.length;
    while (endBefore > start && endNow > start && before[endBefore - 1] === now[endNow - 1]) {
      endBefore--;
      endNow--;
    }
    for (const p of open) this.mapThrough(p, [{ start, end: endBefore, text: now.slice(start, endNow) }], false, now);
    this.changeEmitter.fire(document.uri);
  }

  dispose(): void {
    this.proposals.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function hull(spans: readonly Span[]): Span | undefined {
  if (!spans.length) return undefined;
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

function sortProposals(list: ReviewProposal[]): ReviewProposal[] {
  return list.sort((a, b) => a.span.start - b.span.start || a.id - b.id);
}

function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start || (b.start > a.start && b.start < a.end) || (a.start > b.start && a.start < b.end);
  return a.start < b.end && b.start < a.end;
}
