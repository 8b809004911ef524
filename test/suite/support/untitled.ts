import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

/**
 * A new untitled Fountain document holding `content`. VS Code names a new untitled file with the
 * lowest free "Untitled-N", and `openTextDocument` answers with whatever document this extension
 * host still holds under that URI: when the close of an earlier file of that name has not reached
 * the host yet, that is the earlier file (its text, its edits). Clean-clone CI run 34 met this: a
 * preview test drew the previous test's script. Such a document is waited out until the host hears
 * it closed, and the new one opened then.
 */
export async function openUntitled(content: string): Promise<vscode.TextDocument> {
  let document = await vscode.workspace.openTextDocument({ language: 'fountain', content });
  if (document.getText() !== content) {
    const stale = document;
    await waitFor(() => stale.isClosed, `the earlier ${stale.uri.toString()} to close`);
    document = await vscode.workspace.openTextDocument({ language: 'fountain', content });
  }
  assert.strictEqual(document.getText(), content, `${document.uri.toString()} is the new document`);
  return document;
}

/** Reverts and closes an untitled document, and returns once this host has heard that it closed. */
export async function closeUntitled(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await waitFor(() => document.isClosed, `${document.uri.toString()} to close`);
}
