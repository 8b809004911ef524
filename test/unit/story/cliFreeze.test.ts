// Finding 7 of issue 9, as a writer meets it: one model reply holding a 20,000-space line froze
// `generate characters` for over three minutes, and Ctrl+C did nothing while it did. The CLI runs as
// a separate process against the fake model server; a run still going after RUN_LIMIT_MS is killed
// and fails the test (the fixed parser needs milliseconds for this reply).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeModelServer } from '../../fixtures/fakeModelServer';
import { CLI, ROOT, ensureCliBuilt, runCli } from '../../support/cliProcess';

const RUN_LIMIT_MS = 30_000;

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; killed: boolean }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  let stderr = '';
  let killed = false;
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, RUN_LIMIT_MS);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; killed: boolean }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, killed });
    }),
  );
  return { child, done };
}

describe('CLI never freezes on a long line and stops on Ctrl+C (issue 9, finding 7)', function () {
  this.timeout(90_000);
  let server: FakeModelServer;
  let dir: string;
  let file: string;

  before(ensureCliBuilt);
  beforeEach(async () => {
    server = await FakeModelServer.start();
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-freeze-'));
    file = join(dir, 'lamp.fountain');
    assert.equal((await runCli(['new', 'A keeper relights a dead lamp before the storm.', '-o', file])).code, 0);
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generate characters with a 20,000-space line in the reply finishes and keeps the good character', async () => {
    server.enqueue({ content: `Here are the characters:\n\n- **MARA VOSS** (Mara): A keeper who counts everything.\nA${' '.repeat(20_000)}b\n1.${' '.repeat(20_000)}**${' '.repeat(20_000)}x` });
    // The reply is 60,000+ characters; the answer-size cap is not under test here, the scanning is.
    const run = start(['generate', 'characters', file, '--base-url', server.url, '--model', 'fake-small', '--max-answer-chars', '200000']);
    const r = await run.done;
    assert.ok(!r.killed, `still running after ${RUN_LIMIT_MS} ms`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(file, 'utf8'), /\[\[MARA VOSS \(Mara\): A keeper who counts everything\.\]\]/);
  });

  it('Ctrl+C during generation stops the CLI and leaves the file byte-identical', async () => {
    const before = readFileSync(file);
    server.enqueue({ content: '[{"name": "MARA", "description": "A keeper."}, {"name": "JO', hangAfterChunks: 2 });
    const run = start(['generate', 'characters', file, '--base-url', server.url, '--model', 'fake-small']);
    while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.ok(!r.killed, `Ctrl+C did not stop it within ${RUN_LIMIT_MS} ms`);
    assert.notEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /Cancelling/);
    assert.deepEqual(readFileSync(file), before);
  });
});
