import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

let opened = 0;

/**
 * A new untitled Fountain document holding `content`, under a name no earlier test used.
 * `openTextDocument({ content })` names a new file with the lowest free "Untitled-N", and VS Code
 * resolves an untitled file from its backup before its initial content: when the backup of an
 * earlier, just reverted "Untitled-1" is still on its way, the new one opens holding the earlier
 * text (clean-clone run 34: a preview test drew the previous test's "Title: Test"; waiting for the
 * close made it happen every time). A name of our own is never reused, so no backup matches it.
 */
export async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `dramaturge-test-${process.pid}-${++opened}.fountain` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit), `${uri.toString()} takes its text`);
  assert.strictEqual(document.languageId, 'fountain');
  assert.strictEqual(document.getText(), content, `${uri.toString()} holds the test's script`);
  return document;
}

/** Reverts and closes an untitled document, and returns once this host has heard that it closed. */
export async function closeUntitled(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await waitFor(() => document.isClosed, `${document.uri.toString()} to close`);
}
