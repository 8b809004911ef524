import * as vscode from 'vscode';
import { Authorship, AuthorshipHistory, loadAuthorship, withAuthorship } from '../../provenance';
import type { LoadedAuthorship, ModelUse, TextEdit } from '../../provenance';
import { recordWritten } from '../../story/staleness';
import { readStoryFromDocument } from '../../story/storyReader';
import { writtenItems } from '../../story/proposal';
import type { Proposal } from '../../story/proposal';
import type { Sidecar } from '../../story/sidecar';
import { isFountain, type FountainDocuments } from '../fountainDocuments';
import type { AppliedText, ModelSource, ReviewController } from '../review/reviewController';
import type { SidecarFiles } from '../sidecarFiles';

/** Reads the clipboard; injected so the tracker never depends on the editor's global state. */
export type ClipboardText = () => Thenable<string>;

interface Tracked {
  history: AuthorshipHistory;
  models: ModelUse[];
  /** Bumped on every change, so a late clipboard answer can tell whether it still applies. */
  changes: number;
}

/**
 * Who wrote each word of every open script, kept live: loaded from the sidecar when the script
 * opens (reconciled with edits made outside), carried through every change in the editor (undo
 * and redo bring back the attribution with the text), with model text marked on Accept and pastes
 * marked as pasted. Saved to the sidecar, through its one serialized writer, on Accept and on save.
 */
export class AuthorshipTracker implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a document's authorship changed (edit, Accept, load). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly documents: FountainDocuments,
    private readonly sidecars: SidecarFiles,
    review: ReviewController,
    private readonly clipboard: ClipboardText,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => void this.open(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.tracked.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.change(e)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.save(d)),
      review.onDidApply((applied) => this.applied(applied)),
    );
    for (const d of vscode.workspace.textDocuments) void this.open(d);
  }

  /** The authorship of the document's current text (all the writer's until its sidecar is read). */
  current(document: vscode.TextDocument): LoadedAuthorship {
    const t = this.tracked.get(document.uri.toString());
    return t ? { authorship: t.history.current, models: t.models } : { authorship: Authorship.writer(document.getText().length), models: [] };
  }

  /** Writes the document's authorship (and nothing else) to its sidecar. */
  save(document: vscode.TextDocument): Promise<void> {
    const t = this.tracked.get(document.uri.toString());
    if (!t) return Promise.resolve();
    return this.sidecars.update(document, (sidecar) => withAuthorship(sidecar, document.getText(), this.current(document)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.tracked.clear();
  }

  private async open(document: vscode.TextDocument): Promise<void> {
    if (!isFountain(document) || this.tracked.has(document.uri.toString())) return;
    const t: Tracked = { history: new AuthorshipHistory(Authorship.writer(document.getText().length)), models: [], changes: 0 };
    this.tracked.set(document.uri.toString(), t);
    const sidecar = await this.sidecars.read(document);
    if (document.isClosed || this.tracked.get(document.uri.toString()) !== t) return;
    // Edits made while the sidecar was read are reconciled like outside edits: by diff.
    const loaded = loadAuthorship(document.getText(), this.documents.get(document), sidecar);
    if (!loaded.authorship.runs.some((r) => r.kind !== 'writer') && !loaded.models.length && !t.changes) return;
    t.history = new AuthorshipHistory(loaded.authorship);
    t.models = loaded.models;
    this.changeEmitter.fire(document);
  }

  private change(event: vscode.TextDocumentChangeEvent): void {
    const t = this.tracked.get(event.document.uri.toString());
    if (!t || !event.contentChanges.length) return;
    t.changes++;
    const edits: TextEdit[] = event.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const next = t.history.current.edits(edits);
    if (next.length !== event.document.getText().length) {
      // Out of step (an event was missed): start again from what is known for sure.
      t.history = new AuthorshipHistory(Authorship.writer(event.document.getText().length));
    } else if (event.reason === vscode.TextDocumentChangeReason.Undo) t.history.undo(event.document.getText(), next);
    else if (event.reason === vscode.TextDocumentChangeReason.Redo) t.history.redo(event.document.getText(), next);
    else {
      t.history.push(next);
      if (edits.length === 1 && edits[0].text.length > 1) void this.markIfPasted(event.document, t, edits[0]);
    }
    this.changeEmitter.fire(event.document);
  }

  /**
   * Several characters arriving in one change may be a paste: when they equal the clipboard (and
   * nothing else changed meanwhile), they are marked as pasted. Typing, completions and snippets
   * stay the writer's.
   */
  private async markIfPasted(document: vscode.TextDocument, t: Tracked, edit: TextEdit): Promise<void> {
    const at = t.changes;
    let clip: string;
    try {
      clip = await this.clipboard();
    } catch {
      return;
    }
    if (t.changes !== at || !clip || clip.replace(/\r\n/g, '\n') !== edit.text.replace(/\r\n/g, '\n')) return;
    t.history.amend(t.history.current.edit({ start: edit.start, end: edit.start + edit.text.length, text: edit.text }, 'pasted'));
    this.changeEmitter.fire(document);
  }

  private applied(applied: AppliedText): void {
    const { document, proposal } = applied;
    const t = this.tracked.get(document.uri.toString());
    const proposals = proposal.origin ?? [];
    const source = proposal.source ?? (proposals.length ? originMeta(proposals) : undefined);
    if (!t || !source) return;
    if (document.getText().slice(applied.start, applied.start + applied.text.length) !== applied.text) return;
    t.history.amend(t.history.current.attributeModel(applied.start, { ...source, at: new Date().toISOString(), text: applied.text }));
    this.changeEmitter.fire(document);
    void this.sidecars.update(document, (sidecar) => {
      let next = sidecar;
      if (applied.complete && proposals.length) next = recordItems(next, document, this.documents, proposals);
      return withAuthorship(next, document.getText(), this.current(document));
    });
  }
}

function originMeta(proposals: readonly Proposal[]): ModelSource {
  const first = proposals[0].source;
  const same = proposals.every((p) => p.source.promptHash === first.promptHash);
  return {
    model: first.model,
    item: proposals.map((p) => p.label).join(', '),
    ...(first.seed !== undefined ? { seed: first.seed } : {}),
    ...(same ? { promptHash: first.promptHash } : {}),
  };
}

/** Which model wrote which items, from which inputs: what staleness is judged by. */
function recordItems(sidecar: Sidecar, document: vscode.TextDocument, documents: FountainDocuments, proposals: readonly Proposal[]): Sidecar {
  const story = readStoryFromDocument(documents.get(document)).story;
  let next = sidecar;
  const at = new Date().toISOString();
  for (const p of proposals) {
    for (const ref of writtenItems(story, p)) {
      next = recordWritten(next, story, ref, { source: 'model', model: p.source.model, promptHash: p.source.promptHash, seed: p.source.seed, at });
    }
  }
  return next;
}
