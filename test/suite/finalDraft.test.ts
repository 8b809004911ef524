// Export Final Draft… and Open Final Draft File… in the real extension host: the file written, the
// document opened, and clear errors that leave nothing behind.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support/waitFor';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

describe('Final Draft commands', function () {
  this.timeout(30_000);
  const written: vscode.Uri[] = [];

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  after(async () => {
    for (const uri of written) if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Export Final Draft writes the open script, with the text typed but not yet saved', async () => {
    const source = vscode.Uri.joinPath(folder(), 'brick-and-steel.fountain');
    const document = await vscode.workspace.openTextDocument(source);
    const editor = await vscode.window.showTextDocument(document);
    // An unsaved edit: the export reads the live document (the one parsed model), not the file.
    await editor.edit((e) => e.insert(new vscode.Position(document.lineCount - 1, 0), '\nINT. UNSAVED ROOM - NIGHT\n\nA new scene nobody saved.\n'));
    const target = vscode.Uri.joinPath(folder(), 'export-test.fdx');
    written.push(target);
    const result = await vscode.commands.executeCommand<vscode.Uri>('dramaturge.exportFinalDraft', target);
    assert.strictEqual(result?.toString(), target.toString());
    const xml = decoder.decode(await vscode.workspace.fs.readFile(target));
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"'));
    assert.strictEqual((xml.match(/<Paragraph Type="Scene Heading"/g) ?? []).length, 9, 'eight scenes of Brick & Steel plus the unsaved one');
    assert.ok(xml.includes('<Paragraph Type="Scene Heading"><Text>INT. UNSAVED ROOM - NIGHT</Text></Paragraph>'));
    assert.ok(xml.includes('<DualDialogue>'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Open Final Draft File converts to an unsaved Fountain script that parses back to the same elements', async () => {
    const fdx = vscode.Uri.joinPath(folder(), 'open-test.fdx');
    written.push(fdx);
    await vscode.workspace.fs.writeFile(
      fdx,
      encoder.encode(
        '<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script" Template="No" Version="5"><Content>' +
          '<Paragraph Type="Scene Heading" Number="3"><Text>INT. LIGHTHOUSE - NIGHT</Text></Paragraph>' +
          '<Paragraph Type="Action"><Text>The lamp is </Text><Text Style="Bold">dark</Text><Text>.</Text></Paragraph>' +
          '<Paragraph Type="Character"><Text>McCLANE</Text></Paragraph><Paragraph Type="Dialogue"><Text>Hello?</Text></Paragraph>' +
          '</Content><TitlePage><Content><Paragraph Alignment="Center"><Text>THE LAMP</Text></Paragraph></Content></TitlePage></FinalDraft>',
      ),
    );
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('dramaturge.openFinalDraft', fdx);
    assert.ok(document, 'a document was opened');
    assert.strictEqual(document.languageId, 'fountain');
    assert.strictEqual(document.isUntitled, true, 'nothing on disk is written until the writer saves');
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);
    assert.strictEqual(
      document.getText(),
      ['Title: THE LAMP', '', 'INT. LIGHTHOUSE - NIGHT #3#', '', 'The lamp is **dark**.', '', '@McCLANE', 'Hello?', ''].join('\n'),
    );
    // The extension's own parser reads it: the outline shows the scene with its number.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.ok(JSON.stringify(symbols).includes('INT. LIGHTHOUSE - NIGHT'), JSON.stringify(symbols));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Open Final Draft File on a broken file says why and opens nothing', async () => {
    const fdx = vscode.Uri.joinPath(folder(), 'broken-test.fdx');
    written.push(fdx);
    await vscode.workspace.fs.writeFile(fdx, encoder.encode('<FinalDraft><Content><Paragraph Type="Action"><Text>cut off'));
    const editorsBefore = vscode.workspace.textDocuments.length;
    const result = await vscode.commands.executeCommand('dramaturge.openFinalDraft', fdx);
    assert.strictEqual(result, undefined);
    assert.strictEqual(vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'fountain').length, 0);
    assert.ok(vscode.workspace.textDocuments.length <= editorsBefore);
  });
});
