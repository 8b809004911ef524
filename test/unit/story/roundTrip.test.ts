import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Fountain } from 'fountain-js';
import { FountainDocument } from '../../../src/fountain';
import { renderStory } from '../../../src/story/fountainStore';
import { readStory, readStoryWithLayout } from '../../../src/story/storyReader';
import { StorySchema } from '../../../src/story/schema';
import type { Story } from '../../../src/story/schema';
import { story as storyArb } from './arbitraries';

const sample: Story = {
  logline: 'A retired keeper must relight a decommissioned lighthouse before the storm: tonight.',
  title: 'The Last Lamp',
  characters: [
    { name: 'ELENA VOSS', description: 'A retired keeper who counts everything [twice].', aliases: ['Elena', 'Nell'] },
    { name: 'MARCUS', description: '', aliases: [] },
  ],
  places: [{ name: 'THE LIGHTHOUSE', description: 'A white tower; the gallery rail is rusted through.' }],
  beats: [
    { place: { setting: 'INT', name: 'THE LIGHTHOUSE', time: 'NIGHT' }, plotElement: 'Exposition', beat: 'Elena finds the lamp dark.' },
    { place: { setting: 'EXT', name: 'HARBOUR - PIER', time: 'DAWN' }, plotElement: 'Exposition', beat: '' },
    { place: { setting: 'INT/EXT', name: 'VAN', time: '' }, plotElement: 'Inciting Incident', beat: 'Marcus arrives.' },
  ],
  scenes: [
    { draft: 'Elena climbs the stairs.\n\nELENA\n(counting)\nForty-two.' },
    { draft: '' },
    { draft: 'MARCUS\nYou can\'t be here.' },
  ],
};

/** fast-check builds null-prototype records; compare data, not prototypes. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('story Fountain store', () => {
  it('the sample story is valid', () => {
    assert.deepEqual(StorySchema.safeParse(sample).error?.issues ?? [], []);
  });

  it('round-trips a hand-picked story', () => {
    assert.deepEqual(readStory(renderStory(sample)), sample);
  });

  it('round-trips generated stories with awkward text', () => {
    fc.assert(
      fc.property(storyArb, (s) => {
        assert.deepEqual(readStory(renderStory(s)), plain(s));
      }),
      { numRuns: 300 },
    );
  });

  it('renders a file every scene of which both parsers see', () => {
    fc.assert(
      fc.property(storyArb, (s) => {
        const text = renderStory(s);
        const doc = FountainDocument.parse(text);
        assert.equal(doc.outline.allScenes.length, s.beats.length);
        let parsed;
        try {
          parsed = new Fountain().parse(text, true);
        } catch (err) {
          // fountain-js has crash bugs of its own (a lyric after some lines); only the store's layout is under test.
          const draftsAlone = s.scenes.map((sc) => `INT. X\n\n${sc.draft}\n`).join('\n');
          assert.throws(() => new Fountain().parse(draftsAlone, true), `the store made fountain-js fail: ${String(err)}`);
          return;
        }
        const headings = (parsed.tokens ?? []).filter((t) => t.type === 'scene_heading');
        assert.equal(headings.length, s.beats.length);
      }),
      { numRuns: 100 },
    );
  });

  it('prints nothing of the bible or beats (they are notes, sections and synopses)', () => {
    const parsed = new Fountain().parse(renderStory(sample), true);
    const printed = (parsed.tokens ?? []).filter((t) => !['note', 'section', 'synopsis', 'boneyard_begin', 'boneyard_end'].includes(t.type));
    const text = printed.map((t) => t.text ?? '').join('\n');
    assert.ok(!text.includes('counts everything'), text);
    assert.ok(!text.includes('gallery rail'), text);
    assert.ok(!text.includes('Elena finds the lamp dark'), text);
    assert.ok(text.includes('Forty-two'));
  });

  it('reads hand edits anywhere', () => {
    const edited = renderStory(sample)
      .replace('Title: The Last Lamp', 'Title: The First Lamp')
      .replace('[[MARCUS:]]', '[[MARCUS (Marc):\n  A harbour pilot\n  with debts.]]\n[[JUNE: The pilot\'s sister.]]')
      .replace('= Elena finds the lamp dark.', '= Elena finds the lamp lit.')
      .replace('# Inciting Incident', '## Turn')
      .replace('Forty-two.', 'Forty-three.\n\nShe stops.')
      .replace('EXT. HARBOUR - PIER - DAWN', 'EST. HARBOUR - PIER - DUSK #4A#');
    const s = readStory(edited);
    assert.equal(s.title, 'The First Lamp');
    assert.deepEqual(s.characters.slice(1), [
      { name: 'MARCUS', description: 'A harbour pilot with debts.', aliases: ['Marc'] },
      { name: 'JUNE', description: "The pilot's sister.", aliases: [] },
    ]);
    assert.equal(s.beats[0].beat, 'Elena finds the lamp lit.');
    assert.equal(s.beats[2].plotElement, 'Turn');
    assert.deepEqual(s.beats[1].place, { setting: 'EXT', name: 'HARBOUR - PIER', time: 'DUSK' });
    assert.equal(s.scenes[0].draft, 'Elena climbs the stairs.\n\nELENA\n(counting)\nForty-three.\n\nShe stops.');
  });

  it('reads a plain hand-written screenplay with no bible', () => {
    const s = readStory('Title: Plain\n\nINT. KITCHEN - DAY\n\nBob cooks.\n\nEXT. YARD - NIGHT\n\n= Bob hides.\n\nBOB\nShh.\n');
    assert.equal(s.beats.length, 2);
    assert.equal(s.beats[0].plotElement, '');
    assert.equal(s.scenes[0].draft, 'Bob cooks.');
    assert.equal(s.beats[1].beat, 'Bob hides.');
  });

  it('reports where each item lives', () => {
    const { layout } = readStoryWithLayout(renderStory(sample));
    const lines = renderStory(sample).split('\n');
    assert.equal(lines[layout.title!], 'Title: The Last Lamp');
    assert.ok(lines[layout.characters[1].start].startsWith('[[MARCUS'));
    assert.equal(lines[layout.scenes[2].heading], 'INT./EXT. VAN');
    assert.equal(layout.scenes[1].body, undefined);
    assert.equal(lines[layout.scenes[0].body!.end], 'Forty-two.');
  });
});
