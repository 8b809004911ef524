import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FountainDocument } from '../../../src/fountain';
import { StorySchema } from '../../../src/story/schema';
import { readStory } from '../../../src/story/storyReader';
import { ROOT, localModelFile } from '../../support/localModelFile';

/**
 * The whole hierarchy written by a real model (SmolLM2-135M) through the CLI as a separate
 * process: `new`, then `write-all --provider local`. Two beats and short scenes keep it quick.
 */

const CLI = join(ROOT, 'dist/cli.js');

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.DRAMATURGE_LOCAL_THREADS ? { DRAMATURGE_LOCAL_THREADS: process.env.DRAMATURGE_LOCAL_THREADS } : {}), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('dramaturge CLI with the built-in local model (real SmolLM2-135M)', function () {
  this.timeout(600_000);
  let dir: string;
  let modelFile: string;

  before(() => {
    modelFile = localModelFile();
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-local-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('new → write-all --provider local writes a whole screenplay the parser reads back, with no model chatter', async () => {
    const file = join(dir, 'lamp.fountain');
    const logline = 'A retired lighthouse keeper must relight a decommissioned lamp before the storm reaches the fishing fleet.';
    assert.equal((await cli(['new', logline, '-o', file])).code, 0);
    const r = await cli(['write-all', file, '--provider', 'local', '--model-file', modelFile, '--structure', 'Setup, Payoff', '--characters', '3', '--scene-max-tokens', '96', '--concurrency', '2', '--seed', '7']);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(file, 'utf8');
    const story = readStory(text);
    const checked = StorySchema.safeParse(story);
    assert.ok(checked.success, checked.success ? '' : checked.error.message);
    assert.equal(story.logline, logline);
    assert.ok(story.title.length > 0, 'a title');
    assert.ok(story.characters.length >= 1 && story.characters.length <= 3, `characters: ${story.characters.length}`);
    assert.ok(story.beats.length >= 2, `beats: ${story.beats.length}`);
    for (const b of story.beats) assert.ok(['Setup', 'Payoff'].includes(b.plotElement), `plot element from the structure: ${b.plotElement}`);
    const places = new Set(story.beats.map((b) => b.place.name.toUpperCase()));
    for (const name of places) {
      const place = story.places.find((p) => p.name.toUpperCase() === name);
      assert.ok(place && place.description.length > 0, `place ${name} is described`);
    }
    assert.equal(story.scenes.length, story.beats.length);
    for (const [i, s] of story.scenes.entries()) assert.ok(s.draft.trim().length > 0, `scene ${i + 1} is drafted`);
    // The screenplay itself has one heading per beat, and none of the model's wrapping.
    assert.equal(FountainDocument.parse(text).outline.allScenes.length, story.beats.length);
    assert.doesNotMatch(text, /```|<end>|<\|im_(start|end)\|>|^(Sure|Certainly|Here is|Here's)\b/im);
    assert.match(r.stderr, /scenes: \d+ items?/);
  });

  it('says what to pass when the model file is missing', async () => {
    const file = join(dir, 'none.fountain');
    await cli(['new', 'A logline.', '-o', file]);
    const noFile = await cli(['write-all', file, '--provider', 'local']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /--provider local needs a model: pass --model-file/);
    const gone = await cli(['write-all', file], { DRAMATURGE_MODEL_FILE: join(dir, 'gone.gguf') });
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /The model file .*gone\.gguf does not exist/);
  });
});
