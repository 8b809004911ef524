// The rest of the generation commands in the real VS Code against the fake model server (see
// generation.test.ts for Title/Characters/Scene/All Scenes): Accept writes exactly the expected
// text in one undo step, Reject and Cancel leave the file byte-identical, and each prompt carries
// the inputs it is made from. Questions are answered through the commands' arguments (logline,
// instruction, count) and the replaceable `prompts` hook (modal confirmations).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { storyResponder } from '../fixtures/story/storyResponder';
import type { ReviewController } from '../../src/vscode/review/reviewController';
import type { GenerationPrompts } from '../../src/vscode/commands/generation/generationCommands';
import { dramaturgeApi, testAnswers } from './support/api';
import { extensionHostSettled } from './support/waitFor';

const LOGLINE = 'A retired lighthouse keeper must relight the lamp before the storm.';

async function settle(ms = 150): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(30);
  }
}

let counter = 0;
async function openScript(name: string, content: string): Promise<{ editor: vscode.TextEditor; document: vscode.TextDocument }> {
  const folder = vscode.workspace.workspaceFolders![0];
  const uri = vscode.Uri.joinPath(folder.uri, `gencmd-${name}-${Date.now()}-${counter++}.fountain`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { editor, document };
}

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function cursorAt(editor: vscode.TextEditor, text: string): void {
  const at = editor.document.positionAt(editor.document.getText().indexOf(text));
  assert.ok(editor.document.getText().includes(text), `the script has "${text}"`);
  editor.selection = new vscode.Selection(at, at);
}

function selectText(editor: vscode.TextEditor, text: string): void {
  const start = editor.document.getText().indexOf(text);
  assert.ok(start >= 0, `the script has "${text}"`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + text.length));
}

const fence = (value: unknown) => ({ content: "Sure! Here's the JSON:\n\n```json\n" + JSON.stringify(value, null, 2) + '\n```\n\nLet me know!' });

const STORY = `Title: The Last Lamp
Logline: ${LOGLINE}

# Characters

[[ELENA VOSS (Elena): A retired keeper who counts everything.]]

[[TOM REED (Tom): Her nephew, a surveyor.]]

# Places

[[THE LIGHTHOUSE: A white tower with a rusted gallery.]]

# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.

Elena climbs the stairs, counting.

EXT. THE CLIFF - DAY

= Tom reaches the cliff.
`;

/** What "Write Whole Screenplay" makes of a logline with the story responder (3 scenes, structure Setup, Climax). */
function wholeScreenplay(logline: string): string {
  const scene = (heading: string, n: number, who: string, cue: string) =>
    `${heading}\n\n= Beat ${n}: ${who} finds clue number ${n} and hides it from the others.\n\n` +
    `Wind drags salt across the ground. Beat ${n}: ${who} finds clue number ${n} and hides it from the others.\n\n` +
    `${cue}\n(quietly)\nYou heard that too. Don't pretend you didn't.\n\n${cue}\nHeard what? It's the wind.\n\n` +
    `${cue} turns the dial. Static, then a voice counting backwards.\n`;
  const place = (name: string) => `[[${name}: ${name} under a white sky, everything coated in salt; a place where sound carries too far.]]\n`;
  return [
    `Title: Static Lake\nLogline: ${logline}\n`,
    '# Characters\n',
    '[[MARA QUILL (Mara): A radio operator who hears voices in static and writes them down.]]\n',
    '[[JONAH BEST (Jonah, Best): Motel owner; keeps every guest book since 1971.]]\n',
    '[[DR. ISA KHAN (Isa): A geologist mapping a lake that should not exist.]]\n',
    '[[WES: A teenager who fixes trucks and lies about his age.]]\n',
    '# Places\n',
    place('SALT FLATS'),
    place('MOTEL OFFICE'),
    place('PICKUP TRUCK'),
    '# Setup\n',
    scene('EXT. SALT FLATS - DAY', 1, 'Mara', 'MARA QUILL'),
    scene('INT. MOTEL OFFICE - NIGHT', 2, 'Jonah', 'JONAH BEST'),
    '# Climax\n',
    scene('INT. PICKUP TRUCK - DAY', 3, 'Isa', 'DR. ISA KHAN'),
  ].join('\n');
}

describe('generation commands: every command proposes, Accept/Reject/Cancel/undo behave', function () {
  this.timeout(90000);
  let server: FakeModelServer;
  let review: ReviewController;
  let prompts: { current: GenerationPrompts };
  const questions: string[] = [];
  const answer = (yes: boolean): GenerationPrompts => ({
    confirm: async (question) => {
      questions.push(question);
      return yes;
    },
  });
  const created: vscode.Uri[] = [];

  const prompt = (i = 0) => JSON.stringify(server.chatRequests()[i].body.messages);
  const acceptAll = async () => assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'), 'Accept All wrote the proposal');
  const undoRestores = async (document: vscode.TextDocument, original: string) => {
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(document.getText(), original, 'one undo step restores the previous text');
  };

  before(async () => {
    server = await FakeModelServer.start();
    const config = vscode.workspace.getConfiguration('dramaturge.model');
    await config.update('provider', 'custom', vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'fake-small', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' });
    await openScript('activate', STORY);
    review = (await dramaturgeApi()).review;
    prompts = (await dramaturgeApi()).prompts;
  });

  after(async () => {
    await server?.close();
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  let savedPrompts: GenerationPrompts;
  beforeEach(() => {
    server.reset();
    server.respondWith(() => ({ content: 'UNEXPECTED REQUEST' }));
    questions.length = 0;
    savedPrompts = prompts.current;
    prompts.current = answer(false);
    testAnswers().replaceEditedText = false;
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('dramaturge.generation').update('characterCount', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', undefined, vscode.ConfigurationTarget.Global);
    prompts.current = savedPrompts;
    for (const p of review.all()) review.discard(p);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('New Screenplay from Logline', () => {
    it('creates the file holding the logline and proposes the title; Accept, undo, Reject', async () => {
      server.enqueue({ content: 'Here is a title:\n\nTitle: "The Last Lamp"' }, { content: 'The Last Lamp' });
      await vscode.commands.executeCommand('dramaturge.newScreenplayFromLogline', LOGLINE);
      const editor = vscode.window.activeTextEditor!;
      const document = editor.document;
      created.push(document.uri);
      const folder = vscode.workspace.workspaceFolders![0].uri.path;
      assert.ok(document.uri.path.startsWith(`${folder}/a-retired-lighthouse-keeper-must`), document.uri.path);
      assert.ok(document.uri.path.endsWith('.fountain'));
      assert.strictEqual(document.languageId, 'fountain');
      const original = `Logline: ${LOGLINE}\n`;
      assert.strictEqual(await diskText(document.uri), original, 'the new file holds the logline');
      assert.strictEqual(document.getText(), original, 'the title is only proposed');
      assert.strictEqual(review.list(document.uri).length, 1);
      assert.ok(prompt().includes(LOGLINE), 'the title prompt carries the logline');
      await acceptAll();
      assert.strictEqual(document.getText(), `Title: The Last Lamp\nLogline: ${LOGLINE}\n`);
      await undoRestores(document, original);

      // Regenerate the title, then Reject: byte-identical.
      await vscode.commands.executeCommand('dramaturge.generateTitle');
      assert.strictEqual(review.list(document.uri).length, 1);
      await vscode.commands.executeCommand('dramaturge.review.rejectAll');
      assert.strictEqual(document.getText(), original);
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.strictEqual(await diskText(document.uri), original);
    });
  });

  describe('Answers that do not fit what was asked', () => {
    const LONG = 'The Long and Winding Night of the Lighthouse Keeper Who Counted Every Step';

    it('a title too long is asked again once, then proposed with a warning on its block; Accept still writes it', async () => {
      const { document } = await openScript('warned-title', STORY);
      server.enqueue({ content: `Title: ${LONG}` }, { content: `Title: ${LONG}` });
      await vscode.commands.executeCommand('dramaturge.generateTitle');
      assert.strictEqual(server.chatRequests().length, 2, 'one resample, no more');
      const [proposal] = review.list(document.uri);
      const expected = 'Not as asked, even after a second try: the title has 13 words (at most 6 were asked for).';
      assert.strictEqual(proposal.warning, expected);
      // Visible where the writer decides: on the proposal's lens, next to Accept and Reject.
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(titles.includes(`$(warning) ${expected}`), JSON.stringify(titles));
      assert.ok(titles.includes('Accept') && titles.includes('Reject'), JSON.stringify(titles));
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('Title: The Last Lamp', `Title: ${LONG}`));
    });

    it('an answer that fits after the resample carries no warning', async () => {
      const { document } = await openScript('fixed-title', STORY);
      server.enqueue({ content: `Title: ${LONG}` }, { content: 'Title: Keeper of the Dark' });
      await vscode.commands.executeCommand('dramaturge.generateTitle');
      const [proposal] = review.list(document.uri);
      assert.strictEqual(proposal.warning, undefined);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      assert.ok(!lenses.some((l) => l.command?.title.includes('$(warning)')));
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('Title: The Last Lamp', 'Title: Keeper of the Dark'));
    });
  });

  describe('New Screenplay from Logline, with an empty Fountain file open', () => {
    it('writes the logline into that file instead of making another, and proposes the title there', async () => {
      const { document } = await openScript('empty', '');
      created.push(document.uri);
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const scripts = async () => (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((n) => n.endsWith('.fountain')).sort();
      const before = await scripts();
      server.enqueue({ content: 'Title: The Last Lamp' });
      await vscode.commands.executeCommand('dramaturge.newScreenplayFromLogline', LOGLINE);
      assert.strictEqual(vscode.window.activeTextEditor?.document, document, 'the empty file is the screenplay');
      assert.deepStrictEqual(await scripts(), before, 'no new file');
      assert.strictEqual(document.getText(), `Logline: ${LOGLINE}\n`);
      assert.strictEqual(review.list(document.uri).length, 1, 'the title is proposed in it');
      await acceptAll();
      assert.strictEqual(document.getText(), `Title: The Last Lamp\nLogline: ${LOGLINE}\n`);
    });
  });

  describe('Generate Beats', () => {
    const noCharacters = `Title: The Last Lamp\nLogline: ${LOGLINE}\n`;

    it('with no characters, asks first; declining sends nothing and proposes nothing', async () => {
      const { document } = await openScript('beats-no', noCharacters);
      await vscode.commands.executeCommand('dramaturge.generateBeats');
      assert.deepStrictEqual(questions, ['This screenplay has no characters yet. Generate them first?']);
      assert.strictEqual(server.chatRequests().length, 0);
      assert.strictEqual(review.list(document.uri).length, 0);
      assert.strictEqual(document.getText(), noCharacters);
    });

    it('with no characters, agreeing generates them first; one proposal, exact Accept, one undo', async () => {
      prompts.current = answer(true);
      // Two characters asked for and two given, one beat for each element of the structure:
      // answers that fit, so no resample.
      await vscode.workspace.getConfiguration('dramaturge.generation').update('characterCount', 2, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', 'Exposition, Climax', vscode.ConfigurationTarget.Global);
      const { document } = await openScript('beats-yes', noCharacters);
      server.enqueue(
        fence([
          { name: 'Elena Voss', description: 'A retired keeper who counts everything.', aliases: ['Elena'] },
          { name: 'TOM REED', description: 'Her nephew.', aliases: ['Tom'] },
        ]),
        fence([
          { heading: 'INT. THE LIGHTHOUSE - NIGHT', plotElement: 'Exposition', beat: 'Elena finds the lamp dark.' },
          { heading: 'EXT. THE CLIFF - DAY', plotElement: 'Climax', beat: 'Tom reaches the cliff.' },
        ]),
      );
      await vscode.commands.executeCommand('dramaturge.generateBeats');
      assert.strictEqual(questions.length, 1);
      assert.strictEqual(server.chatRequests().length, 2);
      assert.ok(prompt(0).includes(LOGLINE));
      assert.ok(prompt(1).includes(LOGLINE), 'the beats prompt has the logline');
      assert.ok(prompt(1).includes('Elena Voss') || prompt(1).includes('ELENA VOSS'), 'the beats prompt has the characters just generated');
      assert.strictEqual(review.list(document.uri).length, 1, 'characters and beats are one proposal');
      assert.strictEqual(document.getText(), noCharacters);
      await acceptAll();
      assert.strictEqual(
        document.getText(),
        `${noCharacters}\n# Characters\n\n[[ELENA VOSS (Elena): A retired keeper who counts everything.]]\n\n[[TOM REED (Tom): Her nephew.]]\n\n` +
          `# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n`,
      );
      await undoRestores(document, noCharacters);
    });

    it('Cancel while the model is answering applies nothing', async () => {
      const { document } = await openScript('beats-cancel', STORY);
      server.enqueue({ content: '[]', delayMs: 20000 });
      const running = vscode.commands.executeCommand('dramaturge.generateBeats');
      await waitFor('the beats request', () => server.chatRequests().length === 1);
      await vscode.commands.executeCommand('dramaturge.cancelGeneration');
      await running;
      assert.strictEqual(review.list(document.uri).length, 0);
      assert.strictEqual(document.getText(), STORY);
      assert.strictEqual(document.isDirty, false);
    });
  });

  describe('Generate Places', () => {
    it('describes only the places without a description; Accept adds exactly that note', async () => {
      const { document } = await openScript('places', STORY);
      server.enqueue({ content: 'Description: A bare headland where the wind never stops.\n\n<end>\nHope this helps!' });
      await vscode.commands.executeCommand('dramaturge.generatePlaces');
      assert.strictEqual(server.chatRequests().length, 1, 'THE LIGHTHOUSE is described already');
      assert.ok(prompt().includes('THE CLIFF') && prompt().includes(LOGLINE));
      await vscode.commands.executeCommand('dramaturge.review.rejectAll');
      assert.strictEqual(document.getText(), STORY);
      assert.strictEqual(document.isDirty, false);

      server.enqueue({ content: 'Description: A bare headland where the wind never stops.' });
      await vscode.commands.executeCommand('dramaturge.generatePlaces');
      await acceptAll();
      assert.strictEqual(
        document.getText(),
        STORY.replace('rusted gallery.]]\n', 'rusted gallery.]]\n\n[[THE CLIFF: A bare headland where the wind never stops.]]\n'),
      );
      await undoRestores(document, STORY);
    });
  });

  describe('Write Whole Screenplay', () => {
    it('from a logline: one proposal, reviewable scene by scene; Accept writes it all in one undo step; Reject leaves the file as it was', async () => {
      const original = `Logline: ${LOGLINE}\n`;
      const { document } = await openScript('whole', original);
      await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', 'Setup, Climax', vscode.ConfigurationTarget.Global);
      try {
        server.respondWith(storyResponder({ scenes: 3 }));
        await vscode.commands.executeCommand('dramaturge.writeWholeScreenplay');
        const open = review.list(document.uri);
        assert.strictEqual(open.length, 1, 'the outline and its scenes are one proposal');
        assert.strictEqual(document.getText(), original);
        const proposed = review.proposedText(document);
        const scenePrompts = server.chatRequests().filter((r) => /Write the scene(?! list)/.test(JSON.stringify(r.body.messages)));
        assert.strictEqual(scenePrompts.length, 3, 'one request per scene');
        const sceneTexts = scenePrompts.map((r) => JSON.stringify(r.body.messages));
        for (const k of [1, 2, 3]) assert.ok(sceneTexts.some((t) => t.includes(`Beat ${k}: `)), `a scene prompt carries beat ${k}`);
        assert.ok(sceneTexts.find((t) => t.includes('Beat 1: '))!.includes('MARA QUILL'), 'the generated characters reach the scene they are in');

        // Reviewable scene by scene: each scene heading sits in a block of its own.
        const blocks = review.blocks(document, open[0]);
        const headings = proposed.split('\n').filter((l) => /^(INT|EXT)\./.test(l));
        assert.strictEqual(headings.length, 3);
        const owners = headings.map((h) => blocks.findIndex((b) => b.newText.includes(h)));
        assert.ok(owners.every((o) => o >= 0) && new Set(owners).size === 3, `one block per scene: ${owners}`);

        await acceptAll();
        const text = document.getText();
        assert.strictEqual(text, proposed, 'Accept writes exactly what was proposed');
        assert.strictEqual(text, wholeScreenplay(LOGLINE), 'title, bible, places, beats and cleaned scenes, in Fountain');
        await undoRestores(document, original);

        await vscode.commands.executeCommand('dramaturge.writeWholeScreenplay');
        await vscode.commands.executeCommand('dramaturge.review.rejectAll');
        assert.strictEqual(document.getText(), original);
        await vscode.commands.executeCommand('workbench.action.files.save');
        assert.strictEqual(await diskText(document.uri), original);
      } finally {
        await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('Write Whole Screenplay over a complete outline', () => {
    it('yields one proposal per scene, visited with next/previous, accepted together in one undo step', async () => {
      const script = STORY.replace('Elena climbs the stairs, counting.\n\n', '').replace('rusted gallery.]]\n', 'rusted gallery.]]\n\n[[THE CLIFF: A bare headland.]]\n');
      const { document, editor } = await openScript('whole-scenes', script);
      server.respondWith((req) => ({ content: JSON.stringify(req.body.messages).includes('reaches the cliff') ? 'TOM\nThe cliff is gone.' : 'ELENA\nThe lamp is dark.' }));
      await vscode.commands.executeCommand('dramaturge.writeWholeScreenplay');
      assert.strictEqual(server.chatRequests().length, 2, 'only the two scenes were missing');
      const open = review.list(document.uri);
      assert.deepStrictEqual(open.map((p) => p.label), ['Scene 1', 'Scene 2']);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('dramaturge.review.next');
      assert.strictEqual(document.offsetAt(editor.selection.active), review.blocks(document, open[0])[0].oldStart, 'next goes to scene 1');
      await vscode.commands.executeCommand('dramaturge.review.next');
      assert.strictEqual(document.offsetAt(editor.selection.active), review.blocks(document, open[1])[0].oldStart, 'then to scene 2');
      await vscode.commands.executeCommand('dramaturge.review.previous');
      assert.strictEqual(document.offsetAt(editor.selection.active), review.blocks(document, open[0])[0].oldStart, 'previous goes back');
      await acceptAll();
      assert.strictEqual(
        document.getText(),
        script.replace('= Elena finds the lamp dark.\n', '= Elena finds the lamp dark.\n\nELENA\nThe lamp is dark.\n').replace('= Tom reaches the cliff.\n', '= Tom reaches the cliff.\n\nTOM\nThe cliff is gone.\n'),
      );
      await undoRestores(document, script);
    });
  });

  describe('Regenerate Stale', () => {
    it('after a character is renamed, regenerates exactly the scene they are in', async () => {
      const { document, editor } = await openScript('stale', STORY.replace('Elena climbs the stairs, counting.\n\n', ''));
      server.respondWith((req) => {
        const text = JSON.stringify(req.body.messages);
        if (text.includes('TOMAS')) return { content: 'TOMAS\nThe cliff is gone for good.' };
        return { content: text.includes('reaches the cliff') ? 'TOM\nThe cliff is gone.' : 'ELENA\nThe lamp is dark.' };
      });
      await vscode.commands.executeCommand('dramaturge.generateAllScenes');
      assert.strictEqual(review.list(document.uri).length, 2);
      await acceptAll();
      await vscode.commands.executeCommand('workbench.action.files.save');
      const sidecar = document.uri.with({ path: `${document.uri.path}.dramaturge.json` });
      created.push(sidecar);
      // Provenance of both scenes (written one after the other, neither lost).
      await waitFor('both scenes in the sidecar', async () => {
        const json = await diskText(sidecar).catch(() => '');
        return json.includes('"scenes/0"') && json.includes('"scenes/1"');
      });

      server.reset();
      server.respondWith((req) => ({ content: JSON.stringify(req.body.messages).includes('TOMAS') ? 'TOMAS\nThe cliff is gone for good.' : 'UNEXPECTED' }));
      await vscode.commands.executeCommand('dramaturge.regenerateStale');
      assert.strictEqual(server.chatRequests().length, 0, 'nothing is stale before the edit');
      assert.strictEqual(review.list(document.uri).length, 0);

      await editor.edit((e) => {
        const at = document.getText().indexOf('TOM REED');
        e.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 3)), 'TOMAS');
      });
      const renamed = document.getText();
      await vscode.commands.executeCommand('dramaturge.regenerateStale');
      assert.strictEqual(server.chatRequests().length, 1, 'only the stale scene is regenerated');
      assert.ok(prompt().includes('TOMAS REED') && prompt().includes('Tom reaches the cliff.'), 'the prompt has the renamed character and the beat');
      const open = review.list(document.uri);
      assert.strictEqual(open.length, 1);
      assert.strictEqual(open[0].label, 'Scene 2');
      await acceptAll();
      assert.strictEqual(document.getText(), renamed.replace('TOM\nThe cliff is gone.', 'TOMAS\nThe cliff is gone for good.'));
      assert.ok(document.getText().includes('ELENA\nThe lamp is dark.'), 'scene 1 untouched');
      await undoRestores(document, renamed);
    });
  });

  describe('Regenerate This and Show Alternatives', () => {
    it('Regenerate This on a character note replaces that note only', async () => {
      const { document, editor } = await openScript('this', STORY);
      cursorAt(editor, '[[TOM REED');
      server.enqueue(fence([{ name: 'TOM REED', description: 'Her nephew, who hates the sea.', aliases: ['Tom'] }]));
      await vscode.commands.executeCommand('dramaturge.regenerateThis');
      assert.strictEqual(server.chatRequests().length, 1);
      assert.ok(prompt().includes('TOM REED') && prompt().includes(LOGLINE));
      assert.strictEqual(review.list(document.uri).length, 1);
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('[[TOM REED (Tom): Her nephew, a surveyor.]]', '[[TOM REED (Tom): Her nephew, who hates the sea.]]'));
      await undoRestores(document, STORY);
    });

    it('the outline\'s Regenerate Scene acts on its node: the writer\'s cursor and selection stay where they were', async () => {
      const { document, editor } = await openScript('tree', STORY);
      const outline = (await dramaturgeApi()).outlineTree.provider;
      await waitFor('the outline to follow the script', () => outline.currentDocument === document && outline.sceneNode(0)?.label === 'INT. THE LIGHTHOUSE - NIGHT');
      selectText(editor, 'TOM REED');
      const selection = editor.selection;
      server.enqueue({ content: 'ELENA\nThe tree asked for this.' });
      await vscode.commands.executeCommand('dramaturge.outline.regenerateScene', outline.sceneNode(0));
      assert.strictEqual(server.chatRequests().length, 1);
      assert.ok(prompt().includes('Elena finds the lamp dark.'), 'the prompt is for the node\'s scene, not the one at the cursor');
      assert.deepStrictEqual(review.list(document.uri).map((p) => p.label), ['Scene 1']);
      assert.strictEqual(vscode.window.activeTextEditor?.document, document);
      assert.ok(vscode.window.activeTextEditor.selection.isEqual(selection), 'the selection did not move');
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('Elena climbs the stairs, counting.', 'ELENA\nThe tree asked for this.'));
      await undoRestores(document, STORY);
    });

    it('Show Alternatives: the quick pick previews each alternative as the proposal; the picked one stays', async () => {
      const { document, editor } = await openScript('alts', STORY);
      cursorAt(editor, 'Elena climbs');
      let n = 0;
      server.respondWith(() => ({ content: `ELENA\nVersion ${++n} of the climb.` }));
      const running = vscode.commands.executeCommand('dramaturge.showAlternatives', 3);
      const versions = () => review.list(document.uri).map((p) => /Version (\d)/.exec(p.newText)?.[1]);
      await waitFor('the first preview', () => versions().length === 1 && !!versions()[0]);
      assert.strictEqual(server.chatRequests().length, 3, 'three alternatives asked for');
      assert.ok(prompt().includes('Elena finds the lamp dark.'));
      const first = versions()[0];
      assert.strictEqual(document.getText(), STORY, 'a preview writes nothing');
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor('the second preview', () => versions().length === 1 && versions()[0] !== first);
      const second = versions()[0]!;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await running;
      assert.deepStrictEqual(versions(), [second], 'the picked alternative is the proposal');
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('Elena climbs the stairs, counting.', `ELENA\nVersion ${second} of the climb.`));
      await undoRestores(document, STORY);
    });

    it('Show Alternatives: closing the quick pick discards the preview', async () => {
      const { document, editor } = await openScript('alts-close', STORY);
      cursorAt(editor, 'Elena climbs');
      let n = 0;
      server.respondWith(() => ({ content: `ELENA\nVersion ${++n}.` }));
      const running = vscode.commands.executeCommand('dramaturge.showAlternatives', 2);
      await waitFor('the preview', () => review.list(document.uri).length === 1);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
      assert.strictEqual(review.list(document.uri).length, 0);
      assert.strictEqual(document.getText(), STORY);
    });
  });

  describe('Continue Scene', () => {
    it('streams the continuation after the draft; Accept appends exactly it; Cancel mid-stream applies nothing', async () => {
      const { document, editor } = await openScript('continue', STORY);
      cursorAt(editor, 'Elena climbs');
      server.enqueue({ content: 'Sure, continuing from there:\n\n```fountain\nShe reaches the lamp room.\n\nELENA\nThree hundred steps.\n```', chunkSize: 8 });
      await vscode.commands.executeCommand('dramaturge.continueScene');
      assert.ok(prompt().includes('Elena climbs the stairs, counting.'), 'the prompt has the draft so far');
      assert.ok(prompt().includes('Elena finds the lamp dark.'), 'and the beat');
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace('counting.\n', 'counting.\n\nShe reaches the lamp room.\n\nELENA\nThree hundred steps.\n'));
      await undoRestores(document, STORY);

      server.enqueue({ content: 'She reaches the lamp room. The glass is cracked and the wind whistles through.', chunkSize: 4, chunkDelayMs: 150 });
      const running = vscode.commands.executeCommand('dramaturge.continueScene');
      await waitFor('streamed words', () => review.list(document.uri).some((p) => p.streaming && p.newText.includes('reaches')));
      await vscode.commands.executeCommand('dramaturge.cancelGeneration');
      await running;
      assert.strictEqual(review.list(document.uri).length, 0);
      assert.strictEqual(document.getText(), STORY);
    });
  });

  describe('Rewrite Selection', () => {
    it('with an instruction: the prompt has it and the passage; Accept replaces exactly the selection; Reject is byte-identical', async () => {
      const { document, editor } = await openScript('rewrite', STORY);
      const passage = 'Elena climbs the stairs, counting.';
      selectText(editor, passage);
      server.enqueue({ content: 'Elena takes the stairs two at a time, counting out loud.', chunkSize: 7 });
      await vscode.commands.executeCommand('dramaturge.rewriteSelection', 'make it funnier');
      const sent = server.chatRequests()[0].body.messages[1].content as string;
      assert.ok(sent.includes('Instruction: make it funnier'), sent);
      assert.ok(sent.includes(`Passage:\n${passage}`), sent);
      await vscode.commands.executeCommand('dramaturge.review.rejectAll');
      assert.strictEqual(document.getText(), STORY);
      assert.strictEqual(document.isDirty, false);

      selectText(editor, passage);
      server.enqueue({ content: 'Elena takes the stairs two at a time, counting out loud.' });
      await vscode.commands.executeCommand('dramaturge.rewriteSelection', 'make it funnier');
      await acceptAll();
      assert.strictEqual(document.getText(), STORY.replace(passage, 'Elena takes the stairs two at a time, counting out loud.'));
      await undoRestores(document, STORY);
    });
  });

  describe('CRLF scripts', () => {
    const CRLF = STORY.replace(/\n/g, '\r\n');
    const loneLf = /(^|[^\r])\n/;

    it('a streamed scene never has mixed line endings, while streaming or once accepted', async () => {
      const { document, editor } = await openScript('crlf-scene', CRLF);
      assert.strictEqual(document.eol, vscode.EndOfLine.CRLF);
      cursorAt(editor, '= Tom reaches');
      server.enqueue({ content: "Here's the scene:\n\n```fountain\nTOM\nThe cliff is gone.\n\nHe steps back from the edge.\n```", chunkSize: 6, chunkDelayMs: 20 });
      const running = vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
      const seen: string[] = [];
      const listener = review.onDidChange(() => seen.push(...review.list(document.uri).map((p) => p.newText)));
      await running;
      listener.dispose();
      assert.ok(seen.length > 2, 'it streamed');
      for (const text of seen) assert.ok(!loneLf.test(text), `no bare \\n in ${JSON.stringify(text)}`);
      await acceptAll();
      assert.strictEqual(document.getText(), CRLF.replace('= Tom reaches the cliff.\r\n', '= Tom reaches the cliff.\r\n\r\nTOM\r\nThe cliff is gone.\r\n\r\nHe steps back from the edge.\r\n'));
      await undoRestores(document, CRLF);
    });

    it('a CRLF script with a BOM keeps both, byte for byte, after Accept and save', async () => {
      const folder = vscode.workspace.workspaceFolders![0];
      const uri = vscode.Uri.joinPath(folder.uri, `gencmd-bom-${Date.now()}-${counter++}.fountain`);
      const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
      const bytes = (text: string) => new Uint8Array([...bom, ...new TextEncoder().encode(text)]);
      await vscode.workspace.fs.writeFile(uri, bytes(CRLF));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      server.enqueue({ content: 'Title: The Tide Lamp' });
      await vscode.commands.executeCommand('dramaturge.generateTitle');
      await acceptAll();
      await extensionHostSettled();
      const v0 = document.version;
      const changes: string[] = [];
      const l = vscode.workspace.onDidChangeTextDocument((e) => e.document === document && changes.push(JSON.stringify(e.contentChanges.map((c) => [c.rangeOffset, c.rangeLength, c.text]))));
      const saved = await document.save();
      l.dispose();
      assert.ok(saved, `save refused: dirty ${document.isDirty}, version ${v0} → ${document.version}, changes ${changes.join(' ')}`);
      const expected = bytes(CRLF.replace('Title: The Last Lamp', 'Title: The Tide Lamp'));
      const onDisk = await vscode.workspace.fs.readFile(uri);
      assert.deepStrictEqual([...onDisk.slice(0, 3)], [...bom], 'the BOM is kept');
      assert.strictEqual(Buffer.from(onDisk).toString('utf8'), Buffer.from(expected).toString('utf8'));
    });

    it('a multi-line rewrite keeps CRLF', async () => {
      const { document, editor } = await openScript('crlf-rewrite', CRLF);
      selectText(editor, 'Elena climbs the stairs, counting.');
      server.enqueue({ content: 'Elena climbs.\n\nELENA\nOne. Two. Three.', chunkSize: 5 });
      const seen: string[] = [];
      const listener = review.onDidChange(() => seen.push(...review.list(document.uri).map((p) => p.newText)));
      await vscode.commands.executeCommand('dramaturge.rewriteSelection', 'add a line of dialogue');
      listener.dispose();
      // VS Code converts what an edit inserts, so it is the proposal (and its diff) that must be CRLF already.
      assert.ok(seen.length > 1, 'it streamed');
      for (const text of seen) assert.ok(!loneLf.test(text), `no bare \\n in ${JSON.stringify(text)}`);
      await acceptAll();
      assert.strictEqual(document.getText(), CRLF.replace('Elena climbs the stairs, counting.', 'Elena climbs.\r\n\r\nELENA\r\nOne. Two. Three.'));
      assert.ok(!loneLf.test(document.getText()));
    });
  });

  describe('block-level review', () => {
    it("Reject on a block the writer edited keeps the writer's text; the other block is still accepted", async () => {
      const body = 'Elena climbs the stairs, counting.\n\nShe stops at the door.\n\nThe lamp is dark.';
      const script = STORY.replace('Elena climbs the stairs, counting.', body);
      const { document, editor } = await openScript('blocks', script);
      const start = script.indexOf(body);
      const p = review.propose(document, { label: 'Scene 1', start, end: start + body.length, text: 'Elena runs up the stairs.\n\nShe stops at the door.\n\nThe lamp burns.' });
      assert.strictEqual(review.blocks(document, p).length, 2);
      // The writer edits the first block's text while the proposal is open.
      await editor.edit((e) => e.insert(document.positionAt(script.indexOf(', counting.') + ', counting'.length), ' aloud'));
      const edited = script.replace('counting.', 'counting aloud.');
      assert.strictEqual(document.getText(), edited);
      assert.ok(p.touched);
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.rejectBlock', p.id, 0));
      assert.strictEqual(document.getText(), edited, 'Reject writes nothing');
      assert.strictEqual(review.blocks(document, p).length, 1, 'the other block is still proposed');
      testAnswers().replaceEditedText = true;
      await acceptAll();
      assert.strictEqual(document.getText(), edited.replace('The lamp is dark.', 'The lamp burns.'), "the writer's words survive");
      await undoRestores(document, edited);
    });
  });
});
