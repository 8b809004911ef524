import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULTS, FakeModelServer, canned } from '../../fixtures/fakeModelServer';
import { storyResponder } from '../../fixtures/story/storyResponder';
import { ensureCliBuilt, runCli } from '../../support/cliProcess';

/**
 * The CLI as a separate process against the fault-injecting server: whatever a model sends, the
 * script on disk is either the writer's file byte for byte or has a complete, readable item
 * written in; the exit code is non-zero on failure; and the message names the CLI's own flags.
 */

/** Logline, title, characters and places; two beats with no drafts. */
const OUTLINE = [
  'Title: Static Lake',
  'Logline: A radio operator hears her missing brother in the static.',
  '',
  '# Characters',
  '',
  '[[MARA QUILL (Mara): A radio operator.]]',
  '',
  '[[WES: Her brother, missing since spring.]]',
  '',
  '# Places',
  '',
  '[[DINER: Chrome and cold coffee.]]',
  '',
  '[[SALT FLATS]]',
  '',
  '# Act One',
  '',
  'INT. DINER - NIGHT',
  '',
  '= Mara hears the voice.',
  '',
  'EXT. SALT FLATS - DAY',
  '',
  '= Mara drives out.',
  '',
].join('\n');

/** Only a logline: write-all has every level to do. */
const LOGLINE_ONLY = 'Logline: A radio operator hears her missing brother in the static.\n';

describe('dramaturge CLI (separate process) against faulty model output', function () {
  this.timeout(90_000);
  let server: FakeModelServer;
  let dir: string;
  let file: string;
  const model = () => ['--base-url', server.url, '--model', 'fake-small'];

  before(ensureCliBuilt);
  beforeEach(async () => {
    server = await FakeModelServer.start();
    server.respondWith(storyResponder({ scenes: 2 }));
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-faults-'));
    file = join(dir, 'lake.fountain');
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the CLI and checks the script and its sidecar are exactly as before, and the exit code non-zero. */
  async function untouched(text: string, args: string[]) {
    writeFileSync(file, text);
    const before = statSync(file);
    const r = await runCli([...args, file, ...model()]);
    assert.notEqual(r.code, 0, `exit code: ${r.stdout}${r.stderr}`);
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs);
    assert.ok(!existsSync(`${file}.dramaturge.json`), 'no sidecar');
    return r;
  }

  describe('an answer cut off at the token limit is never written', () => {
    it('generate characters: the two characters stay, exit 3, the message names --max-tokens', async () => {
      server.respondWith(() => canned.truncatedAtMaxTokens([{ name: 'MARA QUILL', description: 'A radio operator.' }, { name: 'WES', description: 'Her brother.' }], 0.7));
      const r = await untouched(OUTLINE, ['generate', 'characters']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /stopped at its token limit .*Nothing was inserted; raise --max-tokens/);
      assert.doesNotMatch(r.stderr, /dramaturge\.model|Dramaturge:/);
    });

    it('generate scenes --item 1: a scene cut mid-sentence is not inserted', async () => {
      server.respondWith(() => FAULTS.cutAtTokenLimit);
      const r = await untouched(OUTLINE, ['generate', 'scenes', '--item', '1']);
      assert.equal(r.code, 3);
      assert.equal(server.chatRequests().length, 1, 'a cut answer is not resampled');
    });

    it('write-all: scenes cut at the limit are failures, and nothing is written', async () => {
      server.respondWith(() => FAULTS.cutAtTokenLimit);
      const r = await untouched(OUTLINE, ['write-all', '--concurrency', '1']);
      assert.equal(r.code, 1);
      // One place without a description and two scenes without a draft.
      assert.equal(r.stderr.match(/stopped at its token limit/g)?.length, 3, r.stderr);
      assert.match(r.stderr, /Nothing was written: all 3 items failed\./);
    });

    it('--max-tokens reaches every level as its override', async () => {
      writeFileSync(file, OUTLINE);
      server.enqueue({ content: 'Static Lake' });
      const r = await runCli(['generate', 'title', file, ...model(), '--max-tokens', '77', '--no-sidecar']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.chatRequests()[0].body.max_tokens, 77);
    });
  });

  describe('an unreadable answer never becomes script text', () => {
    for (const [what, args] of [
      ['title', ['generate', 'title']],
      ['place', ['generate', 'places', '--item', '2']],
      ['scene', ['generate', 'scenes', '--item', '1']],
      ['logline', ['generate', 'logline', '--premise', 'A radio operator.']],
      ['characters', ['generate', 'characters']],
      ['beats', ['generate', 'beats']],
    ] as const) {
      it(`${what}: exit 3, file untouched, whichever way the junk comes`, async () => {
        // The first answer and both resamples: each a different shape of junk.
        server.enqueue(FAULTS.unreadable, FAULTS.unreadableBare, FAULTS.unreadableAfterWords);
        const r = await untouched(OUTLINE, [...args]);
        assert.equal(r.code, 3);
        assert.match(r.stderr, /could not be read|no .* the store can hold|returned data instead/);
        assert.doesNotMatch(readFileSync(file, 'utf8'), /oops/);
      });
    }

    it('write-all from a logline: the title fails, nothing is written', async () => {
      server.enqueue(FAULTS.unreadableBare, FAULTS.unreadableAfterWords, FAULTS.unreadable);
      const r = await untouched(LOGLINE_ONLY, ['write-all']);
      assert.equal(r.code, 3);
    });
  });

  describe('answers are bounded', () => {
    it('a 2 MB beats answer is stopped at the limit: one request, no fan-out, nothing written', async () => {
      server.respondWith(() => canned.huge(2 * 1024 * 1024, '{"heading": "INT. DINER - NIGHT", "plotElement": "Act One", "beat": "Mara waits."}, '));
      const text = OUTLINE.slice(0, OUTLINE.indexOf('# Act One'));
      const r = await untouched(text, ['write-all']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /answer passed 40,000 characters, the most this level accepts, so it was stopped there\. Nothing was inserted; try again, or raise --max-answer-chars/);
      assert.equal(server.chatRequests().length, 1, 'no places or scenes were asked for');
    });

    it('a 2 MB scene is not inserted', async () => {
      server.respondWith(() => FAULTS.huge);
      const r = await untouched(OUTLINE, ['generate', 'scenes', '--item', '1']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /passed 50,000 characters/);
    });

    it('an endless stream is stopped at the limit set by --max-answer-chars', async () => {
      server.respondWith(() => FAULTS.endless);
      const r = await untouched(OUTLINE, ['generate', 'scenes', '--item', '1', '--max-answer-chars', '3000']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /passed 3,000 characters/);
      assert.equal(server.chatRequests().length, 1);
      await server.waitForClose(server.chatRequests()[0]);
    });

    it('a list longer than --max-items is refused whole', async () => {
      server.respondWith(storyResponder({ scenes: 12 }));
      const text = OUTLINE.slice(0, OUTLINE.indexOf('# Act One'));
      const r = await untouched(text, ['generate', 'beats', '--max-items', '10']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /proposed 12 beats, more than the 10 this level accepts\. Nothing was inserted/);
      assert.equal(server.chatRequests().length, 1, 'an over-long list is not resampled');
    });
  });

  describe('what the messages say', () => {
    it('401: names --api-key and OPENAI_API_KEY, not an editor command', async () => {
      await server.close();
      server = await FakeModelServer.start({ apiKey: 'sk-right-key-000' });
      const r = await untouched(OUTLINE, ['generate', 'title', '--api-key', 'sk-wrong-key-123']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /rejected the API key \(HTTP 401\)\. Pass a valid key with --api-key or set OPENAI_API_KEY\./);
      assert.doesNotMatch(r.stderr, /Set API Key|sk-wrong-key-123/);
    });

    it('404: names --model and DRAMATURGE_MODEL, not an editor command', async () => {
      server.options = { ...server.options, rejectUnknownModels: true, models: ['llama3.2'] };
      const r = await untouched(OUTLINE, ['generate', 'title']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /has no model "fake-small" \(HTTP 404\)\. Pass one it offers with --model \(or set DRAMATURGE_MODEL\)/);
      assert.doesNotMatch(r.stderr, /Select Model/);
    });

    it('a reset mid-stream does not ask whether the server is running', async () => {
      server.respondWith(() => FAULTS.resetMidStream);
      const r = await untouched(OUTLINE, ['generate', 'scenes', '--item', '1']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /broke off before the answer was complete/);
      assert.doesNotMatch(r.stderr, /Is the server running/);
    });

    it('--timeout sets the request timeout, and the message names it', async () => {
      server.respondWith(() => FAULTS.hang);
      const r = await untouched(OUTLINE, ['generate', 'title', '--timeout', '1']);
      assert.equal(r.code, 3);
      assert.match(r.stderr, /sent nothing for 1 s, so the request was stopped\. .*raise --timeout \(seconds\)/);
    });
  });
});
