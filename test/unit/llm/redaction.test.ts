// Findings 8 and 9 of issue 9: a key pasted with spaces around it is sent trimmed, and a server that
// echoes the Authorization header (or the request URL with `?api-key=`) must not get it printed,
// neither by the CLI (a separate process) nor in the model layer's errors and log (what the editor's
// "Dramaturge" output channel and notifications show).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact } from '../../../src/llm/logger';
import { OpenAIChatModel } from '../../../src/llm/openaiChatModel';
import { ensureCliBuilt, runCli } from '../../support/cliProcess';
import { CapturingLogger } from './helpers';

const KEY = 'sk-untrimmed-key-0123456789';
const QUERY_SECRET = 'q-secret-987654321';

/** A server that answers every request 500 with the Authorization header and URL it received. */
async function echoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = JSON.stringify({ error: { message: `Internal error for ${req.headers.authorization} at ${req.url}`, type: 'server_error' } });
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('secrets never shown (issue 9, findings 8 and 9)', function () {
  this.timeout(60_000);
  before(ensureCliBuilt);

  it('redact hides the trimmed form of a padded key and any Bearer token', () => {
    const out = redact(`Authorization: Bearer ${KEY} and Bearer other-token-1, key ${KEY}`, [`  ${KEY}\n`]);
    assert.ok(!out.includes(KEY) && !out.includes('other-token-1'), out);
  });

  it('the model layer: an echoed header and URL query never reach the error or the log', async () => {
    const server = await echoServer();
    try {
      const logger = new CapturingLogger();
      const model = new OpenAIChatModel({ provider: 'custom', baseUrl: `${server.url}?api-key=${QUERY_SECRET}`, apiKey: `  ${KEY}  `, model: 'm', requestTimeoutMs: 10_000 }, { logger });
      const err = await (async () => {
        for await (const _ of model.stream({ level: 'test', messages: [{ role: 'user', content: 'hi' }] })) void _;
      })().then(() => undefined, (e: unknown) => e as Error);
      assert.ok(err, 'the 500 is an error');
      for (const text of [err.message, logger.text]) {
        assert.ok(!text.includes(KEY) && !text.includes(QUERY_SECRET), text);
      }
    } finally {
      await server.close();
    }
  });

  it('the CLI: no key or query secret in its error or its hint line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dramaturge-redact-'));
    const file = join(dir, 'x.fountain');
    const server = await echoServer();
    try {
      assert.equal((await runCli(['new', 'A keeper relights a lamp.', '-o', file])).code, 0);
      const echoed = await runCli(['generate', 'title', file, '--base-url', `${server.url}?api-key=${QUERY_SECRET}`, '--model', 'm'], { OPENAI_API_KEY: `  ${KEY}  ` });
      assert.notEqual(echoed.code, 0);
      assert.ok(!echoed.stderr.includes(KEY) && !echoed.stderr.includes(QUERY_SECRET), echoed.stderr);
      await server.close();
      const unreachable = await runCli(['generate', 'title', file, '--base-url', `${server.url}?api-key=${QUERY_SECRET}`, '--model', 'm']);
      assert.match(unreachable.stderr, /No model answered at/);
      assert.ok(!unreachable.stderr.includes(QUERY_SECRET), unreachable.stderr);
    } finally {
      await server.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
