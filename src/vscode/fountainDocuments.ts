import * as vscode from 'vscode';
import { FountainDocument, type TextEdit } from '../fountain';
import { Config, ConfigKeys } from './config';

/** Every Fountain feature registers for this selector (any scheme: files, untitled, remote). */
export const fountainSelector: vscode.DocumentSelector = { language: 'fountain' };

export function isFountain(document: vscode.TextDocument): boolean {
  return document.languageId === 'fountain';
}

/** The workspace's document events the store follows: `vscode.workspace`, or a test's own sequence. */
export interface DocumentEvents {
  readonly textDocuments: readonly vscode.TextDocument[];
  readonly onDidOpenTextDocument: vscode.Event<vscode.TextDocument>;
  readonly onDidCloseTextDocument: vscode.Event<vscode.TextDocument>;
  readonly onDidChangeTextDocument: vscode.Event<vscode.TextDocumentChangeEvent>;
}

interface Entry {
  document: vscode.TextDocument;
  model: FountainDocument;
  /** Edits received but not yet applied to `model`, in arrival order. */
  pending: TextEdit[];
  /** The VS Code document version that `model` + `pending` describe. */
  version: number;
  /** Set when an event did not follow on from `version`: the queue can't be trusted. */
  needsFullParse: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The single parsed model per open Fountain document that every feature reads (the role of
 * markdown-language-features' engine). Typing never waits on parsing: the change listener only
 * queues `contentChanges`; they are applied incrementally when a feature asks (`get`) or after
 * a quiet period, and only then does `onDidUpdate` fire for diagnostics and the status bar.
 */
export class FountainDocuments implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly updateEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly closeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private debounceMs: number;

  /** Fires after a document was opened or, debounced, after its model caught up with edits. */
  readonly onDidUpdate = this.updateEmitter.event;
  /** Fires when a tracked document is closed (or stops being Fountain) and its model is dropped. */
  readonly onDidClose = this.closeEmitter.event;

  constructor(config: Config, workspace: DocumentEvents = vscode.workspace) {
    this.debounceMs = config.parseDebounceMs;
    this.disposables.push(
      this.updateEmitter,
      this.closeEmitter,
      config.onDidChange([ConfigKeys.parseDebounceMs], () => (this.debounceMs = config.parseDebounceMs)),
      workspace.onDidOpenTextDocument((document) => this.open(document)),
      workspace.onDidCloseTextDocument((document) => this.close(document)),
      workspace.onDidChangeTextDocument((event) => this.queue(event)),
    );
    for (const document of workspace.textDocuments) this.open(document);
  }

  /** The model for `document`, brought up to date with every edit so far. */
  get(document: vscode.TextDocument): FountainDocument {
    const tracked = this.entries.get(key(document.uri));
    // A closed document's URI can come back as a new document (an untitled file, a file reopened
    // before VS Code reported the close): its edits were never queued here, so parse it afresh.
    const entry = tracked && tracked.document === document ? tracked : this.track(document);
    this.flush(entry);
    return entry.model;
  }

  /**
   * The model as last brought up to date, without applying queued edits, or undefined when the
   * document is untracked. For cheap, frequent readers (the status bar on every cursor move)
   * that may show a slightly old answer rather than parse on the keystroke path.
   */
  peek(document: vscode.TextDocument): FountainDocument | undefined {
    return this.entries.get(key(document.uri))?.model;
  }

  /** True when edits are queued and an update event is on its way. */
  hasPendingEdits(document: vscode.TextDocument): boolean {
    const entry = this.entries.get(key(document.uri));
    return !!entry && (entry.pending.length > 0 || entry.needsFullParse);
  }

  /** The open Fountain documents that have a model. */
  documents(): vscode.TextDocument[] {
    return [...this.entries.values()].map((entry) => entry.document);
  }

  dispose(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private open(document: vscode.TextDocument): void {
    // An entry for another document under this URI is one whose close has not been reported yet
    // (see `close`): the new document replaces it.
    if (!isFountain(document) || this.entries.get(key(document.uri))?.document === document) return;
    this.track(document);
    this.updateEmitter.fire(document);
  }

  private track(document: vscode.TextDocument): Entry {
    const entry: Entry = {
      document,
      model: FountainDocument.parse(document.getText()),
      pending: [],
      version: document.version,
      needsFullParse: false,
      timer: undefined,
    };
    this.entries.set(key(document.uri), entry);
    return entry;
  }

  /**
   * Drops the closed document's model. Only its own: VS Code may report a close after a new
   * document has taken the same URI (a new untitled file gets the lowest free "Untitled-N"; a file
   * reopened at once), and dropping the new one's model then left its edits unheard.
   */
  private close(document: vscode.TextDocument): void {
    const entry = this.entries.get(key(document.uri));
    if (!entry || entry.document !== document) return;
    clearTimeout(entry.timer);
    this.entries.delete(key(document.uri));
    this.closeEmitter.fire(document.uri);
  }

  /** Runs on every keystroke: bookkeeping only. */
  private queue(event: vscode.TextDocumentChangeEvent): void {
    let entry = this.entries.get(key(event.document.uri));
    if (!entry) return;
    if (entry.document !== event.document) {
      // A new document under a closed one's URI (see `close`): parsed afresh, edit included.
      clearTimeout(entry.timer);
      entry = this.track(event.document);
      this.scheduleUpdate(entry);
      return;
    }
    // Saving or reverting the dirty flag fires an event with no changes and no new version.
    if (event.contentChanges.length === 0 && event.document.version === entry.version) return;
    if (event.document.version !== entry.version + 1) {
      entry.needsFullParse = true;
      entry.pending = [];
    } else if (!entry.needsFullParse) {
      for (const change of event.contentChanges) {
        entry.pending.push({
          startLine: change.range.start.line,
          startCharacter: change.range.start.character,
          endLine: change.range.end.line,
          endCharacter: change.range.end.character,
          text: change.text,
        });
      }
    }
    entry.version = event.document.version;
    this.scheduleUpdate(entry);
  }

  private scheduleUpdate(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(key(entry.document.uri)) !== entry) return; // closed meanwhile
      this.flush(entry);
      this.updateEmitter.fire(entry.document);
    }, this.debounceMs);
  }

  private flush(entry: Entry): void {
    const document = entry.document;
    if (entry.version !== document.version) entry.needsFullParse = true; // an event went missing
    if (!entry.needsFullParse && entry.pending.length > 0) {
      const edits = entry.pending;
      entry.pending = [];
      try {
        entry.model.applyEdits(edits);
      } catch (error) {
        // The parser promises never to throw; if it does, a full parse still gives a right answer.
        console.error('[dramaturge] incremental update failed, re-parsing in full', error);
        entry.needsFullParse = true;
      }
      // A cheap cross-check of the whole bookkeeping: the line structure must match.
      if (entry.model.lineCount !== document.lineCount) entry.needsFullParse = true;
    }
    if (entry.needsFullParse) {
      entry.model = FountainDocument.parse(document.getText());
      entry.pending = [];
      entry.version = document.version;
      entry.needsFullParse = false;
    }
  }
}

function key(uri: vscode.Uri): string {
  return uri.toString();
}
