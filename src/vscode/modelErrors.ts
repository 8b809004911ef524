import * as vscode from 'vscode';
import { ModelError } from '../llm/chatModel';

/**
 * One clear message per failure, with the button that fixes it. Not awaited: a notification
 * stays until dismissed, and the command that failed must not hang on it.
 */
export function showModelError(err: unknown): void {
  if (err instanceof ModelError && err.kind === 'cancelled') return;
  const message = err instanceof Error ? err.message : String(err);
  const kind = err instanceof ModelError ? err.kind : 'unknown';
  const actions: Record<string, string | undefined> = {
    'Set API Key': kind === 'auth' ? 'dramaturge.setApiKey' : undefined,
    'Select Model': ['modelNotFound', 'noPermission', 'blocked', 'unreachable', 'invalidOutput'].includes(kind) ? 'dramaturge.selectModel' : undefined,
    'Open Settings': ['truncated', 'timeout', 'overLimit'].includes(kind) ? 'workbench.action.openSettings' : undefined,
  };
  const buttons = Object.keys(actions).filter((b) => actions[b]);
  void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
    if (!choice) return;
    const command = actions[choice]!;
    void vscode.commands.executeCommand(command, ...(command === 'workbench.action.openSettings' ? ['dramaturge.model'] : []));
  });
}
