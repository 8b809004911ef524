// Bad model output in the real VS Code, through the generation commands, against the fault-
// injecting fake server: an answer cut at the token limit, an unreadable one, a 2 MB one and an
// endless stream never become a proposal, so nothing can be accepted; the document stays
// byte-identical and clean. A file that is not UTF-8 text is refused before any request.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FAULTS, FakeModelServer, canned } from '../fixtures/fakeModelServer';
import type { ReviewController } from '../../src/vscode/review/reviewController';
import { dramaturgeApi, testAnswers } from './support/api';

const LOGLINE = 'A retired lighthouse keeper must relight the lamp before the storm.';

const SCRIPT = `Title: The Last Lamp
Logline: ${LOGLINE}

# Characters

[[ELENA VOSS (Elena): A retired keeper who counts everything.]]

[[TOM REED (Tom): Her nephew, a surveyor.]]

# Places

[[THE LIGHTHOUSE: A white tower with a rusted gallery.]]

# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.
`;

let counter = 0;

describe('bad answers never reach the script (editor)', function () {
  this.timeout(60000);
  let server: FakeModelServer;
  let review: ReviewController;
  const created: vscode.Uri[] = [];

  async function openScript(name: string, content: string | Uint8Array): Promise<{ editor: vscode.TextEditor; document: vscode.TextDocument }> {
    const folder = vscode.workspace.workspaceFolders![0];
    const uri = vscode.Uri.joinPath(folder.uri, `bad-${name}-${Date.now()}-${counter++}.fountain`);
    created.push(uri);
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    return { editor, document };
  }

  /** No proposal, the document and the file on disk exactly as they were. */
  async function untouched(document: vscode.TextDocument, original: string | Uint8Array): Promise<void> {
    assert.strictEqual(review.list(document.uri).length, 0, 'no proposal');
    assert.strictEqual(document.isDirty, false);
    const disk = await vscode.workspace.fs.readFile(document.uri);
    if (typeof original === 'string') {
      assert.strictEqual(document.getText(), original);
      assert.strictEqual(new TextDecoder().decode(disk), original);
    } else assert.deepStrictEqual([...disk], [...original]);
  }

  function cursorBelow(editor: vscode.TextEditor, text: string): void {
    const line = editor.document.positionAt(editor.document.getText().indexOf(text)).line + 1;
    editor.selection = new vscode.Selection(new vscode.Position(line, 0), new vscode.Position(line, 0));
  }

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
    await vscode.workspace.getConfiguration('dramaturge.generation').update('maxAnswerChars', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  beforeEach(() => {
    server.reset();
    testAnswers().replaceEditedText = false;
  });

  afterEach(async () => {
    for (const p of review.all()) review.discard(p);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Generate Title: a title cut off at the token limit is not proposed', async () => {
    const original = `Logline: ${LOGLINE}\n`;
    const { document } = await openScript('title-cut', original);
    server.respondWith(() => canned.cutAtTokenLimit('The Last'));
    await vscode.commands.executeCommand('dramaturge.generateTitle');
    assert.strictEqual(server.chatRequests().length, 1, 'asked once, not resampled');
    await untouched(document, original);
  });

  it('Generate Characters: a list cut off at the token limit does not replace the two characters', async () => {
    const { document } = await openScript('chars-cut', SCRIPT);
    server.respondWith(() => canned.truncatedAtMaxTokens([{ name: 'ELENA VOSS', description: 'A keeper.' }, { name: 'TOM REED', description: 'A surveyor.' }], 0.6));
    await vscode.commands.executeCommand('dramaturge.generateCharacters');
    assert.strictEqual(server.chatRequests().length, 1);
    await untouched(document, SCRIPT);
  });

  it('Generate Scene at Cursor: a streamed scene cut at the token limit is taken back', async () => {
    const { document, editor } = await openScript('scene-cut', SCRIPT);
    cursorBelow(editor, '= Elena finds the lamp dark.');
    server.respondWith(() => canned.cutAtTokenLimit('ELENA\nThe lamp is dark.\n\nShe lifts the lantern and'));
    await vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
    assert.strictEqual(server.chatRequests().length, 1);
    await untouched(document, SCRIPT);
  });

  it('Generate Title: an unreadable answer is never proposed, however often it comes', async () => {
    const original = `Logline: ${LOGLINE}\n`;
    const { document } = await openScript('title-junk', original);
    server.enqueue(FAULTS.unreadable, FAULTS.unreadableBare, FAULTS.unreadableAfterWords);
    await vscode.commands.executeCommand('dramaturge.generateTitle');
    assert.strictEqual(server.chatRequests().length, 3, 'asked, then resampled twice');
    await untouched(document, original);
  });

  it('Generate Beats: a 2 MB answer is stopped at the limit after one request', async () => {
    const original = SCRIPT.slice(0, SCRIPT.indexOf('# Exposition'));
    const { document } = await openScript('beats-huge', original);
    server.respondWith(() => canned.huge(2 * 1024 * 1024, '{"heading": "INT. THE LIGHTHOUSE - NIGHT", "plotElement": "Exposition", "beat": "Elena waits."}, '));
    await vscode.commands.executeCommand('dramaturge.generateBeats');
    assert.strictEqual(server.chatRequests().length, 1, 'asked once; the limit error is not resampled');
    await untouched(document, original);
  });

  it('dramaturge.generation.maxAnswerChars: an endless scene stream stops at the writer\'s limit', async () => {
    await vscode.workspace.getConfiguration('dramaturge.generation').update('maxAnswerChars', { scene: 2000 }, vscode.ConfigurationTarget.Global);
    try {
      const { document, editor } = await openScript('scene-endless', SCRIPT);
      cursorBelow(editor, '= Elena finds the lamp dark.');
      server.respondWith(() => FAULTS.endless);
      await vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
      assert.strictEqual(server.chatRequests().length, 1);
      // The endless stream ends only because the extension closed the connection.
      await server.waitForClose(server.chatRequests()[0]);
      await untouched(document, SCRIPT);
    } finally {
      await vscode.workspace.getConfiguration('dramaturge.generation').update('maxAnswerChars', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a script that is not UTF-8 text (Latin-1) is refused before any request', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(`Logline: A caf`), 0xe9, ...new TextEncoder().encode(` owner relights a lamp.\n`)]);
    const { document } = await openScript('latin1', latin1);
    server.respondWith(() => ({ content: 'A Title' }));
    await vscode.commands.executeCommand('dramaturge.generateTitle');
    assert.strictEqual(server.chatRequests().length, 0);
    await untouched(document, latin1);
  });
});
