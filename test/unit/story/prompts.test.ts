import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Prompt } from '../../../src/story/prompts';
import {
  beatsPrompt,
  charactersPrompt,
  continueScenePrompt,
  loglinePrompt,
  moreBeatsPrompt,
  moreCharactersPrompt,
  placePrompt,
  replaceBeatPrompt,
  replaceCharacterPrompt,
  resolveStructure,
  sceneContext,
  scenePrompt,
  titlePrompt,
} from '../../../src/story/prompts';
import type { Story } from '../../../src/story/schema';

const ROOT = resolve(__dirname, '../../../..');
const GOLDEN = join(ROOT, 'test/fixtures/story/golden');

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
function golden(name: string, prompt: Prompt): void {
  const text = [`level: ${prompt.level}`, `stop: ${JSON.stringify(prompt.stop)}`, `maxTokens: ${prompt.maxTokens}`, ...prompt.messages.map((m) => `--- ${m.role}\n${m.content}`)].join('\n') + '\n';
  const file = join(GOLDEN, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${file} did not exist and was written; check it and run again`);
    return;
  }
  assert.equal(text, readFileSync(file, 'utf8'), `prompt ${name} changed; if intended, run with UPDATE_GOLDEN=1`);
}

function longStory(scenes: number): Story {
  const beats = Array.from({ length: scenes }, (_, i) => ({
    place: { setting: (i % 2 ? 'INT' : 'EXT') as 'INT' | 'EXT', name: i % 3 ? 'DINER' : 'SALT FLATS', time: 'NIGHT' },
    plotElement: i < scenes / 2 ? 'Rising Action' : 'Climax',
    beat: `Mara and Jonah argue about clue ${i + 1}; Isa listens.`,
  }));
  return {
    logline: 'A radio operator hears her missing brother in the static.',
    title: 'Static Lake',
    characters: [
      { name: 'MARA QUILL', aliases: ['Mara'], description: 'A radio operator.' },
      { name: 'JONAH BEST', aliases: [], description: 'Motel owner.' },
      { name: 'DR. ISA KHAN', aliases: [], description: 'A geologist.' },
      { name: 'AL', aliases: [], description: 'Never in these scenes: "Al" is not in "always".' },
    ],
    places: [
      { name: 'DINER', description: 'Neon and grease.' },
      { name: 'SALT FLATS', description: 'White to the horizon.' },
    ],
    beats,
    scenes: beats.map((_, i) => ({ draft: `MARA\nLine ${i + 1}, always.\n\nJONAH BEST\nReply ${i + 1}.` })),
  };
}

describe('story prompts', () => {
  const s = longStory(6);
  const structure = resolveStructure('freytag');

  it('golden: every level', () => {
    golden('logline', loglinePrompt('a radio operator, a dry lake, a missing brother'));
    golden('title', titlePrompt(s.logline));
    golden('characters', charactersPrompt(s.logline, 4));
    golden('characters-more', moreCharactersPrompt(s.logline, s.characters));
    golden('characters-replace', replaceCharacterPrompt(s.logline, s.characters.slice(1), s.characters[0]));
    golden('beats', beatsPrompt(s.logline, s.characters, structure));
    golden('beats-more', moreBeatsPrompt(s.logline, s.characters, structure, s.beats));
    golden('beats-replace', replaceBeatPrompt(s.logline, s.characters, s.beats, 2));
    golden('place', placePrompt(s.logline, 'DINER', s.beats));
    golden('scene-first', scenePrompt(sceneContext(s, 0)));
    golden('scene', scenePrompt(sceneContext(s, 3)));
    golden('scene-continue', continueScenePrompt(sceneContext(s, 3), s.scenes[3].draft));
  });

  it('scene k gets place, matched characters, plot element, logline, previous summary and tail', () => {
    const c = sceneContext(s, 3);
    assert.equal(c.placeDescription, 'White to the horizon.');
    assert.deepEqual(c.characters.map((x) => x.name), ['MARA QUILL', 'JONAH BEST', 'DR. ISA KHAN']);
    assert.equal(c.plotElement, 'Climax');
    assert.equal(c.previousSummary, s.beats[2].beat);
    assert.match(c.previousTail, /Reply 3\.$/);
    assert.equal(c.logline, s.logline);
  });

  it('context is bounded: scene prompts do not grow with the number of scenes', () => {
    const size = (story: Story, k: number) => scenePrompt(sceneContext(story, k)).messages.reduce((n, m) => n + m.content.length, 0);
    const short = longStory(5);
    const long = longStory(300);
    const base = size(short, 3);
    for (const k of [3, 50, 150, 299]) assert.ok(Math.abs(size(long, k) - base) < 40, `scene ${k}: ${size(long, k)} vs ${base}`);
    const huge = { ...long, scenes: long.scenes.map(() => ({ draft: 'x '.repeat(50_000) })) };
    assert.ok(size(huge, 200) < base + 1200);
  });

  it('few-shot examples are bundled from prompts/*.md and in sync', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-prompt-examples.mjs'), '--check'], { cwd: ROOT });
  });
});
