import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ModelError } from '../../../src/llm/chatModel';
import { OpenAIChatModel, resolveParams } from '../../../src/llm/openaiChatModel';
import { testConnection } from '../../../src/llm/testConnection';
import { FakeModelServer, canned } from '../../fixtures/fakeModelServer';
import { collect, modelFor } from './helpers';

const hi = [{ role: 'user' as const, content: 'Write a line.' }];

async function rejectsWith(promise: Promise<unknown>, kind: string): Promise<ModelError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${err}`);
    assert.equal(err.kind, kind, err.message);
    return err;
  }
  assert.fail(`expected a ${kind} ModelError`);
}

describe('OpenAIChatModel over HTTP (real SDK, fake server)', function () {
  this.timeout(10_000);
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await FakeModelServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  describe('requests', () => {
    it('streams deltas and reports usage, asking for include_usage', async () => {
      server.enqueue({ content: 'INT. DINER - NIGHT', usage: { prompt_tokens: 12, completion_tokens: 4 } });
      const { model, ledger } = modelFor(server);
      const stream = model.stream({ messages: hi, level: 'scene' });
      const deltas = await collect(stream);
      const result = await stream.result;
      assert.ok(deltas.length > 1, 'arrives in pieces');
      assert.equal(deltas.join(''), 'INT. DINER - NIGHT');
      assert.deepEqual(result.usage, { promptTokens: 12, completionTokens: 4, totalTokens: 16 });
      assert.equal(result.finishReason, 'stop');
      const body = server.chatRequests()[0].body;
      assert.equal(body.stream, true);
      assert.deepEqual(body.stream_options, { include_usage: true });
      assert.equal(ledger.perLevel().get('scene')?.totalTokens, 16);
    });

    it('lets `result` alone drive the request', async () => {
      server.enqueue({ content: 'FADE OUT.' });
      const { model } = modelFor(server);
      assert.equal((await model.stream({ messages: hi }).result).text, 'FADE OUT.');
    });

    it('applies per-level overrides over the request over global settings', async () => {
      const { model } = modelFor(server, {
        temperature: 0.7,
        topP: 0.9,
        maxTokens: 500,
        levels: { inline: { model: 'fake-small-cheap', temperature: 0.2, seed: 7 } },
      });
      await model.complete({ messages: hi, level: 'inline', temperature: 1.1, maxTokens: 40 });
      const body = server.chatRequests()[0].body;
      assert.equal(body.model, 'fake-small-cheap');
      assert.equal(body.temperature, 0.2, 'the user per-level override wins');
      assert.equal(body.max_tokens, 40, 'the request wins over global settings');
      assert.equal(body.top_p, 0.9, 'global settings fill the rest');
      assert.equal(body.seed, 7);
      assert.equal(resolveParams({ model: 'm' }, { messages: hi }).temperature, undefined);
    });

    it('uses max_completion_tokens for OpenAI itself', async () => {
      const { model } = modelFor(server, { provider: 'openai', apiKey: 'sk-test-openai-key-123' });
      await model.complete({ messages: hi, maxTokens: 33 });
      const body = server.chatRequests()[0].body;
      assert.equal(body.max_completion_tokens, 33);
      assert.equal(body.max_tokens, undefined);
    });

    it('sends the key only as configured: bearer with a key, no Authorization without one, api-key for Azure', async () => {
      await modelFor(server, { apiKey: 'sk-bearer-key-123456' }).model.complete({ messages: hi });
      await modelFor(server).model.complete({ messages: hi });
      await modelFor(server, { provider: 'azure', apiKey: 'azure-key-abcdef' }).model.complete({ messages: hi });
      const [withKey, without, azure] = server.chatRequests();
      assert.equal(withKey.headers.authorization, 'Bearer sk-bearer-key-123456');
      assert.equal(without.headers.authorization, undefined);
      assert.equal(azure.headers['api-key'], 'azure-key-abcdef');
    });

    it('estimates usage when the server reports none, and says so', async () => {
      server.enqueue({ content: 'A fairly long line of action for the scene.', usage: null });
      const { model } = modelFor(server);
      const result = await model.complete({ messages: hi });
      assert.equal(result.usage.estimated, true);
      assert.ok(result.usage.completionTokens > 0);
    });

    it('drops stream_options for servers that reject it, and remembers', async () => {
      server.options.rejectStreamOptions = true;
      const { model, logger } = modelFor(server);
      assert.equal((await model.complete({ messages: hi })).text.length > 0, true);
      await model.complete({ messages: hi });
      const sent = server.chatRequests().map((r) => Boolean(r.body.stream_options));
      assert.deepEqual(sent, [true, false, false]);
      assert.match(logger.text, /rejected stream_options/);
    });

    it('lists the models the endpoint offers', async () => {
      server.options.models = ['zeta', 'alpha'];
      const { model } = modelFor(server);
      assert.deepEqual(await model.listModels(), ['alpha', 'zeta']);
    });

    it('test connection reports latency and the reply', async () => {
      server.enqueue({ content: 'Coffee is a plot device.', delayMs: 30 });
      const { model, ledger } = modelFor(server);
      const report = await testConnection(model);
      assert.equal(report.reply, 'Coffee is a plot device.');
      assert.ok(report.firstTokenMs >= 25 && report.totalMs >= report.firstTokenMs, JSON.stringify(report));
      assert.equal(ledger.last?.level, 'test');
    });
  });

  describe('faults', () => {
    it('timeout: a server that never answers is stopped after the request timeout, not retried', async () => {
      server.enqueue({ hangAfterChunks: 0 });
      const { model } = modelFor(server, { requestTimeoutMs: 200 });
      const started = Date.now();
      const err = await rejectsWith(model.complete({ messages: hi }), 'timeout');
      assert.ok(Date.now() - started < 1_000);
      assert.match(err.message, /requestTimeout/);
      assert.equal(server.chatRequests().length, 1);
    });

    it('timeout: a stream that goes silent part-way fails, and a slow but steady one does not', async () => {
      server.enqueue({ content: 'one two three four', hangAfterChunks: 2 });
      server.enqueue({ content: 'one two three four', chunkDelayMs: 120 });
      const { model } = modelFor(server, { requestTimeoutMs: 250 });
      await rejectsWith(collect(model.stream({ messages: hi })), 'timeout');
      assert.equal((await model.complete({ messages: hi })).text, 'one two three four');
    });

    it('429: honours Retry-After, then succeeds', async () => {
      server.enqueue({ status: 429, headers: { 'retry-after': '1' }, error: { message: 'Rate limit reached', type: 'requests' } });
      server.enqueue({ content: 'After the wait.' });
      const { model, logger } = modelFor(server);
      const started = Date.now();
      const result = await model.complete({ messages: hi });
      assert.equal(result.text, 'After the wait.');
      assert.ok(Date.now() - started >= 950, 'waited about a second');
      assert.equal(server.chatRequests().length, 2);
      assert.match(logger.text, /retry .*rateLimited \(HTTP 429\) · waiting 1000 ms/);
    });

    it('429: a Retry-After longer than the bound is not waited out; the writer is told when to come back', async () => {
      server.enqueue({ status: 429, headers: { 'retry-after': '120' } });
      const { model } = modelFor(server);
      const started = Date.now();
      const err = await rejectsWith(model.complete({ messages: hi }), 'rateLimited');
      assert.ok(Date.now() - started < 500);
      assert.match(err.message, /120 s/);
      assert.equal(server.chatRequests().length, 1);
    });

    it('5xx: retried with backoff until it works', async () => {
      server.enqueue({ status: 503 }, { status: 502 }, { content: 'Third time lucky.' });
      const { model } = modelFor(server);
      assert.equal((await model.complete({ messages: hi })).text, 'Third time lucky.');
      assert.equal(server.chatRequests().length, 3);
    });

    it('5xx: bounded: gives up after maxRetries with a clear message', async () => {
      server.respondWith(() => ({ status: 500 }));
      const { model, logger } = modelFor(server);
      const err = await rejectsWith(model.complete({ messages: hi }), 'server');
      assert.equal(server.chatRequests().length, 3);
      assert.match(err.message, /Custom endpoint · fake-small had a server error \(HTTP 500\)/);
      assert.match(logger.text, /failed .* after 3 attempts/);
    });

    it('connection reset mid-stream: the stream throws, `result` rejects, nothing is retried after text was shown', async () => {
      server.enqueue({ content: 'She opens the door and', resetAfterChunks: 2, chunkDelayMs: 30 });
      const { model, ledger } = modelFor(server);
      const stream = model.stream({ messages: hi });
      const seen: string[] = [];
      await rejectsWith(
        (async () => {
          for await (const d of stream) seen.push(d);
        })(),
        'network',
      );
      await rejectsWith(stream.result, 'network');
      assert.equal(seen.length, 2, 'the caller saw partial text, which it must discard');
      assert.equal(server.chatRequests().length, 1);
      assert.equal(ledger.last?.outcome, 'error');
    });

    it('connection reset before any text: complete() retries transparently', async () => {
      server.enqueue({ content: 'lost', resetAfterChunks: 0 }, { content: 'lost too', resetAfterChunks: 1 }, { content: 'Whole answer.' });
      const { model } = modelFor(server);
      assert.equal((await model.complete({ messages: hi })).text, 'Whole answer.');
      assert.equal(server.chatRequests().length, 3);
    });

    it('empty completion: retried, then a clear error', async () => {
      server.enqueue(canned.empty(), { content: 'Now with words.' });
      const { model } = modelFor(server);
      assert.equal((await model.complete({ messages: hi })).text, 'Now with words.');
      server.respondWith(() => canned.empty());
      const err = await rejectsWith(model.complete({ messages: hi }), 'empty');
      assert.match(err.message, /empty answer/);
    });

    it('finish_reason length: a truncated answer is an error, not retried, unless the caller takes one (ghost text)', async () => {
      server.enqueue(canned.cutAtTokenLimit('He runs toward the'));
      const { model } = modelFor(server, { maxTokens: 64 });
      const cut = await rejectsWith(collect(model.stream({ messages: hi })), 'truncated');
      assert.match(cut.message, /stopped at its token limit \(max tokens 64\) before the answer was complete\. Nothing was inserted/);
      assert.equal(server.chatRequests().length, 1);
      server.enqueue(canned.cutAtTokenLimit('He runs toward the'));
      const taken = await model.complete({ messages: hi, allowTruncated: true });
      assert.equal(taken.finishReason, 'length');
      assert.equal(taken.text, 'He runs toward the');
      server.reset();
      server.enqueue(canned.truncatedAtMaxTokens({ beats: [{ place: 'Diner' }, { place: 'Pier' }, { place: 'Roof' }] }));
      const err = await rejectsWith(
        model.generateObject({ messages: hi, schema: z.object({ beats: z.array(z.object({ place: z.string() })) }), schemaName: 'beats' }),
        'truncated',
      );
      assert.match(err.message, /max tokens 64/);
      assert.match(err.message, /dramaturge\.model\.maxTokens/);
      assert.equal(server.chatRequests().length, 1);
    });

    it('maxChars: an endless stream is stopped once the answer passes the limit, and the connection is closed', async () => {
      server.enqueue(canned.endless());
      const { model } = modelFor(server);
      const err = await rejectsWith(collect(model.stream({ messages: hi, maxChars: 5_000 })), 'overLimit');
      assert.match(err.message, /answer passed 5,000 characters, the most this level accepts, so it was stopped there\. Nothing was inserted; try again, or raise "dramaturge\.generation\.maxAnswerChars"/);
      // The endless stream ends only because the client closed the connection.
      await server.waitForClose(server.chatRequests()[0]);
      assert.equal(server.chatRequests().length, 1, 'not retried');
    });

    it('messages name the remedies the host gives (the CLI its flags)', async () => {
      server.enqueue(canned.cutAtTokenLimit(), { hangAfterChunks: 0 });
      const remedies = { setKey: 'K', pickModel: 'M', raiseTimeout: 'raise --timeout', raiseMaxTokens: 'raise --max-tokens', raiseAnswerLimit: 'A', setBaseUrl: 'B', baseUrlSetting: '--base-url' };
      const model = new OpenAIChatModel({ provider: 'custom', baseUrl: server.url, model: 'fake-small', requestTimeoutMs: 300 }, { remedies });
      assert.match((await rejectsWith(model.complete({ messages: hi }), 'truncated')).message, /Nothing was inserted; raise --max-tokens and try again\.$/);
      assert.match((await rejectsWith(model.complete({ messages: hi }), 'timeout')).message, /try again, or raise --timeout\.$/);
      const closed = await FakeModelServer.start();
      const closedUrl = closed.url;
      await closed.close();
      const away = new OpenAIChatModel({ provider: 'custom', baseUrl: closedUrl, model: 'fake-small', requestTimeoutMs: 300 }, { remedies });
      assert.match((await rejectsWith(away.complete({ messages: hi }), 'unreachable')).message, /\(ECONNREFUSED\)\. Check --base-url and that the server is running\.$/);
    });

    it('content filter: a clear error, not retried, even after partial text', async () => {
      server.enqueue({ content: 'Partial words', finishReason: 'content_filter' });
      const { model } = modelFor(server);
      const err = await rejectsWith(collect(model.stream({ messages: hi })), 'contentFilter');
      assert.match(err.message, /content filter/);
      assert.equal(server.chatRequests().length, 1);
    });

    it('wrong model name: 404 says which model and what to do', async () => {
      server.options.rejectUnknownModels = true;
      const { model } = modelFor(server, { model: 'gpt-17-ultra' });
      const err = await rejectsWith(model.complete({ messages: hi }), 'modelNotFound');
      assert.match(err.message, /"gpt-17-ultra"/);
      assert.match(err.message, /Select Model/);
      assert.equal(err.model, 'gpt-17-ultra');
    });

    it('bad key: 401 is an auth error; the key appears in no message and no log line, even when the server echoes it', async () => {
      const key = 'sk-wrong-key-0123456789abcdef';
      server.options.apiKey = 'sk-the-right-one-999999';
      const { model, logger } = modelFor(server, { apiKey: key });
      const err = await rejectsWith(model.complete({ messages: hi }), 'auth');
      assert.match(err.message, /Set API Key/);
      assert.equal(server.chatRequests().length, 1, 'not retried');
      assert.ok(!err.message.includes(key));
      assert.ok(!String(err.stack).includes(key));
      assert.ok(!logger.text.includes(key), logger.text);
      assert.ok(logger.text.includes('auth'), 'the failure itself was logged');
      const listErr = await model.listModels().catch((e: ModelError) => e);
      assert.ok(listErr instanceof ModelError && listErr.kind === 'auth' && !listErr.message.includes(key));
    });

    it('unreachable host: one attempt, a message naming the endpoint and what to check', async () => {
      const closed = await FakeModelServer.start();
      const url = closed.url;
      await closed.close();
      const model = new OpenAIChatModel({ provider: 'ollama', baseUrl: url, model: 'llama3.2', retry: { baseDelayMs: 10 } });
      const started = Date.now();
      const err = await rejectsWith(model.complete({ messages: hi }), 'unreachable');
      assert.ok(Date.now() - started < 2_000);
      assert.match(err.message, /Could not reach Ollama at http:\/\/127\.0\.0\.1:\d+\/v1/);
      assert.match(err.message, /ollama serve/);
    });

    it('never shows credentials embedded in the base URL', async () => {
      const model = new OpenAIChatModel({ provider: 'custom', baseUrl: 'http://user:hunter2pass@127.0.0.1:9/v1?key=abc123', model: 'm' });
      const err = await model.complete({ messages: hi }).catch((e: ModelError) => e);
      assert.ok(err instanceof ModelError);
      assert.ok(!err.message.includes('hunter2pass') && !err.message.includes('abc123'), err.message);
    });
  });

  describe('cancellation', () => {
    it('an abort mid-stream closes the HTTP connection within 100 ms', async () => {
      server.enqueue({ content: 'one two three four five six seven eight', chunkDelayMs: 200 });
      const { model, ledger } = modelFor(server, { requestTimeoutMs: 5_000 });
      const controller = new AbortController();
      const stream = model.stream({ messages: hi }, controller.signal);
      let abortedAt = 0;
      const err = await rejectsWith(
        (async () => {
          for await (const _ of stream) {
            abortedAt = Date.now();
            controller.abort();
          }
        })(),
        'cancelled',
      );
      const closedAt = await server.waitForClose(server.chatRequests()[0]);
      assert.ok(closedAt - abortedAt <= 100, `closed ${closedAt - abortedAt} ms after abort`);
      assert.equal(server.chatRequests()[0].completed, false);
      assert.equal(err.message, 'Cancelled.');
      await rejectsWith(stream.result, 'cancelled');
      assert.equal(ledger.last?.outcome, 'cancelled');
    });

    it('an abort while waiting for the first byte closes the connection within 100 ms', async () => {
      server.enqueue({ hangAfterChunks: 0 });
      const { model } = modelFor(server, { requestTimeoutMs: 5_000 });
      const controller = new AbortController();
      const pending = model.complete({ messages: hi }, controller.signal);
      const request = await server.waitForRequests(1);
      const abortedAt = Date.now();
      controller.abort();
      await rejectsWith(pending, 'cancelled');
      const closedAt = await server.waitForClose(request);
      assert.ok(closedAt - abortedAt <= 100, `closed ${closedAt - abortedAt} ms after abort`);
    });

    it('an abort during a retry wait stops at once, without another request', async () => {
      server.enqueue({ status: 429, headers: { 'retry-after': '2' } });
      const { model } = modelFor(server, { retry: { maxRetryAfterMs: 5_000 } });
      const controller = new AbortController();
      const pending = model.complete({ messages: hi }, controller.signal);
      await server.waitForRequests(1);
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      await rejectsWith(pending, 'cancelled');
      assert.ok(Date.now() - started < 500);
      assert.equal(server.chatRequests().length, 1);
    });

    it('breaking out of the loop aborts the request', async () => {
      server.enqueue({ content: 'one two three four five six', chunkDelayMs: 150 });
      const { model } = modelFor(server, { requestTimeoutMs: 5_000 });
      const stream = model.stream({ messages: hi });
      for await (const _ of stream) break;
      const brokeAt = Date.now();
      const closedAt = await server.waitForClose(server.chatRequests()[0]);
      assert.ok(closedAt - brokeAt <= 100);
      await assert.rejects(stream.result);
    });

    it('an already-aborted signal sends nothing', async () => {
      const { model } = modelFor(server);
      await rejectsWith(model.complete({ messages: hi }, AbortSignal.abort()), 'cancelled');
      assert.equal(server.requests.length, 0);
    });
  });
});
