import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ModelError } from '../../../src/llm/chatModel';
import { isStrictCompatible, toJsonSchema } from '../../../src/llm/openaiChatModel';
import { FakeModelServer, canned } from '../../fixtures/fakeModelServer';
import { modelFor } from './helpers';

const Characters = z.object({
  characters: z.array(z.object({ name: z.string().min(1), description: z.string() })).min(2),
});
const cast = {
  characters: [
    { name: 'MARA', description: 'A night-shift cook who keeps every receipt.' },
    { name: 'JONAH', description: 'Her brother, back after nine years.' },
  ],
};
const request = {
  messages: [
    { role: 'system' as const, content: 'You are a screenwriting assistant.' },
    { role: 'user' as const, content: 'List the characters.' },
  ],
  schema: Characters,
  schemaName: 'characters',
  level: 'characters' as const,
};

describe('generateObject (structured output)', function () {
  this.timeout(10_000);
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await FakeModelServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends response_format json_schema built from the zod schema, strict when the schema allows', async () => {
    server.enqueue(canned.json(cast));
    const { model } = modelFor(server);
    const result = await model.generateObject(request);
    assert.deepEqual(result.value, cast);
    const format = server.chatRequests()[0].body.response_format;
    assert.equal(format.type, 'json_schema');
    assert.equal(format.json_schema.name, 'characters');
    assert.equal(format.json_schema.strict, true);
    assert.deepEqual(format.json_schema.schema.required, ['characters']);
    assert.equal(format.json_schema.schema.$schema, undefined);
  });

  it('is non-strict for schemas OpenAI strict mode would refuse', () => {
    assert.equal(isStrictCompatible(toJsonSchema(z.object({ a: z.string().optional() }))), false);
    assert.equal(isStrictCompatible(toJsonSchema(z.array(z.string()))), false);
    assert.equal(isStrictCompatible(toJsonSchema(Characters)), true);
  });

  for (const [name, reply] of [
    ['fenced JSON', canned.fencedJson(cast)],
    ['a chatty preamble', canned.preamble(cast)],
    ['trailing commas', canned.trailingCommas(cast)],
    ['a <think> block', canned.thinking(cast)],
  ] as const) {
    it(`reads ${name}`, async () => {
      server.enqueue(reply);
      const { model } = modelFor(server);
      assert.deepEqual((await model.generateObject(request)).value, cast);
      assert.equal(server.chatRequests().length, 1);
    });
  }

  it('retries once, sending the validation error back, and sums usage', async () => {
    server.enqueue(
      { ...canned.fencedJson({ characters: [{ name: 'MARA' }] }), usage: { prompt_tokens: 50, completion_tokens: 10 } },
      { ...canned.json(cast), usage: { prompt_tokens: 80, completion_tokens: 20 } },
    );
    const { model, ledger } = modelFor(server);
    const result = await model.generateObject(request);
    assert.deepEqual(result.value, cast);
    assert.deepEqual(result.usage, { promptTokens: 130, completionTokens: 30, totalTokens: 160 });
    const second = server.chatRequests()[1].body.messages;
    assert.equal(second.at(-2).role, 'assistant');
    assert.match(second.at(-2).content, /MARA/);
    assert.equal(second.at(-1).role, 'user');
    assert.match(second.at(-1).content, /description/, 'names the missing field');
    assert.match(second.at(-1).content, /JSON Schema/);
    assert.equal(ledger.requestCount, 2);
  });

  it('after a second bad answer, fails with a message naming provider and model', async () => {
    server.respondWith(() => ({ content: "I'm sorry, I can't produce a list of characters right now." }));
    const { model } = modelFor(server, { model: 'fake-large' });
    const err = await model.generateObject(request).catch((e) => e);
    assert.ok(err instanceof ModelError);
    assert.equal(err.kind, 'invalidOutput');
    assert.match(err.message, /Custom endpoint · fake-large/);
    assert.match(err.message, /"characters" JSON/);
    assert.equal(server.chatRequests().length, 2);
  });

  it('a list that stops early twice is a truncated error, never a shorter list', async () => {
    const long = { characters: [...cast.characters, { name: 'ODETTE', description: 'The landlady.' }, { name: 'RAY', description: 'A regular.' }] };
    server.enqueue(canned.stopsEarly(long), canned.stopsEarly(long));
    const { model } = modelFor(server);
    const err = await model.generateObject(request).catch((e) => e);
    assert.ok(err instanceof ModelError);
    assert.equal(err.kind, 'truncated');
  });

  it('falls back to JSON-in-the-prompt when the server rejects json_schema, and remembers', async () => {
    server.options.rejectJsonSchema = true;
    server.enqueue(canned.preamble(cast), canned.fencedJson(cast));
    const { model, logger } = modelFor(server);
    assert.deepEqual((await model.generateObject(request)).value, cast);
    assert.deepEqual((await model.generateObject(request)).value, cast);
    const sent = server.chatRequests().map((r) => r.body.response_format?.type ?? 'none');
    assert.deepEqual(sent, ['json_schema', 'none', 'none']);
    const system = server.chatRequests()[1].body.messages[0];
    assert.equal(system.role, 'system');
    assert.match(system.content, /^You are a screenwriting assistant\.[\s\S]*JSON Schema:\n\{/);
    assert.equal(server.chatRequests()[1].body.messages.filter((m: any) => m.role === 'system').length, 1);
    assert.match(logger.text, /rejected response_format json_schema/);
  });

  it('works unscripted: the fake server makes up schema-shaped JSON in both modes', async () => {
    const { model } = modelFor(server);
    const first = await model.generateObject(request);
    assert.equal(first.value.characters.length, 2);
    server.options.rejectJsonSchema = true;
    const second = await modelFor(server).model.generateObject(request);
    assert.equal(second.value.characters.length, 2);
  });
});
