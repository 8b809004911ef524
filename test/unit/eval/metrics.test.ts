import * as assert from 'node:assert/strict';
import { distinctN, headingsMatch, leakedChatter, promptEchoes, median, ngrams, repeatedNgramRate, speakers, spread, strayHeadings, words } from '../../../eval/metrics';
import { chatterLines, parseSceneDraft } from '../../../src/story/parsers';
import { renderStory } from '../../../src/story/fountainStore';
import { emptyStory } from '../../../src/story/schema';
import { SCENE_CONTEXT_LABELS, sceneContext, scenePrompt } from '../../../src/story/prompts/scene';
import type { Beat, Character } from '../../../src/story/schema';

const bible: Character[] = [
  { name: 'MARA QUILL', aliases: ['Mara'], description: 'A radio operator.' },
  { name: 'JONAH', aliases: [], description: 'Motel owner.' },
];

describe('eval metrics', () => {
  it('splits words without punctuation or markup, keeping inner apostrophes', () => {
    assert.deepEqual(words("**MARA** (quietly): Don't go — it's 3 a.m."), ['mara', 'quietly', "don't", 'go', "it's", '3', 'a', 'm']);
    assert.deepEqual(ngrams(['a', 'b', 'c'], 2), ['a b', 'b c']);
    assert.deepEqual(ngrams(['a'], 2), []);
  });

  it('rates repeated n-grams and distinct-2', () => {
    assert.equal(repeatedNgramRate('one two three four five', 3), 0);
    // "a b c a b c": 4 trigrams, "a b c" twice → 1 of 4 repeats.
    assert.equal(repeatedNgramRate('a b c a b c', 3), 1 / 4);
    assert.equal(repeatedNgramRate('', 3), 0);
    assert.equal(distinctN('a b a b a', 2), 2 / 4);
    assert.equal(distinctN('one two three', 2), 1);
    assert.equal(distinctN('one', 2), 0);
    // A looping reply scores low on both.
    const loop = 'I am here. '.repeat(20);
    assert.ok(repeatedNgramRate(loop) > 0.9 && distinctN(loop) < 0.1);
  });

  it('finds who speaks and whom the bible knows, by name or alias', () => {
    const draft = 'Rain.\n\nMARA\nWho is there?\n\nJONAH (V.O.)\nOnly me.\n\nSTRANGER\nAnd me.';
    assert.deepEqual(speakers(draft, bible), { speakers: ['MARA', 'JONAH', 'STRANGER'], known: ['MARA', 'JONAH'], unknown: ['STRANGER'] });
  });

  it('matches each heading of the rendered script against its beat, and finds stray headings in bodies', () => {
    const beats: Beat[] = [
      { place: { setting: 'INT', name: 'MOTEL OFFICE', time: 'NIGHT' }, plotElement: 'Exposition', beat: 'Mara arrives.' },
      { place: { setting: 'EXT', name: 'SALT FLATS', time: 'DAY' }, plotElement: 'Climax', beat: 'Jonah digs.' },
    ];
    const story = { ...emptyStory('A radio operator hears static.'), characters: bible, beats, scenes: [{ draft: 'Mara waits.' }, { draft: 'Jonah digs.\n\n!INT. TRUCK - DAY\n\nHe drives.' }] };
    assert.deepEqual(headingsMatch(renderStory(story), beats), [true, true]);
    const moved = [beats[0], { ...beats[1], place: { ...beats[1].place, setting: 'INT' as const } }];
    assert.deepEqual(headingsMatch(renderStory(story), moved), [true, false]);
    assert.deepEqual(strayHeadings(story.scenes[1].draft), ['!INT. TRUCK - DAY']);
    // What the scene parser does with a heading the model writes mid-scene is what the metric counts.
    assert.equal(strayHeadings(parseSceneDraft('Mara waits.\n\nEXT. ROAD - DAY\n\nShe runs.').draft).length, 1);
  });

  it('finds chatter and fences the cleaner would strip, but not dialogue that sounds like it', () => {
    const text = "Sure! Here's the scene:\nMARA\nSure, I'll help.\n```\nOkay.\nHere is the key.\nI hope this helps!\n<think>\nLet me know what you think.";
    assert.deepEqual(chatterLines(text), ["Sure! Here's the scene:", '```', 'I hope this helps!', '<think>', 'Let me know what you think.']);
    assert.deepEqual(leakedChatter(parseSceneDraft("Sure! Here's the scene:\n\nMara waits.\n\nI hope this helps!").draft), []);
  });

  it('finds the scene prompt’s own lines echoed back in a draft', () => {
    const draft = 'Characters: MAUD ARKWRIGHT, Maud\n\nScene heading: EXT. BOAT\n**Beat:** she runs.\nMaud runs. Time: none.\n\nMAUD\nPlace: here?';
    assert.deepEqual(promptEchoes(draft), ['Characters: MAUD ARKWRIGHT, Maud', 'Scene heading: EXT. BOAT', '**Beat:** she runs.', 'Place: here?']);
    assert.equal(leakedChatter(draft).length, 4);
    // Every label is one the scene prompt really sends.
    const story = { ...emptyStory('A keeper relights a lamp.'), characters: bible, beats: [{ place: { setting: 'INT' as const, name: 'LAMP ROOM', time: '' }, plotElement: 'Climax', beat: 'Mara climbs.' }, { place: { setting: 'INT' as const, name: 'LAMP ROOM', time: '' }, plotElement: 'Climax', beat: 'Mara lights it.' }], scenes: [{ draft: 'She climbs.' }, { draft: '' }] };
    const prompt = scenePrompt(sceneContext(story, 1)).messages.map((m) => m.content).join('\n');
    for (const label of SCENE_CONTEXT_LABELS) assert.ok(prompt.includes(`\n${label}:`), label);
  });

  it('measures spread and median', () => {
    assert.equal(spread([100, 110, 105]), 0.1);
    assert.equal(spread([]), 0);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
  });
});
