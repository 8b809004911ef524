// The most basic extension-host check: the extension is installed, and opening a .fountain file gives the
// document the `fountain` language and activates Dramaturge (it activates on that language).
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dramaturge.dramaturge';

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('smoke: extension in the extension host', () => {
  it('is present', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not installed`);
  });

  it('activates when a .fountain file opens, with languageId fountain', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace folder is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'sample.fountain'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'fountain');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Opening the document is what must trigger activation (onLanguage:fountain), so wait instead of
    // calling ext.activate(), which would activate it regardless of the activation events.
    assert.ok(await waitFor(() => ext.isActive, 10000), 'extension did not activate on a fountain document');
  });
});
