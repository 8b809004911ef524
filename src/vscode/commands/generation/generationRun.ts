import * as vscode from 'vscode';
import { ModelError } from '../../../llm/chatModel';
import type { ModelAccess } from '../../modelAccess';

/**
 * One generation at a time per window: a cancellable progress notification, the
 * `dramaturge.generating` context key (Escape cancels while it is set), and one clear message on
 * failure. Cancelling aborts the HTTP request; the caller applies nothing.
 */
export class GenerationRuns implements vscode.Disposable {
  private current: vscode.CancellationTokenSource | undefined;

  constructor(private readonly models: ModelAccess) {}

  get running(): boolean {
    return !!this.current;
  }

  cancel(): void {
    this.current?.cancel();
  }

  /** Runs `work`; resolves undefined when cancelled or failed (the writer has been told). */
  async run<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T | undefined> {
    if (this.current) {
      void vscode.window.showInformationMessage('Dramaturge is already writing. Cancel it (Esc) or wait for it to finish.');
      return undefined;
    }
    const source = new vscode.CancellationTokenSource();
    this.current = source;
    void vscode.commands.executeCommand('setContext', 'dramaturge.generating', true);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Dramaturge: ${title}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => source.cancel());
          const controller = new AbortController();
          source.token.onCancellationRequested(() => controller.abort());
          try {
            return await work(controller.signal, (message) => progress.report({ message }));
          } catch (err) {
            if (controller.signal.aborted || (err instanceof ModelError && err.kind === 'cancelled')) return undefined;
            this.models.showError(err);
            return undefined;
          }
        },
      );
    } finally {
      source.dispose();
      this.current = undefined;
      void vscode.commands.executeCommand('setContext', 'dramaturge.generating', false);
    }
  }

  dispose(): void {
    this.cancel();
  }
}
