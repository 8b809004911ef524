// Ghost-text scene suggestions in the real VS Code against the fake model server: the on-demand
// trigger shows a suggestion and committing it inserts it; the 'inline' level's cheaper model is
// used; typing cancels the request in flight; automatic mode asks at most once per pause.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './support/waitFor';
import type { DramaturgeApi } from '../../src/extension';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { attributeWords } from '../../src/provenance';

const SUGGESTION = 'Nell turns the lamp key. Nothing.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settings(section: string, values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration(section);
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Inline scene suggestions', function () {
  this.timeout(40_000);
  let server: FakeModelServer;
  let api: DramaturgeApi;
  let editor: vscode.TextEditor;
  /** End of "Nell climbs the stairs two at a time." in the first scene of outline.fountain. */
  let actionEnd: vscode.Position;

  function endOf(text: string): vscode.Position {
    const line = editor.document.getText().split('\n').indexOf(text);
    assert.ok(line >= 0, text);
    return new vscode.Position(line, text.length);
  }

  before(async () => {
    server = await FakeModelServer.start();
    await settings('dramaturge.model', { provider: 'custom', baseUrl: server.url, model: 'big-model', levels: { inline: { model: 'cheap-model' } } });
    const folder = vscode.workspace.workspaceFolders![0];
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'outline.fountain'));
    editor = await vscode.window.showTextDocument(document);
    api = await vscode.extensions.getExtension<DramaturgeApi>(EXTENSION_ID)!.activate();
    const line = document.getText().split('\n').indexOf('Nell climbs the stairs two at a time.');
    actionEnd = new vscode.Position(line, document.lineAt(line).text.length);
  });

  afterEach(async () => {
    server.reset();
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  after(async () => {
    await settings('dramaturge.model', { provider: undefined, baseUrl: undefined, model: undefined, levels: undefined });
    await settings('dramaturge.inlineSuggestions', { mode: undefined, debounceMs: undefined });
    await server.close();
  });

  it('on demand: the trigger shows a suggestion from the inline model, and committing it inserts it', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    server.enqueue({ content: `${SUGGESTION}\n<end>` });
    editor = await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(actionEnd, actionEnd);
    const before = editor.document.getText();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor(() => server.chatRequests().length === 1, 'the model request');
    // The ghost text appears once the answer is in; commit until it has been inserted.
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText() !== before;
    }, 'the suggestion to be inserted');
    const offset = editor.document.offsetAt(actionEnd);
    assert.strictEqual(editor.document.getText(), before.slice(0, offset) + `\n\n${SUGGESTION}` + before.slice(offset));
    const request = server.chatRequests()[0];
    assert.strictEqual(request.body.model, 'cheap-model', 'the per-level inline model');
    const prompt = request.body.messages.at(-1).content as string;
    assert.match(prompt, /Beat: Nell finds the lamp dark\./);
    assert.match(prompt, /- NELL: the keeper, stubborn and proud/);
    assert.match(prompt, /Place: LIGHTHOUSE: a white tower on black rock/);
    assert.match(prompt, /Nell climbs the stairs two at a time\.$/m);
  });

  it('a committed suggestion is the model\'s: its words count as the model\'s, with the model that wrote them', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    // A context no other test asks about (an action line of its own), so no cached answer can be given.
    editor = await vscode.window.showTextDocument(editor.document);
    await editor.edit((e) => e.insert(endOf('= Ada arrives with a suitcase.'), '\n\nThe wind howls.'));
    const at = endOf('The wind howls.');
    server.enqueue({ content: `${SUGGESTION}\n<end>` });
    const inserted = await acceptSuggestionAt(at);
    const text = editor.document.getText();
    const start = editor.document.offsetAt(at);
    assert.ok(inserted.endsWith(SUGGESTION), JSON.stringify(inserted));
    const { authorship } = api.authorship.tracker.current(editor.document);
    const words = attributeWords(text, authorship);
    const inside = words.filter((w) => w.start >= start && w.end <= start + inserted.length);
    assert.deepStrictEqual(inside.map((w) => `${text.slice(w.start, w.end)}:${w.author}`), ['Nell', 'turns', 'the', 'lamp', 'key', 'Nothing'].map((w) => `${w}:model`));
    assert.ok(words.filter((w) => w.end <= start || w.start >= start + inserted.length).every((w) => w.author === 'writer'), 'the rest is still the writer\'s');
    // The answer the inserted characters came from (an earlier test's revert may leave a line break of its own elsewhere).
    const ids = new Set<number>();
    let offset = 0;
    for (const run of authorship.runs) {
      if (run.kind === 'model' && offset < start + inserted.length && offset + run.length > start) ids.add(run.origin);
      offset += run.length;
    }
    const origins = [...authorship.liveOrigins()].filter(([id]) => ids.has(id)).map(([, origin]) => origin);
    assert.deepStrictEqual(origins.map((o) => [o.model, o.item, o.text]), [['cheap-model', 'Ghost text', inserted]]);
    assert.match(origins[0].promptHash ?? '', /^[0-9a-f]{8,}$/);
    // Typing inside it afterwards is the writer's, as with any model text.
    const word = start + inserted.indexOf('Nothing');
    await editor.edit((e) => e.insert(editor.document.positionAt(word), 'Still '));
    const after = attributeWords(editor.document.getText(), api.authorship.tracker.current(editor.document).authorship);
    assert.strictEqual(after.find((w) => w.start === word)?.author, 'writer');
  });

  it('on demand: typing alone never asks the model', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    editor = await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(actionEnd, actionEnd);
    for (const ch of ' Slowly') await vscode.commands.executeCommand('type', { text: ch });
    await sleep(800);
    assert.strictEqual(server.chatRequests().length, 0);
  });

  it('never asks in the title page or a note', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    const provider = api.inlineSuggestions;
    const token = new vscode.CancellationTokenSource().token;
    const invoke: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined };
    const document = editor.document;
    const noteLine = document.getText().split('\n').findIndex((l) => l.startsWith('[[NELL'));
    assert.strictEqual(await provider.provideInlineCompletionItems(document, new vscode.Position(0, 5), invoke, token), undefined);
    assert.strictEqual(await provider.provideInlineCompletionItems(document, new vscode.Position(noteLine, 10), invoke, token), undefined);
    assert.strictEqual(server.chatRequests().length, 0);
  });

  it('cancels the request in flight when the writer types (CancellationToken → AbortSignal)', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'automatic', debounceMs: 50 });
    server.enqueue({ content: SUGGESTION, delayMs: 5000 });
    const source = new vscode.CancellationTokenSource();
    const automatic: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined };
    // A context no earlier test asked about, so the cache cannot answer it.
    const pending = api.inlineSuggestions.provideInlineCompletionItems(editor.document, endOf('Who put it out?'), automatic, source.token);
    const request = await waitFor(() => server.requests.find((r) => r.path.endsWith('/chat/completions')), 'the request to reach the server');
    const typedAt = Date.now();
    source.cancel(); // what VS Code does when the writer types
    assert.strictEqual(await pending, undefined);
    const closedAt = await server.waitForClose(request);
    assert.ok(closedAt - typedAt < 4500, `the connection closed ${closedAt - typedAt} ms after typing, not when the answer came`);
    assert.strictEqual(request.completed, false, 'the server never finished answering');
  });

  it('automatic: a burst of typing makes at most one request per pause, and a new request aborts the old one', async () => {
    // The debounce is far longer than the gap between keystrokes even on a loaded machine, and each pause
    // far longer than the debounce: the test counts requests per pause, so it must not depend on speed.
    await settings('dramaturge.inlineSuggestions', { mode: 'automatic', debounceMs: 1500 });
    server.respondWith(() => ({ content: SUGGESTION, delayMs: 200 }));
    editor = await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(actionEnd, actionEnd);
    for (const ch of ' He stops') {
      await vscode.commands.executeCommand('type', { text: ch });
      await sleep(40);
    }
    await sleep(4000);
    const afterFirstPause = server.chatRequests().length;
    assert.strictEqual(afterFirstPause, 1, `${afterFirstPause} requests in one pause (typing asked automatically, once)`);
    for (const ch of ' again.') {
      await vscode.commands.executeCommand('type', { text: ch });
      await sleep(40);
    }
    await sleep(4000);
    assert.ok(server.chatRequests().length - afterFirstPause <= 1, `${server.chatRequests().length - afterFirstPause} requests in the second pause`);

    // Overlapping calls (as VS Code makes them while the writer types): the older request is aborted.
    server.reset();
    server.enqueue({ content: SUGGESTION, delayMs: 5000 });
    const automatic: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined };
    const at = endOf('It was me.');
    const first = api.inlineSuggestions.provideInlineCompletionItems(editor.document, at, automatic, new vscode.CancellationTokenSource().token);
    const request = await waitFor(() => server.chatRequests()[0], 'the first request');
    server.enqueue({ content: SUGGESTION });
    const second = await api.inlineSuggestions.provideInlineCompletionItems(editor.document, at, automatic, new vscode.CancellationTokenSource().token);
    assert.strictEqual(await first, undefined);
    assert.strictEqual(request.completed, false, 'the older request was aborted');
    assert.ok(second && second.length === 1);
    // The same context again is answered from the cache, without a request.
    const count = server.chatRequests().length;
    const cached = await api.inlineSuggestions.provideInlineCompletionItems(editor.document, at, automatic, new vscode.CancellationTokenSource().token);
    assert.strictEqual(server.chatRequests().length, count);
    assert.strictEqual((cached![0].insertText as string), `\n\n${SUGGESTION}`);
  });

  /** Asks for a suggestion at `at` as the writer does (the trigger, then Tab) and returns what went in. */
  async function acceptSuggestionAt(at: vscode.Position): Promise<string> {
    editor = await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(at, at);
    const before = editor.document.getText();
    const requests = server.chatRequests().length;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor(() => server.chatRequests().length === requests + 1, 'the model request');
    await waitFor(async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText() !== before;
    }, 'the suggestion to be inserted');
    const offset = editor.document.offsetAt(at);
    const after = editor.document.getText();
    assert.strictEqual(after.slice(0, offset), before.slice(0, offset), 'nothing before the cursor changed');
    assert.strictEqual(after.slice(after.length - (before.length - offset)), before.slice(offset), 'nothing after the cursor changed');
    return after.slice(offset, after.length - (before.length - offset));
  }

  it('inserts neither the chat preamble, the code fence nor the closing chatter', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    server.enqueue({
      content: "Sure! Here's a draft of the scene, keeping the tone you described:\n\n```fountain\nAda: I wanted you to look at me.\n```\n\nLet me know if you'd like another take!",
    });
    // The chat-style "Ada: …" becomes a proper cue, as in scene drafts: Ada is in the bible.
    assert.strictEqual(await acceptSuggestionAt(endOf('Why?')), '\n\nADA\nI wanted you to look at me.');
  });

  it('offers only the finished sentences of an answer cut off at its token limit', async () => {
    await settings('dramaturge.inlineSuggestions', { mode: 'onDemand' });
    server.enqueue({ content: 'Nell stares at the dead lamp. She reaches for the', finishReason: 'length' });
    assert.strictEqual(await acceptSuggestionAt(endOf('Who put it out?')), '\n\nNell stares at the dead lamp.');
  });
});
