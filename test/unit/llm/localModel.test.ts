import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelError, type ChatMessage } from '../../../src/llm/chatModel';
import { createLocalModel } from '../../../src/llm/local/createLocalModel';
import type { LocalChatModel } from '../../../src/llm/local/localChatModel';
import type { LocalRuntime } from '../../../src/llm/local/localRuntime';
import { UsageLedger } from '../../../src/llm/usageLedger';
import { parseCharacters, parseTitle } from '../../../src/story/parsers';
import { charactersPrompt, titlePrompt } from '../../../src/story/prompts';
import { WORKER, localModelFile, localThreads } from '../../support/localModelFile';

/**
 * The built-in runtime with a real model (SmolLM2-135M-Instruct, Q4_1) in a real child process:
 * no stand-in anywhere. Answers are kept short so the suite stays quick on two cores.
 */

const ASK: ChatMessage[] = [
  { role: 'system', content: 'You are a screenwriter.' },
  { role: 'user', content: 'Describe a lighthouse at night in two sentences.' },
];

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('local model runtime (real SmolLM2-135M in a child process)', function () {
  this.timeout(180_000);
  let runtime: LocalRuntime;
  let model: LocalChatModel;
  let ledger: UsageLedger;

  before(() => {
    ledger = new UsageLedger();
    ({ runtime, model } = createLocalModel(
      { modelPath: localModelFile(), workerPath: WORKER, sequences: 2, threads: localThreads(), contextSize: 2048, idleUnloadMs: 0 },
      { ledger },
    ));
  });
  after(() => runtime.dispose());

  it('streams an answer in pieces whose sum is the result, and reports real token usage', async () => {
    const stream = model.stream({ level: 'scene', messages: ASK, maxTokens: 24 });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    const result = await stream.result;
    assert.ok(deltas.length >= 2, `expected several deltas, got ${deltas.length}`);
    assert.equal(deltas.join(''), result.text);
    assert.ok(result.text.trim().length > 0);
    assert.ok(result.usage.promptTokens > 10, `prompt tokens ${result.usage.promptTokens}`);
    assert.ok(result.usage.completionTokens > 0 && result.usage.completionTokens <= 24, `completion tokens ${result.usage.completionTokens}`);
    assert.equal(result.usage.totalTokens, result.usage.promptTokens + result.usage.completionTokens);
    assert.equal(result.usage.estimated, undefined, 'counted by the tokenizer, not estimated');
    // Sampling is not seeded here, so the model may end its answer on its own before the limit:
    // the reason must say which happened.
    assert.equal(result.finishReason, result.usage.completionTokens === 24 ? 'length' : 'stop', `${result.usage.completionTokens} tokens`);
    const entry = ledger.last;
    assert.equal(entry?.outcome, 'ok');
    assert.equal(entry?.level, 'scene');
    assert.deepEqual(entry?.usage, result.usage);
  });

  it('obeys the grammar: a title line and a characters JSON array the parsers read on the first try', async () => {
    const title = titlePrompt('A retired lighthouse keeper must relight a decommissioned lamp before the storm.');
    const t = await model.complete({ level: title.level, messages: title.messages, stop: title.stop, maxTokens: title.maxTokens, shape: title.shape, seed: 1 });
    assert.match(t.text, /^Title: \S/);
    assert.ok(parseTitle(t.text).length > 0);

    const cast = charactersPrompt('A retired lighthouse keeper must relight a decommissioned lamp before the storm.', 2);
    const c = await model.complete({ level: cast.level, messages: cast.messages, stop: cast.stop, maxTokens: 400, shape: cast.shape, seed: 1 });
    assert.equal(c.finishReason, 'stop', `the JSON closed before the token limit: ${c.text}`);
    const json = JSON.parse(c.text) as unknown[];
    assert.ok(Array.isArray(json) && json.length >= 1 && json.length <= 2, c.text);
    const parsed = parseCharacters(c.text);
    assert.equal(parsed.truncated, false);
    assert.ok(parsed.items.length >= 1);
    for (const ch of parsed.items) assert.ok(ch.name.length > 0 && ch.description.length > 0, JSON.stringify(ch));
  });

  it('cancels mid-answer: the caller hears "cancelled", and the same process answers the next request', async () => {
    const controller = new AbortController();
    const pid = runtime.pid;
    const stream = model.stream({ level: 'scene', messages: ASK, maxTokens: 400 }, controller.signal);
    let seen = 0;
    const err = await rejection(
      (async () => {
        for await (const _ of stream) {
          if (++seen === 2) controller.abort();
        }
      })(),
    );
    assert.equal(err.kind, 'cancelled');
    assert.equal(ledger.last?.outcome, 'cancelled');
    // Both sequences must be free again: two requests at once both finish.
    const [a, b] = await Promise.all([model.complete({ messages: ASK, maxTokens: 8 }), model.complete({ messages: ASK, maxTokens: 8 })]);
    assert.ok(a.text && b.text);
    assert.equal(runtime.pid, pid, 'no restart was needed');
  });

  it('never cuts a prompt silently: one longer than the context is refused with a clear error', async () => {
    const long = 'The storm gathers over the grey sea. '.repeat(400);
    const err = await rejection(model.complete({ messages: [{ role: 'user', content: long }], maxTokens: 8 }));
    assert.equal(err.kind, 'invalidOutput');
    assert.match(err.message, /the local model's context holds 2048/);
    assert.match(err.message, /Nothing was cut/);
  });

  it('turns a killed process into a clear error, then starts a fresh one on the next request', async () => {
    await model.complete({ messages: ASK, maxTokens: 4 });
    const pid = runtime.pid;
    assert.ok(pid);
    const controller = new AbortController();
    const pending = model.stream({ level: 'scene', messages: ASK, maxTokens: 400 }, controller.signal);
    const failure = rejection(
      (async () => {
        let killed = false;
        for await (const _ of pending) {
          if (!killed) process.kill(pid, 'SIGKILL');
          killed = true;
        }
      })(),
    );
    const err = await failure;
    assert.equal(err.kind, 'server');
    assert.match(err.message, /was killed \(SIGKILL, often a sign of running out of memory\)/);
    assert.match(err.message, /start again on the next request/);
    const again = await model.complete({ messages: ASK, maxTokens: 4 });
    assert.ok(again.text.length > 0);
    assert.notEqual(runtime.pid, pid);
  });
});

describe('local model runtime: files that are not a model, and unloading', function () {
  this.timeout(120_000);

  it('says clearly when the file is not a GGUF model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dramaturge-local-'));
    const bogus = join(dir, 'notes.gguf');
    writeFileSync(bogus, 'INT. NOT A MODEL - DAY\n');
    const { runtime, model } = createLocalModel({ modelPath: bogus, workerPath: WORKER, sequences: 1, idleUnloadMs: 0 });
    try {
      const err = await rejection(model.complete({ messages: ASK, maxTokens: 4 }));
      assert.equal(err.kind, 'modelNotFound');
      assert.match(err.message, /The local model could not be loaded/);
      assert.match(err.message, /GGUF/);
    } finally {
      runtime.dispose();
    }
  });

  it('says it needs the platform build when the native runtime is missing', async () => {
    const { runtime, model } = createLocalModel({ modelPath: localModelFile(), workerPath: join(tmpdir(), 'no-such-runtime.mjs'), sequences: 1, idleUnloadMs: 0 });
    const err = await rejection(model.complete({ messages: ASK, maxTokens: 4 }));
    assert.equal(err.kind, 'modelNotFound');
    assert.match(err.message, /platform build/);
    runtime.dispose();
  });

  it('unloads the model after the idle time, and loads it again when asked', async () => {
    const { runtime, model } = createLocalModel({ modelPath: localModelFile(), workerPath: WORKER, sequences: 1, threads: localThreads(), contextSize: 1024, idleUnloadMs: 300 });
    try {
      await model.complete({ messages: ASK, maxTokens: 2 });
      const pid = runtime.pid;
      assert.ok(pid);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => runtime.pid === undefined && (clearInterval(poll), resolve()), 50);
      });
      // The process is really gone, not just forgotten (it may take a moment to free the model).
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      while (alive()) await new Promise((r) => setTimeout(r, 50));
      const again = await model.complete({ messages: ASK, maxTokens: 2 });
      assert.ok(again.text.length > 0);
    } finally {
      runtime.dispose();
    }
  });
});
