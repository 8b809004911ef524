// Word-level authorship in the real VS Code: accept a generated scene, type and delete inside it,
// undo, and watch the outline's share of model words and the Show AI-Written Text underlines follow
// exactly; then the Authorship Report and the sidecar.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DramaturgeApi } from '../../src/extension';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { EXTENSION_ID, extensionHostSettled, waitFor } from './support/waitFor';

const SCRIPT = `Title: The Last Lamp
Logline: A retired lighthouse keeper must relight the lamp before the storm.

# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.

Elena climbs the stairs, counting.

EXT. THE CLIFF - DAY

= Elena meets the storm.
`;

describe('authorship: who wrote each word, live in the editor', function () {
  this.timeout(60000);
  let server: FakeModelServer;
  let api: DramaturgeApi;
  const created: vscode.Uri[] = [];

  before(async () => {
    server = await FakeModelServer.start();
    const config = vscode.workspace.getConfiguration('dramaturge.model');
    await config.update('provider', 'custom', vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'fake-small', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' });
    api = await vscode.extensions.getExtension<DramaturgeApi>(EXTENSION_ID)!.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update('dramaturge.authorship.showAIText', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await server?.close();
  });

  it('accept a scene, type inside it, undo: tree share and underlines follow word for word; the report and sidecar agree', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const uri = vscode.Uri.joinPath(folder.uri, `authorship-${Date.now()}.fountain`);
    const sidecar = uri.with({ path: `${uri.path}.dramaturge.json` });
    created.push(uri, sidecar);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SCRIPT));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await vscode.workspace.getConfiguration().update('dramaturge.authorship.showAIText', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dramaturge.authorship.toggleAIText');
    assert.strictEqual(vscode.workspace.getConfiguration().get('dramaturge.authorship.showAIText'), true, 'the toggle turns the underlines on');

    // Accept a generated scene 2.
    editor.selection = new vscode.Selection(new vscode.Position(13, 0), new vscode.Position(13, 0));
    server.enqueue({ content: "Here's the scene:\n\n```fountain\nELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n```" });
    await vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
    assert.ok(document.getText().endsWith('= Elena meets the storm.\n\nELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n'));

    const provider = api.outlineTree.provider;
    const scene = () => provider.sceneNode(1)?.description ?? '';
    const underlined = (kind: 'model' | 'modelEdited') => {
      api.authorship.decorations.redraw();
      return api.authorship.decorations.highlights(editor)[kind].map((r) => document.getText(r));
    };
    const settled = (share: string, model: string[], edited: string[]) =>
      waitFor(() => scene().endsWith(share) && JSON.stringify(underlined('model')) === JSON.stringify(model) && JSON.stringify(underlined('modelEdited')) === JSON.stringify(edited), `${share}, ${model.join('|')} / ${edited.join('|')} (now "${scene()}", ${underlined('model').join('|')} / ${underlined('modelEdited').join('|')})`);

    await settled('AI 100%', ['ELENA', 'The lamp is dark', 'She lifts the lantern'], []);
    assert.strictEqual(provider.sceneNode(0)?.description, 'Elena finds the lamp dark.', 'the writer\'s scene shows no AI share');
    const scenes = provider.roots.find((n) => n.id === 'group:scenes')!;
    assert.match(scenes.description, /^2 · AI \d+%$/);
    assert.match(scenes.tooltip, /^Whole script: \d+ words, 9 \(\d+%\) exactly as the model wrote them$/);

    // The writer types a word inside the model's line: it is the writer's (9 of 10 words).
    const at = (needle: string) => document.positionAt(document.getText().lastIndexOf(needle));
    await editor.edit((e) => e.insert(at('lamp is dark'), 'old '));
    await settled('AI 90%', ['ELENA', 'The', 'lamp is dark', 'She lifts the lantern'], []);
    // …and changes a model word: "dark" → "darker" is the model's, then edited.
    await editor.edit((e) => e.insert(at('.\n\nShe'), 'er'));
    await settled('AI 80%', ['ELENA', 'The', 'lamp is', 'She lifts the lantern'], ['darker']);
    // Deleting model words removes them from the count…
    await editor.edit((e) => e.delete(new vscode.Range(at('She lifts'), at('the lantern'))));
    await settled('AI 75%', ['ELENA', 'The', 'lamp is', 'the lantern'], ['darker']);
    // …and undo brings them back as the model's, not the writer's.
    await vscode.commands.executeCommand('undo');
    await settled('AI 80%', ['ELENA', 'The', 'lamp is', 'She lifts the lantern'], ['darker']);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await settled('AI 100%', ['ELENA', 'The lamp is dark', 'She lifts the lantern'], []);
    await vscode.commands.executeCommand('redo');
    await settled('AI 90%', ['ELENA', 'The', 'lamp is dark', 'She lifts the lantern'], []);

    // The report, as a Markdown document beside the script.
    const report = (await vscode.commands.executeCommand('dramaturge.authorship.report', document)) as vscode.TextDocument;
    assert.strictEqual(report.languageId, 'markdown');
    const text = report.getText();
    assert.match(text, /^# Authorship report: authorship-\d+\.fountain$/m);
    assert.match(text, /^\| 2 \| EXT\. THE CLIFF - DAY \| 10 \| 1 \| 9 \| 0 \|$/m);
    assert.match(text, /^\| fake-small \| \d{4}-\d\d-\d\dT/m);

    // Save: the sidecar (version 2) holds the items and the authorship, and reads back the same.
    await vscode.window.showTextDocument(document);
    await extensionHostSettled();
    const version = document.version;
    const saved = await document.save();
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.ok(saved, `save() was refused: dirty ${document.isDirty}, version ${version} → ${document.version}, disk ${onDisk === document.getText() ? 'equals' : 'differs from'} the editor`);
    const json = await waitFor(async () => {
      const raw = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar).then(undefined, () => new Uint8Array()));
      return raw.includes('"old "') && raw;
    }, 'the sidecar with the typed word');
    const parsed = JSON.parse(json);
    assert.strictEqual(parsed.version, 2);
    assert.deepEqual(parsed.authorship.models.map((m: { model: string }) => m.model), ['fake-small']);
    assert.strictEqual(parsed.authorship.answers.length, 1);
    assert.match(parsed.authorship.answers[0].promptHash, /^[0-9a-f]{16}$/);
    assert.ok(parsed.authorship.runs.some((r: unknown[]) => r[0] === 'w' && r[1] === 'old '), 'the typed word is the writer\'s');
  });
});
