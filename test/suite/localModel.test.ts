// The built-in local model in the real VS Code: provider "local" with a real GGUF (SmolLM2-135M,
// passed by the harness as DRAMATURGE_MODEL_FILE) run by node-llama-cpp in the extension's own
// child process. No stand-in: Generate Characters proposes a bible the parsers read, Reject leaves
// the file byte-identical, Accept writes exactly the proposal, and a scene streams and cancels.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ReviewController } from '../../src/vscode/review/reviewController';
import { readStory } from '../../src/story/storyReader';
import { dramaturgeApi, testAnswers } from './support/api';

const LOGLINE = 'A retired lighthouse keeper must relight the lamp before the storm.';

async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function openScript(name: string, content: string): Promise<{ editor: vscode.TextEditor; document: vscode.TextDocument }> {
  const folder = vscode.workspace.workspaceFolders![0];
  const uri = vscode.Uri.joinPath(folder.uri, `local-${name}-${Date.now()}.fountain`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { editor, document };
}

async function diskText(document: vscode.TextDocument): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
}

describe('the built-in local model (provider "local", real SmolLM2-135M)', function () {
  this.timeout(600_000);
  let review: ReviewController;
  const model = vscode.workspace.getConfiguration('dramaturge.model');
  const generation = vscode.workspace.getConfiguration('dramaturge.generation');
  const local = vscode.workspace.getConfiguration('dramaturge.local');

  before(async () => {
    const file = process.env.DRAMATURGE_MODEL_FILE;
    assert.ok(file && fs.existsSync(file), `DRAMATURGE_MODEL_FILE must name the test model (npm test sets it; got ${file})`);
    await model.update('provider', 'local', vscode.ConfigurationTarget.Global);
    // Short answers keep the run quick on two cores.
    await model.update('levels', { scene: { maxTokens: 48 } }, vscode.ConfigurationTarget.Global);
    await generation.update('characterCount', 2, vscode.ConfigurationTarget.Global);
    // On a machine whose cores are all busy, one thread decodes much faster than contended ones.
    const threads = Number(process.env.DRAMATURGE_LOCAL_THREADS);
    if (Number.isInteger(threads) && threads > 0) await local.update('threads', threads, vscode.ConfigurationTarget.Global);
    review = (await dramaturgeApi()).review;
    testAnswers().replaceEditedText = false;
  });

  after(async () => {
    // `review` is unset when the before hook failed (no model file): still restore the settings.
    for (const p of review?.all() ?? []) review.discard(p);
    await model.update('provider', undefined, vscode.ConfigurationTarget.Global);
    await model.update('levels', undefined, vscode.ConfigurationTarget.Global);
    await generation.update('characterCount', undefined, vscode.ConfigurationTarget.Global);
    await local.update('threads', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Generate Characters: Reject leaves the file byte-identical; Accept writes exactly the proposed bible', async () => {
    const original = `Title: The Last Lamp\nLogline: ${LOGLINE}\n`;
    const { document } = await openScript('chars', original);

    await vscode.commands.executeCommand('dramaturge.generateCharacters');
    assert.strictEqual(review.list(document.uri).length, 1, 'one proposal from the local model');
    assert.strictEqual(document.getText(), original, 'nothing written before Accept');
    await vscode.commands.executeCommand('dramaturge.review.rejectAll');
    assert.strictEqual(review.list(document.uri).length, 0);
    assert.strictEqual(document.getText(), original);
    assert.strictEqual(document.isDirty, false);
    assert.strictEqual(await diskText(document), original);

    await vscode.commands.executeCommand('dramaturge.generateCharacters');
    const [p] = review.list(document.uri);
    assert.ok(p && !p.streaming);
    const expected = review.proposedText(document);
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
    assert.strictEqual(document.getText(), expected, 'Accept writes exactly the proposal');
    const story = readStory(document.getText());
    assert.ok(story.characters.length >= 1 && story.characters.length <= 2, `characters: ${JSON.stringify(story.characters)}`);
    for (const c of story.characters) {
      assert.ok(c.name.length > 0 && c.name === c.name.toUpperCase(), `a cue-ready name: ${c.name}`);
      assert.ok(c.description.length > 0);
    }
    assert.match(document.getText(), /^# Characters\n\n\[\[[^\n]+\]\]$/m);
    assert.ok(document.getText().startsWith(original), 'the title page is untouched');
  });

  it('Generate Scene at Cursor streams the local model into the proposal; Cancel applies nothing', async () => {
    const script = `Title: The Last Lamp\nLogline: ${LOGLINE}\n\n# Characters\n\n[[ELENA VOSS (Elena): A retired keeper who counts everything.]]\n\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`;
    const { document, editor } = await openScript('scene', script);
    editor.selection = new vscode.Selection(new vscode.Position(12, 0), new vscode.Position(12, 0));
    const running = vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    let firstSeen = '';
    await waitFor(
      'streamed words in the proposal',
      () => {
        const streaming = review.list(document.uri).find((p) => p.streaming && p.newText.trim().length > 0);
        if (streaming) firstSeen ||= streaming.newText;
        return !!streaming && streaming.newText.length > firstSeen.length;
      },
      300_000,
    );
    assert.strictEqual(document.getText(), script, 'nothing is written while it streams');
    await vscode.commands.executeCommand('dramaturge.cancelGeneration');
    await running;
    assert.strictEqual(review.list(document.uri).length, 0, 'the proposal is gone');
    assert.strictEqual(document.getText(), script);
    assert.strictEqual(document.isDirty, false);
    assert.strictEqual(await diskText(document), script);
  });
});
