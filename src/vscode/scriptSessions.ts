import * as vscode from 'vscode';
import type { FountainDocument } from '../fountain';
import { readStoryFromDocument } from '../story/storyReader';
import type { ReadResult } from '../story/storyReader';
import type { Sidecar } from '../story/sidecar';
import type { FountainDocuments } from './fountainDocuments';
import { SidecarFiles } from './sidecarFiles';

/**
 * Everything Dramaturge knows about one open script: its parsed model (the one every language
 * feature reads), the story engine's reading of it (made at most once per document version,
 * whoever asks first), and its sidecar, read and written through one serialized writer.
 * Commands, the outline, ghost text and the authorship tracker all go through it, so no feature
 * parses the script again or writes the sidecar on its own.
 */
export class ScriptSession {
  private story: { version: number; read: ReadResult } | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly documents: FountainDocuments,
    private readonly sidecars: SidecarFiles,
  ) {}

  /** The parsed model, brought up to date with every edit so far. */
  get model(): FountainDocument {
    return this.documents.get(this.document);
  }

  /**
   * The story and where each item sits in the text, for the document as it is now. Shared by
   * every reader of this version: the story engine's functions are pure and never modify it.
   */
  read(): ReadResult {
    const version = this.document.version;
    if (this.story?.version !== version) this.story = { version, read: readStoryFromDocument(this.model) };
    return this.story.read;
  }

  /** The sidecar as it is on disk (empty when there is none, or the script is not a file). */
  readSidecar(): Promise<Sidecar> {
    return this.sidecars.read(this.document);
  }

  /** Changes the sidecar after every earlier change to it has been written. */
  updateSidecar(change: (sidecar: Sidecar) => Sidecar): Promise<void> {
    return this.sidecars.update(this.document, change);
  }
}

/** The script session of each open Fountain document; dropped when the document closes. */
export class ScriptSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, ScriptSession>();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly documents: FountainDocuments,
    private readonly sidecars = new SidecarFiles(),
  ) {
    this.subscription = documents.onDidClose((uri) => this.sessions.delete(uri.toString()));
  }

  get(document: vscode.TextDocument): ScriptSession {
    const key = document.uri.toString();
    const known = this.sessions.get(key);
    // A closed document's URI can come back as a new document object: it gets a new session.
    if (known && known.document === document) return known;
    const session = new ScriptSession(document, this.documents, this.sidecars);
    this.sessions.set(key, session);
    return session;
  }

  dispose(): void {
    this.subscription.dispose();
    this.sessions.clear();
  }
}
