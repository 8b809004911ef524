import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fountain } from 'fountain-js';
import { FountainDocument } from '../../../src/fountain';
import { FakeModelServer } from '../../fixtures/fakeModelServer';
import { ensureCliBuilt, runCli } from '../../support/cliProcess';
import { storyResponder } from '../../fixtures/story/storyResponder';
import { readStory } from '../../../src/story/storyReader';
import { StorySchema } from '../../../src/story/schema';

const cli = runCli;

describe('dramaturge CLI (separate process) against the fake model server', function () {
  this.timeout(60_000);
  let server: FakeModelServer;
  let dir: string;
  let file: string;
  const model = () => ['--base-url', server.url, '--model', 'fake-small'];

  before(ensureCliBuilt);
  beforeEach(async () => {
    server = await FakeModelServer.start();
    server.respondWith(storyResponder({ scenes: 7 }));
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-cli-'));
    file = join(dir, 'static lake.fountain');
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /dramaturge new "<logline>" -o x\.fountain/);
    assert.match(r.stdout, /write-all/);
  });

  it('says clearly when no model is configured or reachable', async () => {
    await cli(['new', 'A logline.', '-o', file]);
    const none = await cli(['write-all', file]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No model configured: pass --provider local --model-file x\.gguf, or --base-url/);
    const closed = await FakeModelServer.start();
    const url = closed.url;
    await closed.close();
    const unreachable = await cli(['write-all', file, '--base-url', url]);
    assert.equal(unreachable.code, 3, unreachable.stderr);
    assert.match(unreachable.stderr, new RegExp(`No model answered at ${url.replace(/[.]/g, '\\.')}\\. Is the server running\\?`));
    // The CLI's flags, never the editor's settings.
    assert.match(unreachable.stderr, /Check --base-url \(or OPENAI_BASE_URL\) and that the server is running\./);
    assert.doesNotMatch(unreachable.stderr, /dramaturge\.model/);
    assert.ok(unreachable.stderr.split('\n').filter(Boolean).length <= 3, unreachable.stderr);
  });

  it('new → write-all → a screenplay both parsers read, every scene present; stale; regenerate', async () => {
    assert.equal((await cli(['new', 'A radio operator hears her missing brother in the static.', '-o', file])).code, 0);
    const r = await cli(['write-all', file, '--concurrency', '3'], { OPENAI_BASE_URL: server.url, DRAMATURGE_MODEL: 'fake-small' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /scenes: 7 items/);
    const text = readFileSync(file, 'utf8');
    const doc = FountainDocument.parse(text);
    assert.equal(doc.outline.allScenes.length, 7);
    const tokens = new Fountain().parse(text, true).tokens;
    assert.equal(tokens.filter((t) => t.type === 'scene_heading').length, 7);
    const story = readStory(text);
    assert.equal(StorySchema.safeParse(story).success, true);
    assert.ok(story.scenes.every((s) => s.draft.length > 0));
    assert.ok(existsSync(`${file}.dramaturge.json`));

    assert.match((await cli(['stale', file])).stdout, /Nothing is stale/);
    // The writer edits beat 3 by hand.
    writeFileSync(file, text.replace(/^= Beat 3: .*$/m, '= Beat 3: Wes steals the radio.'));
    const stale = await cli(['stale', file]);
    assert.match(stale.stdout, /^scenes\/2\t/m);
    assert.equal(stale.stdout.trim().split('\n').length, 1, stale.stdout);
    const regen = await cli(['stale', file, '--regenerate', ...model()]);
    assert.equal(regen.code, 0, regen.stderr);
    assert.match((await cli(['stale', file])).stdout, /Nothing is stale/);
    assert.match(readStory(readFileSync(file, 'utf8')).scenes[2].draft, /Wes steals the radio/);
  });

  it('generates single items, alternatives and continuations', async () => {
    await cli(['new', 'A radio operator hears her missing brother in the static.', '-o', file]);
    assert.equal((await cli(['write-all', file, ...model()])).code, 0);
    const alt = await cli(['generate', 'characters', '--item', '4', '--alternatives', '2', file, ...model()]);
    assert.equal(alt.code, 0, alt.stderr);
    assert.match(alt.stdout, /--- alternative 2/);
    assert.match(readStory(readFileSync(file, 'utf8')).characters[3].description, /hotwires/);
    const more = await cli(['generate', 'beats', '--continue', file, ...model()]);
    assert.equal(more.code, 0, more.stderr);
    assert.equal(readStory(readFileSync(file, 'utf8')).beats.length, 10);
    assert.equal((await cli(['generate', 'scenes', file, ...model()])).code, 0);
    const s = readStory(readFileSync(file, 'utf8'));
    assert.ok(s.scenes.every((x) => x.draft));
    const before = s.scenes[1].draft;
    assert.equal((await cli(['generate', 'scene', '--item', '2', '--continue', file, ...model()])).code, 0);
    const after = readStory(readFileSync(file, 'utf8')).scenes[1].draft;
    assert.ok(after.startsWith(before) && after.length > before.length);
    const bad = await cli(['generate', 'beats', '--item', '99', file, ...model()]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /There is no beat 99/);
  });

  it('keeps the writer\'s text outside the items it writes, byte for byte', async () => {
    await cli(['new', 'A radio operator hears her missing brother in the static.', '-o', file]);
    assert.equal((await cli(['write-all', file, ...model()])).code, 0);
    // Hand-written things the store never renders itself: a free note in the bible, an extra
    // title-page key, a boneyard block and odd spacing inside scene 1.
    const original = readFileSync(file, 'utf8')
      .replace('# Characters\n', '# Characters\n\nFree text the writer keeps here.\n')
      .replace(/^(Title: .*)$/m, '$1\nDraft date: 25 Nov')
      .replace(/\n$/, '\n\n/* an old ending\nINT. GONE - DAY\n*/\n');
    writeFileSync(file, original);
    const story = readStory(original);
    server.enqueue({ content: "Sure! Here's the scene:\n\n```fountain\nRain hammers the antenna.\n\nDR. ISA KHAN\nListen.\n```" });
    const regen = await cli(['generate', 'scenes', '--item', '3', file, ...model()]);
    assert.equal(regen.code, 0, regen.stderr);
    const after = readFileSync(file, 'utf8');
    const oldDraft = story.scenes[2].draft;
    const newDraft = readStory(after).scenes[2].draft;
    assert.equal(newDraft, 'Rain hammers the antenna.\n\nDR. ISA KHAN\nListen.');
    // Everything but scene 3's body is exactly as the writer left it.
    assert.equal(after.replace(newDraft, '<scene 3>'), original.replace(oldDraft, '<scene 3>'));
  });
  it('authorship: after write-all every word is the model\'s; a dialogue line retyped outside moves the figures by exactly its words', async () => {
    const logline = 'A radio operator hears her missing brother in the static.';
    await cli(['new', logline, '-o', file]);
    assert.equal((await cli(['write-all', file, ...model()])).code, 0);
    const report = async () => {
      const r = await cli(['authorship', file, '--json']);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    const before = await report();
    assert.equal(before.scenes.length, 7);
    for (const scene of before.scenes) {
      assert.ok(scene.words > 0);
      assert.deepEqual([scene.model, scene.writer, scene.modelEdited], [scene.words, 0, 0], scene.heading);
    }
    for (const level of ['title', 'bible', 'beats', 'scenes']) assert.equal(before.levels[level].model, before.levels[level].words, level);
    // What the writer typed on the command line is the writer's; so are the bible headings `new` wrote.
    assert.deepEqual(before.levels.logline, { words: 10, writer: 10, pasted: 0, model: 0, modelEdited: 0 });
    assert.deepEqual(before.levels.other, { words: 2, writer: 2, pasted: 0, model: 0, modelEdited: 0 });
    assert.equal(before.total.words, before.total.model + 12);
    assert.deepEqual(before.models.map((m: { model: string }) => m.model), ['fake-small']);
    assert.equal(before.editMeasure.ratio, 0);

    // The writer retypes one line of dialogue in another editor: 8 words out, 5 in.
    const text = readFileSync(file, 'utf8');
    const line = "You heard that too. Don't pretend you didn't.";
    assert.ok(text.includes(line));
    writeFileSync(file, text.replace(line, 'Quiet. Somebody is listening, Mara.'));
    const after = await report();
    const [s0, b0] = [after.scenes[0], before.scenes[0]];
    assert.deepEqual([s0.words, s0.model, s0.writer, s0.modelEdited], [b0.words - 3, b0.model - 8, 5, 0]);
    assert.deepEqual(after.scenes.slice(1), before.scenes.slice(1));
    assert.deepEqual(after.total, { ...before.total, words: before.total.words - 3, model: before.total.model - 8, writer: before.total.writer + 5 });
    assert.ok(after.editMeasure.ratio > 0);
    assert.match(after.summary, /Human contribution: the writer wrote 17 of them/);

    // The next CLI write reconciles the change into the sidecar and keeps it.
    assert.equal((await cli(['generate', 'title', file, ...model()])).code, 0);
    assert.deepEqual((await report()).scenes[0], s0);
    const md = join(dir, 'report.md');
    const written = await cli(['authorship', file, '--md', md]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(readFileSync(md, 'utf8'), /^## Summary$/m);
    // The PDF form goes through the script's own print pipeline; poppler reads back what a reader sees.
    const pdfFile = join(dir, 'r.pdf');
    const pdf = await cli(['authorship', file, '--pdf', pdfFile]);
    assert.equal(pdf.code, 0, pdf.stderr);
    const printed = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(printed, /AUTHORSHIP REPORT/);
    assert.match(printed, /Human contribution: the writer wrote 17 of them/);
    assert.ok(printed.includes(`Total: ${after.total.words} words; writer ${after.total.writer}, model verbatim ${after.total.model}`), printed.slice(0, 600));
    assert.match(printed, /fake-small: first used \d{4}-/);
  });
});
