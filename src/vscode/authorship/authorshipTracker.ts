import * as vscode from 'vscode';
import { Authorship, AuthorshipHistory, followOffer, loadAuthorship, withAuthorship } from '../../provenance';
import type { LoadedAuthorship, ModelUse, Offer, TextEdit } from '../../provenance';
import { recordModelItems } from '../../story/proposal';
import type { Proposal } from '../../story/proposal';
import { isFountain } from '../fountainDocuments';
import type { AppliedText, ModelSource, ReviewController } from '../review/reviewController';
import type { ScriptSessions } from '../scriptSessions';

/** Reads the clipboard; injected so the tracker never depends on the editor's global state. */
export type ClipboardText = () => Thenable<string>;

/** Ghost text shown in a document: what a model offered to insert, and who offered it. */
export interface GhostTextOffer {
  document: vscode.TextDocument;
  /** Offset of the cursor the text would be inserted at. */
  start: number;
  text: string;
  source: ModelSource;
}

interface Tracked {
  history: AuthorshipHistory;
  models: ModelUse[];
  /** Bumped on every change, so a late clipboard answer can tell whether it still applies. */
  changes: number;
  /** The ghost text on offer now, followed through edits until taken or dismissed. */
  offer?: Offer & { source: ModelSource };
}

/**
 * Who wrote each word of every open script, kept live: loaded from the sidecar when the script
 * opens (reconciled with edits made outside), carried through every change in the editor (undo
 * and redo bring back the attribution with the text), with model text marked on Accept and when
 * ghost text is taken, and pastes marked as pasted. Saved to the sidecar, through its one serialized writer, on Accept and on save.
 */
export class AuthorshipTracker implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a document's authorship changed (edit, Accept, load). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sessions: ScriptSessions,
    review: ReviewController,
    private readonly clipboard: ClipboardText,
    ghostText: vscode.Event<GhostTextOffer>,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => void this.open(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.tracked.delete(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.change(e)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.save(d)),
      review.onDidApply((applied) => this.applied(applied)),
      ghostText((offer) => this.offered(offer)),
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
    return this.sessions.get(document).updateSidecar((sidecar) => withAuthorship(sidecar, document.getText(), this.current(document)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.tracked.clear();
  }

  private async open(document: vscode.TextDocument): Promise<void> {
    if (!isFountain(document) || this.tracked.has(document.uri.toString())) return;
    const t: Tracked = { history: new AuthorshipHistory(Authorship.writer(document.getText().length)), models: [], changes: 0 };
    this.tracked.set(document.uri.toString(), t);
    const session = this.sessions.get(document);
    const sidecar = await session.readSidecar();
    if (document.isClosed || this.tracked.get(document.uri.toString()) !== t) return;
    // Edits made while the sidecar was read are reconciled like outside edits: by diff.
    const loaded = loadAuthorship(document.getText(), session.model, sidecar);
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
      t.offer = undefined;
    } else if (event.reason === vscode.TextDocumentChangeReason.Undo) t.history.undo(event.document.getText(), next);
    else if (event.reason === vscode.TextDocumentChangeReason.Redo) t.history.redo(event.document.getText(), next);
    else {
      t.history.push(next);
      const taken = edits.length === 1 ? this.takeOffer(t, edits[0]) : 0;
      if (!taken && edits.length === 1 && edits[0].text.length > 1) void this.markIfPasted(event.document, t, edits[0]);
    }
    if (edits.length !== 1 || event.reason !== undefined) t.offer = undefined;
    this.changeEmitter.fire(event.document);
  }

  /** Ghost text now shown in a document: taken later, it is the model's. */
  private offered(offer: GhostTextOffer): void {
    const t = this.tracked.get(offer.document.uri.toString());
    if (t) t.offer = { start: offer.start, text: offer.text, source: offer.source };
  }

  /**
   * Follows the ghost text on offer through a writer's edit; when the edit took some of it
   * (Tab, or a word at a time), marks those characters as the model's. Returns how many.
   */
  private takeOffer(t: Tracked, edit: TextEdit): number {
    if (!t.offer) return 0;
    const { taken, rest } = followOffer(t.offer, edit);
    const source = t.offer.source;
    t.offer = rest && { ...rest, source };
    if (taken) t.history.amend(t.history.current.attributeModel(edit.start, { ...source, at: new Date().toISOString(), text: edit.text.slice(0, taken) }));
    return taken;
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
    const session = this.sessions.get(document);
    void session.updateSidecar((sidecar) => {
      // The items are recorded against the story with the proposal in it: the document as it is now.
      const next = applied.complete && proposals.length ? recordModelItems(sidecar, session.read().story, proposals, new Date().toISOString()) : sidecar;
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
