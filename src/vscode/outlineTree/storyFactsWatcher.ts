import * as vscode from 'vscode';
import { storyFacts, type StoryFacts } from '../../outline/storyAnnotations';
import { sidecarPath } from '../../story';
import type { ScriptSessions } from '../scriptSessions';

/** Quiet time before the story engine re-reads the script: it reads all of it, unlike the tree. */
const FACTS_DELAY_MS = 600;

/**
 * Recomputes staleness and authorship (story engine + sidecar) for one document when the writer
 * pauses, when it is saved, and when its sidecar changes; never on the keystroke path.
 */
export class StoryFactsWatcher implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;

  constructor(
    private readonly sessions: ScriptSessions,
    private readonly current: () => vscode.TextDocument | undefined,
    private readonly publish: (document: vscode.TextDocument, facts: StoryFacts) => void,
  ) {
    const sidecars = vscode.workspace.createFileSystemWatcher('**/*.fountain.dramaturge.json');
    const onSidecar = (uri: vscode.Uri) => {
      const document = this.current();
      if (document && uri.fsPath === sidecarPath(document.uri.fsPath)) this.schedule(0);
    };
    this.disposables.push(
      sidecars,
      sidecars.onDidCreate(onSidecar),
      sidecars.onDidChange(onSidecar),
      sidecars.onDidDelete(onSidecar),
      vscode.workspace.onDidSaveTextDocument((d) => d === this.current() && this.schedule(0)),
    );
  }

  schedule(delay = FACTS_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private async run(): Promise<void> {
    const document = this.current();
    if (!document) return;
    const generation = ++this.generation;
    const session = this.sessions.get(document);
    const sidecar = await session.readSidecar();
    if (generation !== this.generation || document !== this.current() || document.isClosed) return;
    try {
      this.publish(document, storyFacts(session.model, sidecar, session.read().story));
    } catch (error) {
      // Staleness is a nicety: a script the story reader can't follow still gets its tree.
      console.error('[dramaturge] outline: story facts failed', error);
    }
  }
}
