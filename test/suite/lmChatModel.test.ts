// The vscode.lm adapter in the real extension host, against a stand-in LanguageModelChat: the
// harness has no editor models (no Copilot offline), and the model is the one part tests may
// stand in for. The API's own classes (messages, errors, cancellation) are the real ones.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { z } from 'zod';
import { ModelError } from '../../src/llm/chatModel';
import { LmChatModel } from '../../src/vscode/lmChatModel';

interface Sent {
  messages: vscode.LanguageModelChatMessage[];
  options: vscode.LanguageModelChatRequestOptions;
  token: vscode.CancellationToken;
}

/** A LanguageModelChat that answers from a script: text chunks, or an error thrown by sendRequest. */
function standIn(answer: (sent: Sent) => AsyncIterable<string> | Error): { chat: vscode.LanguageModelChat; sent: Sent[] } {
  const sent: Sent[] = [];
  const chat = {
    id: 'stand-in-1',
    name: 'Stand-in',
    vendor: 'tests',
    family: 'stand-in',
    version: '1',
    maxInputTokens: 8000,
    countTokens: async (text: string | vscode.LanguageModelChatMessage) => Math.ceil((typeof text === 'string' ? text : JSON.stringify(text)).length / 4),
    sendRequest: async (messages: vscode.LanguageModelChatMessage[], options: vscode.LanguageModelChatRequestOptions = {}, token?: vscode.CancellationToken) => {
      const s = { messages, options, token: token ?? new vscode.CancellationTokenSource().token };
      sent.push(s);
      const a = answer(s);
      if (a instanceof Error) throw a;
      return { text: a, stream: a } as unknown as vscode.LanguageModelChatResponse;
    },
  } as unknown as vscode.LanguageModelChat;
  return { chat, sent };
}

async function* chunks(...parts: string[]): AsyncIterable<string> {
  for (const p of parts) {
    await new Promise((r) => setTimeout(r, 5));
    yield p;
  }
}

function userText(m: vscode.LanguageModelChatMessage): string {
  return m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe('vscode.lm adapter (LmChatModel) in the extension host', () => {
  it('streams deltas, sends system text first as a user turn, passes sampling options', async () => {
    const { chat, sent } = standIn(() => chunks('INT. LIGHTHOUSE', ' - NIGHT\n\n', 'Elena climbs.'));
    const model = new LmChatModel(chat);
    const stream = model.stream({ messages: [{ role: 'system', content: 'You write Fountain.' }, { role: 'user', content: 'Scene 1.' }], temperature: 0.7, maxTokens: 200 });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    const result = await stream.result;
    assert.deepStrictEqual(deltas, ['INT. LIGHTHOUSE', ' - NIGHT\n\n', 'Elena climbs.']);
    assert.strictEqual(result.text, 'INT. LIGHTHOUSE - NIGHT\n\nElena climbs.');
    assert.strictEqual(sent[0].messages[0].role, vscode.LanguageModelChatMessageRole.User);
    assert.strictEqual(userText(sent[0].messages[0]), 'You write Fountain.');
    assert.deepStrictEqual(sent[0].options.modelOptions, { temperature: 0.7, max_tokens: 200 });
    assert.ok(result.usage.totalTokens > 0);
  });

  it('structured output: asks for JSON in the prompt and reads a fenced answer with a preamble', async () => {
    const { chat, sent } = standIn(() => chunks('Sure! Here it is:\n```json\n{"title": "The Last Lamp",}\n```'));
    const value = await new LmChatModel(chat).generateObject({ messages: [{ role: 'user', content: 'A title please.' }], schema: z.object({ title: z.string() }), schemaName: 'title' });
    assert.deepStrictEqual(value.value, { title: 'The Last Lamp' });
    assert.match(sent[0].messages.map(userText).join('\n'), /JSON/);
  });

  const cases: [string, () => Error, string, RegExp][] = [
    ['NoPermissions', () => vscode.LanguageModelError.NoPermissions('consent denied'), 'noPermission', /Allow/],
    ['NotFound', () => vscode.LanguageModelError.NotFound('gone'), 'modelNotFound', /Select Model/],
    ['Blocked', () => vscode.LanguageModelError.Blocked('quota'), 'blocked', /quota or policy/],
  ];
  for (const [name, make, kind, advice] of cases) {
    it(`LanguageModelError.${name} becomes one clear ModelError (${kind}) with a way forward`, async () => {
      const { chat } = standIn(() => make());
      await assert.rejects(new LmChatModel(chat).complete({ messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof ModelError, String(e));
        assert.strictEqual(e.kind, kind);
        assert.match(e.message, advice);
        assert.match(e.message, /Stand-in/);
        return true;
      });
    });
  }

  it('an AbortSignal cancels the request token at once and nothing partial comes back', async () => {
    let cancelledAt = 0;
    const { chat, sent } = standIn((s) => {
      s.token.onCancellationRequested(() => (cancelledAt = Date.now()));
      return (async function* () {
        yield 'First words';
        await new Promise((r) => setTimeout(r, 5000));
        yield 'never';
      })();
    });
    const controller = new AbortController();
    const pending = new LmChatModel(chat).complete({ messages: [{ role: 'user', content: 'x' }] }, controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    const abortedAt = Date.now();
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof ModelError && e.kind === 'cancelled');
    assert.ok(Date.now() - abortedAt < 200, `rejected ${Date.now() - abortedAt} ms after abort, without waiting for the model`);
    assert.strictEqual(sent.length, 1);
    assert.ok(cancelledAt > 0 && cancelledAt - abortedAt < 100, `token cancelled ${cancelledAt - abortedAt} ms after abort`);
  });

  it('an empty answer is an error, not an empty insertion', async () => {
    const { chat } = standIn(() => chunks('', '  '));
    await assert.rejects(new LmChatModel(chat).complete({ messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => e instanceof ModelError && e.kind === 'empty');
  });

  it('applies the user\'s sampling settings and per-level overrides', async () => {
    const { chat, sent } = standIn(() => chunks('ok'));
    const model = new LmChatModel(chat, { sampling: { temperature: 0.9, maxTokens: 500, levels: { inline: { temperature: 0.2, maxTokens: 60 } } } });
    await model.complete({ messages: [{ role: 'user', content: 'x' }], level: 'scene' });
    await model.complete({ messages: [{ role: 'user', content: 'x' }], level: 'inline' });
    assert.deepStrictEqual(sent.map((s) => s.options.modelOptions), [
      { temperature: 0.9, max_tokens: 500 },
      { temperature: 0.2, max_tokens: 60 },
    ]);
  });
});
