// Generation in the editor, in the real VS Code against the fake model server: every command's
// result is a proposal; Accept writes exactly the expected text in one undo step, Reject and Cancel
// leave the file byte-identical, and the writer's typing while a proposal is open is never lost.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import type { ReviewController } from '../../src/vscode/review/reviewController';
import { dramaturgeApi, testAnswers } from './support/api';

const LOGLINE = 'A retired lighthouse keeper must relight the lamp before the storm.';

async function settle(ms = 150): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await settle(30);
  }
}

async function openScript(name: string, content: string): Promise<{ editor: vscode.TextEditor; document: vscode.TextDocument }> {
  const folder = vscode.workspace.workspaceFolders![0];
  const uri = vscode.Uri.joinPath(folder.uri, `gen-${name}-${Date.now()}.fountain`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { editor, document };
}

async function diskText(document: vscode.TextDocument): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
}

const SCRIPT = `Title: The Last Lamp
Logline: ${LOGLINE}

# Characters

[[ELENA VOSS (Elena): A retired keeper who counts everything.]]

# Places

[[THE LIGHTHOUSE: A white tower with a rusted gallery.]]

# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.

Elena climbs the stairs, counting.

EXT. THE CLIFF - DAY

= Elena meets the storm.
`;

/** How many characters Generate Characters asks for (undefined: the default). */
async function characterCount(n: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('dramaturge.generation').update('characterCount', n, vscode.ConfigurationTarget.Global);
}

describe('generation: commands propose, the writer decides', function () {
  this.timeout(60000);
  let server: FakeModelServer;
  let review: ReviewController;

  before(async () => {
    server = await FakeModelServer.start();
    const config = vscode.workspace.getConfiguration('dramaturge.model');
    await config.update('provider', 'custom', vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'fake-small', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' });
    await openScript('activate', SCRIPT);
    review = (await dramaturgeApi()).review;
  });

  after(async () => {
    await server?.close();
  });

  beforeEach(() => {
    server.reset();
    testAnswers().replaceEditedText = false;
  });

  afterEach(async () => {
    for (const p of review.all()) review.discard(p);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Generate Title: Accept writes exactly the title, undo restores in one step, the prompt has the logline', async () => {
    const original = `Logline: ${LOGLINE}\n`;
    const { document } = await openScript('title', original);
    server.enqueue({ content: 'Sure! Here is a title for your story:\n\n**The Last Lamp**\n\nLet me know if you want more options.' });
    await vscode.commands.executeCommand('dramaturge.generateTitle');
    assert.strictEqual(review.list(document.uri).length, 1, 'one proposal');
    assert.strictEqual(document.getText(), original, 'nothing written before Accept');
    const prompt = JSON.stringify(server.chatRequests()[0].body.messages);
    assert.ok(prompt.includes(LOGLINE), 'the prompt carries the logline');
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
    assert.strictEqual(document.getText(), `Title: The Last Lamp\nLogline: ${LOGLINE}\n`);
    assert.strictEqual(review.list(document.uri).length, 0);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), original, 'one undo step');
  });

  it('Generate Characters: Reject leaves the file byte-identical; Accept gives the exact bible', async () => {
    // Two are asked for, two come back: an answer that fits, so no resample and no warning.
    await characterCount(2);
    try {
      await generateTwoCharacters();
    } finally {
      await characterCount(undefined);
    }
  });

  async function generateTwoCharacters(): Promise<void> {
    const original = `Title: The Last Lamp\nLogline: ${LOGLINE}\n`;
    const { document } = await openScript('chars', original);
    const reply = {
      content:
        "Here are the characters:\n\n```json\n[\n  {\"name\": \"Elena Voss\", \"description\": \"A retired keeper who counts everything.\", \"aliases\": [\"Elena\"]},\n  {\"name\": \"TOM\", \"description\": \"Her nephew, a surveyor.\", \"aliases\": []},\n]\n```\nI hope these help!",
    };
    server.enqueue(reply);
    await vscode.commands.executeCommand('dramaturge.generateCharacters');
    assert.strictEqual(review.list(document.uri).length, 1);
    await vscode.commands.executeCommand('dramaturge.review.rejectAll');
    assert.strictEqual(review.list(document.uri).length, 0);
    assert.strictEqual(document.getText(), original);
    assert.strictEqual(document.isDirty, false);
    assert.strictEqual(await diskText(document), original);

    server.enqueue(reply);
    await vscode.commands.executeCommand('dramaturge.generateCharacters');
    const [p] = review.list(document.uri);
    const blocks = review.blocks(document, p);
    assert.strictEqual(blocks.length, 1);
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptBlock', p.id, 0));
    assert.strictEqual(
      document.getText(),
      `Title: The Last Lamp\nLogline: ${LOGLINE}\n\n# Characters\n\n[[ELENA VOSS (Elena): A retired keeper who counts everything.]]\n\n[[TOM: Her nephew, a surveyor.]]\n`,
    );
  }

  it('Generate Scene at Cursor streams into the proposal; Cancel mid-stream applies nothing', async () => {
    const { document, editor } = await openScript('cancel', SCRIPT);
    editor.selection = new vscode.Selection(new vscode.Position(20, 0), new vscode.Position(20, 0));
    server.enqueue({ content: 'ELENA\nThe lamp is dark.\n\nShe lifts the lantern. The wind screams through the gallery.\n\nELENA\nNot tonight.', chunkSize: 6, chunkDelayMs: 120 });
    const running = vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    await waitFor(() => review.list(document.uri).some((p) => p.streaming && p.newText.includes('ELENA')));
    assert.strictEqual(document.getText(), SCRIPT);
    await vscode.commands.executeCommand('dramaturge.cancelGeneration');
    await running;
    assert.strictEqual(review.list(document.uri).length, 0, 'the proposal is gone');
    assert.strictEqual(document.getText(), SCRIPT);
    assert.strictEqual(document.isDirty, false);
  });

  it('Generate Scene at Cursor: Accept writes the cleaned draft into the scene body only', async () => {
    const { document, editor } = await openScript('scene', SCRIPT);
    editor.selection = new vscode.Selection(new vscode.Position(20, 0), new vscode.Position(20, 0));
    server.enqueue({ content: "Here's the scene:\n\n```fountain\nELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n```", chunkSize: 10 });
    await vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    const prompt = JSON.stringify(server.chatRequests()[0].body.messages);
    assert.ok(prompt.includes('Elena meets the storm'), 'the beat is in the prompt');
    assert.ok(prompt.includes('A white tower') || prompt.includes('THE CLIFF'), 'the place is in the prompt');
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
    assert.strictEqual(document.getText(), SCRIPT.replace('= Elena meets the storm.\n', '= Elena meets the storm.\n\nELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), SCRIPT);
  });

  it("Generate Scene at Cursor: a draft in the example's cast is asked again; one still off is proposed with its warning", async () => {
    const { document, editor } = await openScript('scene-warned', SCRIPT);
    editor.selection = new vscode.Selection(new vscode.Position(20, 0), new vscode.Position(20, 0));
    server.enqueue({ content: 'MAUD\nTwenty hives.\n\nKELL\nOne bee.' }, { content: 'Elena looks out to sea.\n\nKELL\nStorm coming.' });
    await vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    assert.strictEqual(server.chatRequests().length, 2, 'asked once more, no more');
    assert.strictEqual(server.chatRequests()[1].body.temperature, 1, 'the resample is nudged');
    const [proposal] = review.list(document.uri);
    assert.strictEqual(review.list(document.uri).length, 1, 'the first answer was never proposed');
    const warning = "Not as asked, even after a second try: speakers not in the character list: KELL; it uses names from the prompt's example, not this story: KELL.";
    assert.strictEqual(proposal.warning, warning);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(lenses.some((l) => l.command?.title === `$(warning) ${warning}`), JSON.stringify(lenses.map((l) => l.command?.title)));
    await vscode.commands.executeCommand('dramaturge.review.rejectAll');
    assert.strictEqual(document.getText(), SCRIPT);
    assert.strictEqual(document.isDirty, false);
  });

  it('Rewrite Selection proposes over the selection only', async () => {
    const { document, editor } = await openScript('rewrite', SCRIPT);
    const start = document.positionAt(SCRIPT.indexOf('Elena climbs'));
    const end = document.positionAt(SCRIPT.indexOf('counting.') + 'counting.'.length);
    editor.selection = new vscode.Selection(start, end);
    server.enqueue({ content: 'Elena takes the stairs two at a time, still counting.' });
    const input = vscode.commands.executeCommand('dramaturge.rewriteSelection');
    await settle(400);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await input;
    // The input box was dismissed: nothing asked, nothing proposed.
    assert.strictEqual(review.list(document.uri).length, 0);
    assert.strictEqual(server.chatRequests().length, 0);
  });

  it('randomized typing around an open proposal, then Accept: no keystroke is lost', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 6; round++) {
      const { document, editor } = await openScript(`typing${round}`, SCRIPT);
      const target = 'Elena climbs the stairs, counting.';
      const proposed = 'Elena runs up the stairs.';
      const start = SCRIPT.indexOf(target);
      const p = review.propose(document, { label: 'Scene 1', start, end: start + target.length, text: proposed });
      let expected = SCRIPT;
      let expectedStart = start;
      let touchedTarget = false;
      for (let k = 0; k < 8; k++) {
        const text = document.getText();
        const inside = random() < 0.25;
        const at = inside ? expectedStart + 1 + Math.floor(random() * (target.length - 2)) : random() < 0.5 ? Math.floor(random() * expectedStart) : expectedStart + target.length + Math.floor(random() * (text.length - expectedStart - target.length));
        const typed = ['x', 'Hey ', '\n', 'é'][Math.floor(random() * 4)];
        await editor.edit((e) => e.insert(document.positionAt(at), typed));
        expected = expected.slice(0, at) + typed + expected.slice(at);
        if (inside) touchedTarget = true;
        else if (at <= expectedStart) expectedStart += typed.length;
        if (random() < 0.3) await settle(20);
      }
      assert.strictEqual(document.getText(), expected);
      assert.strictEqual(p.touched, touchedTarget, 'touched exactly when the writer typed inside the target');
      if (touchedTarget) {
        // The writer said Cancel: their text stays, and so does the proposal.
        testAnswers().replaceEditedText = false;
        assert.strictEqual(await vscode.commands.executeCommand('dramaturge.review.acceptAll'), false);
        assert.strictEqual(document.getText(), expected);
        assert.strictEqual(review.list(document.uri).length, 1);
        review.discard(p);
      } else {
        assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
        assert.strictEqual(document.getText(), expected.slice(0, expectedStart) + proposed + expected.slice(expectedStart + target.length));
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('the side-by-side view shows the document with the proposal applied', async () => {
    const { document } = await openScript('side', `Logline: ${LOGLINE}\n`);
    server.enqueue({ content: 'The Last Lamp' });
    await vscode.commands.executeCommand('dramaturge.generateTitle');
    await vscode.commands.executeCommand('dramaturge.review.showSideBySide');
    await settle(300);
    const proposalDoc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'dramaturge-proposal' && d.uri.query === document.uri.toString());
    assert.ok(proposalDoc, 'the virtual proposal document is open');
    assert.strictEqual(proposalDoc!.getText(), `Title: The Last Lamp\nLogline: ${LOGLINE}\n`);
    assert.strictEqual(document.getText(), `Logline: ${LOGLINE}\n`);
  });

  it('Generate All Scenes: one proposal per scene, accepted together in one undo step', async () => {
    const script = SCRIPT.replace('Elena climbs the stairs, counting.\n\n', '');
    const { document } = await openScript('all', script);
    server.respondWith((req) => {
      const text = JSON.stringify(req.body.messages);
      return { content: text.includes('meets the storm') ? 'Rain lashes the cliff.' : 'The stairs creak.' };
    });
    await vscode.commands.executeCommand('dramaturge.generateAllScenes');
    assert.strictEqual(review.list(document.uri).length, 2);
    assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
    assert.strictEqual(
      document.getText(),
      script.replace('= Elena finds the lamp dark.\n', '= Elena finds the lamp dark.\n\nThe stairs creak.\n').replace('= Elena meets the storm.\n', '= Elena meets the storm.\n\nRain lashes the cliff.\n'),
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), script);
  });
});
