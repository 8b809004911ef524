// Export PDF… in the real extension host: the file written from the live document, read back with
// poppler; its page count is the status bar's; the paper setting applies.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { FountainDocument } from '../../src/fountain';
import { layoutScript } from '../../src/print';
import { sceneStatus } from '../../src/vscode/sceneStatusBar';
import { EXTENSION_ID } from './support/waitFor';

function folder(): vscode.Uri {
  const ws = vscode.workspace.workspaceFolders?.[0];
  assert.ok(ws, 'the fixture workspace folder is open');
  return ws.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('Export PDF', function () {
  this.timeout(60_000);
  const written: vscode.Uri[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  after(async () => {
    for (const uri of written) if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is in the palette as "Dramaturge: Export PDF…"', async () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string; title: string; category: string }[];
    const command = contributed.find((c) => c.command === 'dramaturge.exportPdf');
    assert.deepStrictEqual([command?.category, command?.title], ['Dramaturge', 'Export PDF…']);
    assert.ok((await vscode.commands.getCommands(true)).includes('dramaturge.exportPdf'));
  });

  it('writes the open script, unsaved text included, with the pages the status bar counts', async () => {
    // A copy of its own, so that no other suite sees this test's unsaved edit.
    const source = vscode.Uri.joinPath(folder(), 'export-pdf-source.fountain');
    written.push(source);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(folder(), 'brick-and-steel.fountain'), source, { overwrite: true });
    const document = await vscode.workspace.openTextDocument(source);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((e) => e.insert(new vscode.Position(document.lineCount - 1, 0), '\nINT. UNSAVED ROOM - NIGHT\n\nБрик молчит. Κανείς.\n'));
    const target = vscode.Uri.joinPath(folder(), 'export-test.pdf');
    written.push(target);
    const result = await vscode.commands.executeCommand<vscode.Uri>('dramaturge.exportPdf', target);
    assert.strictEqual(result?.toString(), target.toString());

    const model = FountainDocument.parse(document.getText());
    const layout = layoutScript(model);
    const info = execFileSync('pdfinfo', [target.fsPath], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.strictEqual(pages, layout.pages.length + (layout.titlePage ? 1 : 0));
    const status = sceneStatus(model, layout, document.lineCount - 2).text;
    assert.ok(status.endsWith(`p. ${layout.pages.length}/${layout.pages.length}`), status);
    assert.match(info, /Page size:\s+612 x 792 pts \(letter\)/);
    const text = execFileSync('pdftotext', ['-layout', target.fsPath, '-'], { encoding: 'utf8' });
    assert.match(text, /INT\. UNSAVED ROOM - NIGHT/);
    assert.match(text, /Брик молчит\. Κανείς\./);
    assert.doesNotMatch(execFileSync('pdffonts', [target.fsPath], { encoding: 'utf8' }), /\bno\s+no\b/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows the paper setting', async () => {
    const settings = vscode.workspace.getConfiguration('dramaturge');
    await settings.update('print.paper', 'a4', vscode.ConfigurationTarget.Global);
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'sample.fountain'));
      await vscode.window.showTextDocument(document);
      const target = vscode.Uri.joinPath(folder(), 'export-a4.pdf');
      written.push(target);
      await vscode.commands.executeCommand('dramaturge.exportPdf', target);
      assert.match(execFileSync('pdfinfo', [target.fsPath], { encoding: 'utf8' }), /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    } finally {
      await settings.update('print.paper', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
