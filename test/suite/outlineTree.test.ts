// The outline tree in the real VS Code: its nodes for a fixture script, reveal on click, the
// scene under the cursor selected, and drag and drop through the controller moving exactly a
// scene's text as one undo step. Fixture: test/fixtures/ws/outline.fountain.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './support/waitFor';
import type { DramaturgeApi } from '../../src/extension';
import type { OutlineNode } from '../../src/outline/outlineModel';

const MIME = 'application/vnd.code.tree.dramaturge.outline';


type Shape = [string, string, Shape[]?];
function shape(provider: DramaturgeApi['outlineTree']['provider'], nodes: readonly OutlineNode[]): Shape[] {
  return nodes.map((n) => {
    const children = provider.getChildren(n);
    const item = provider.getTreeItem(n);
    return children.length ? [String(item.label), String(item.description ?? ''), shape(provider, children)] : [String(item.label), String(item.description ?? '')];
  });
}

function scenesGroup(api: DramaturgeApi): OutlineNode {
  const group = api.outlineTree.provider.getChildren().find((n) => n.id === 'group:scenes');
  assert.ok(group, 'the Scenes group');
  return group;
}

/** The whole script's word count, from the Scenes group's tooltip ("Whole script: N words, …"). */
function scriptWords(api: DramaturgeApi): number | undefined {
  const match = /^Whole script: (\d+) words?/.exec(scenesGroup(api).tooltip ?? '');
  return match ? Number(match[1]) : undefined;
}

function sceneNodes(api: DramaturgeApi): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (nodes: readonly OutlineNode[]) => nodes.forEach((n) => (n.kind === 'scene' ? out.push(n) : walk(n.children)));
  walk(api.outlineTree.provider.getChildren());
  return out;
}

describe('Outline tree', function () {
  this.timeout(30_000);
  let api: DramaturgeApi;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'outline.fountain'));
    editor = await vscode.window.showTextDocument(document);
    original = document.getText();
    const extension = vscode.extensions.getExtension<DramaturgeApi>(EXTENSION_ID)!;
    api = await extension.activate();
    await waitFor(() => api.outlineTree.provider.currentDocument === document, 'the tree to follow the script');
    // The story bible's places arrive once the story engine has read the script (off the keystroke path).
    await waitFor(() => api.outlineTree.provider.getChildren()[2]?.children.some((n) => n.label === 'HARBOUR'), 'the bible places');
    // So do the word figures (after the authorship tracker's pause); until then no test may count on
    // which nodes change (clean-clone run 63: they arrived during an edit test and refreshed Scenes).
    await waitFor(() => scriptWords(api), 'the word figures');
  });

  after(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the fixture script\'s story, characters, places, acts and scenes', () => {
    const provider = api.outlineTree.provider;
    assert.deepStrictEqual(shape(provider, provider.getChildren()), [
      ['Story', '', [['The Lighthouse', 'title'], ['A keeper must choose between the light and her sister.', 'logline']]],
      ['Characters', '2', [['NELL', '2 lines'], ['ADA', '1 line']]],
      ['Places', '3', [['LIGHTHOUSE', '2 scenes'], ['CLIFF', '1 scene'], ['HARBOUR', 'no scene yet']]],
      ['Scenes', '3', [
        ['Act One', '2 scenes', [['INT. LIGHTHOUSE - NIGHT', 'Nell finds the lamp dark.'], ['EXT. CLIFF - DAY', 'Ada arrives with a suitcase.']]],
        ['Act Two', '1 scene', [['INT. LIGHTHOUSE - NIGHT', 'Ada confesses.']]],
      ]],
    ]);
    const scenes = sceneNodes(api);
    assert.deepStrictEqual(scenes.map((s) => s.status), ['drafted', 'empty', 'drafted']);
    assert.deepStrictEqual(scenes.map((s) => provider.getTreeItem(s).contextValue), ['scene.drafted', 'scene.empty', 'scene.drafted']);
  });

  it('updates a scene node in place when its beat is edited', async () => {
    const provider = api.outlineTree.provider;
    const cliff = sceneNodes(api)[1];
    const fired: unknown[] = [];
    const listener = provider.onDidChangeTreeData((e) => fired.push(e));
    try {
      const words = scriptWords(api)!;
      const line = cliff.line + 1;
      await editor.edit((b) => b.insert(new vscode.Position(line, editor.document.lineAt(line).text.length - 1), ' and a secret'));
      // Two updates follow an edit: the scene's beat at once, the script's word count after the
      // authorship tracker's pause. Both are waited for, so what fired is the same on every run.
      await waitFor(() => cliff.description === 'Ada arrives with a suitcase and a secret.', 'the beat to show', 15000);
      await waitFor(() => scriptWords(api) === words + 3, `the word count to go from ${words} to ${words + 3}`, 15000);
      assert.strictEqual(sceneNodes(api)[1], cliff, 'the same node object');
      const refreshed = fired.flatMap((e) => (Array.isArray(e) ? e.map((n: OutlineNode) => n.id) : ['(the whole tree)']));
      assert.deepStrictEqual([...new Set(refreshed)].sort(), ['group:scenes', cliff.id].sort(), `only the scene node and the Scenes group (its word count) refreshed: ${JSON.stringify(refreshed)}`);
    } finally {
      listener.dispose();
      await vscode.commands.executeCommand('undo');
    }
  });

  it('reveals a node: clicking moves the cursor to its heading', async () => {
    const act2 = sceneNodes(api)[2];
    const item = api.outlineTree.provider.getTreeItem(act2);
    assert.ok(item.command, 'the node has a click command');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document, editor.document);
    assert.strictEqual(active.selection.active.line, act2.line);
    assert.strictEqual(active.document.lineAt(act2.line).text, 'INT. LIGHTHOUSE - NIGHT');
  });

  it('selects the scene under the cursor in the tree', async () => {
    await vscode.commands.executeCommand('dramaturge.outline.focus');
    await waitFor(() => api.outlineTree.view.visible, 'the view to be visible');
    editor = await vscode.window.showTextDocument(editor.document);
    const cliff = sceneNodes(api)[1];
    editor.selection = new vscode.Selection(cliff.line + 1, 0, cliff.line + 1, 0);
    await waitFor(() => api.outlineTree.view.selection[0] === cliff, 'the CLIFF scene to be selected', 15000);
    const first = sceneNodes(api)[0];
    editor.selection = new vscode.Selection(first.line + 3, 2, first.line + 3, 2);
    await waitFor(() => api.outlineTree.view.selection[0] === first, 'the first scene to be selected', 15000);
  });

  it('drag and drop moves exactly the scene\'s text, and one undo puts it back', async () => {
    editor = await vscode.window.showTextDocument(editor.document);
    assert.strictEqual(editor.document.getText(), original, 'starts from the fixture');
    const [first, cliff] = sceneNodes(api);
    const transfer = new vscode.DataTransfer();
    api.outlineTree.dragAndDrop.handleDrag([cliff], transfer);
    assert.ok(transfer.get(MIME), 'the drag carries the scene');
    await api.outlineTree.dragAndDrop.handleDrop(first, transfer, new vscode.CancellationTokenSource().token);
    const cliffText = 'EXT. CLIFF - DAY\n= Ada arrives with a suitcase.\n\n';
    const expected = original.replace(cliffText, '').replace('INT. LIGHTHOUSE - NIGHT\n= Nell finds', `${cliffText}INT. LIGHTHOUSE - NIGHT\n= Nell finds`);
    assert.notStrictEqual(expected, original);
    assert.strictEqual(editor.document.getText(), expected);
    await waitFor(() => sceneNodes(api)[0].label === 'EXT. CLIFF - DAY' || undefined, 'the tree to show the new order', 15000);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original, 'one undo restores the whole file');
  });

  it('lists every bible character, including one who has not spoken yet', async () => {
    editor = await vscode.window.showTextDocument(editor.document);
    assert.strictEqual(editor.document.getText(), original, 'starts from the fixture');
    const after = editor.document.getText().indexOf('[[ADA: her sister, back from the city]]') + '[[ADA: her sister, back from the city]]'.length;
    const tom = '\n\n[[TOM REED (Tom): the harbourmaster, who never speaks]]';
    assert.ok(await editor.edit((b) => b.insert(editor.document.positionAt(after), tom)));
    const provider = api.outlineTree.provider;
    await waitFor(() => provider.getChildren()[1]?.children.some((n) => n.label === 'TOM REED'), 'the new bible character in the tree');
    const [characters] = shape(provider, [provider.getChildren()[1]]);
    assert.deepStrictEqual(characters, ['Characters', '3', [['NELL', '2 lines'], ['ADA', '1 line'], ['TOM REED', 'no lines yet']]]);
    // Take the note out again through the same editor (a revert acts on whichever editor is active).
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(after), editor.document.positionAt(after + tom.length)))));
    assert.strictEqual(editor.document.getText(), original);
  });

  it("shows the title as text, not its markup (`_**BRICK & STEEL**_`)", async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const brick = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'brick-and-steel.fountain'));
    await vscode.window.showTextDocument(brick);
    const provider = api.outlineTree.provider;
    await waitFor(() => provider.currentDocument === brick, 'the tree to follow the script');
    const title = provider.getChildren()[0].children[0];
    assert.strictEqual(provider.getTreeItem(title).label, 'BRICK & STEEL FULL RETIRED');
    editor = await vscode.window.showTextDocument(editor.document);
  });
});
