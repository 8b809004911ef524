import * as vscode from 'vscode';

/**
 * The one "Dramaturge" LogOutputChannel, shared by every feature. Created on first use so that
 * features (and tests) never race over who makes it; VS Code writes it to a log file as well.
 */
let channel: vscode.LogOutputChannel | undefined;

export function getLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Dramaturge', { log: true });
  return channel;
}

/** For `context.subscriptions`: disposes the channel when the extension deactivates. */
export function logDisposable(): vscode.Disposable {
  return new vscode.Disposable(() => {
    channel?.dispose();
    channel = undefined;
  });
}
