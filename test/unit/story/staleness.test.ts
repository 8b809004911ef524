import * as assert from 'node:assert/strict';
import { findStale, recordWritten } from '../../../src/story/staleness';
import { emptySidecar } from '../../../src/story/sidecar';
import type { Sidecar } from '../../../src/story/sidecar';
import type { Story } from '../../../src/story/schema';
import { allItems } from '../../../src/story/items';

function story(): Story {
  const beats = Array.from({ length: 6 }, (_, i) => ({
    place: { setting: 'INT' as const, name: i % 2 ? 'DINER' : 'TOWER', time: 'NIGHT' },
    plotElement: 'Rising Action',
    beat: i === 2 || i === 4 ? `Elena argues with Marcus about clue ${i}.` : `Marcus waits alone, clue ${i}.`,
  }));
  return {
    logline: 'A keeper and a pilot.',
    title: 'Lamp',
    characters: [
      { name: 'ELENA VOSS', aliases: ['Nell'], description: 'A keeper.' },
      { name: 'MARCUS', aliases: [], description: 'A pilot.' },
    ],
    places: [
      { name: 'TOWER', description: 'Tall.' },
      { name: 'DINER', description: 'Greasy.' },
    ],
    beats,
    scenes: beats.map((b, i) => ({ draft: i === 2 || i === 4 ? 'ELENA\nGo.\n\nMARCUS\nNo.' : 'MARCUS\nWaiting.' })),
  };
}

function recordAll(s: Story): Sidecar {
  let sc = emptySidecar();
  for (const ref of allItems(s)) if (ref.level !== 'logline') sc = recordWritten(sc, s, ref, { source: 'model', model: 'm' });
  return sc;
}

const ids = (s: Story, sc: Sidecar) => findStale(s, sc).map((x) => x.id);

describe('staleness graph', () => {
  it('nothing is stale right after writing', () => {
    const s = story();
    assert.deepEqual(ids(s, recordAll(s)), []);
  });

  it('editing beat 5 makes scene 5 stale, and only it', () => {
    const s = story();
    const sc = recordAll(s);
    s.beats[4] = { ...s.beats[4], beat: 'Elena leaves.' };
    assert.deepEqual(ids(s, sc), ['scenes/4']);
  });

  it('renaming a character makes exactly the scenes they appear in stale', () => {
    const s = story();
    const sc = recordAll(s);
    s.characters[0] = { ...s.characters[0], name: 'HELEN VOSS' };
    assert.deepEqual(ids(s, sc), ['scenes/2', 'scenes/4']);
  });

  it('matches by first name and alias, not by substring', () => {
    const s = story();
    s.beats[0] = { ...s.beats[0], beat: 'Nell waits. Marcusine is a town.' };
    s.beats[1] = { ...s.beats[1], beat: 'Nobody is here (not even Marc).' };
    s.scenes[1] = { draft: 'Dust.' };
    const sc = recordAll(s);
    s.characters[0] = { ...s.characters[0], description: 'A retired keeper.' };
    s.characters[1] = { ...s.characters[1], description: 'A smuggler.' };
    const stale = ids(s, sc);
    assert.ok(stale.includes('scenes/0'), 'alias Nell');
    assert.ok(!stale.includes('scenes/1'), 'Marc is not MARCUS');
  });

  it('a changed place description makes the scenes there stale; a changed logline everything', () => {
    const s = story();
    const sc = recordAll(s);
    s.places[1] = { ...s.places[1], description: 'Clean now.' };
    assert.deepEqual(ids(s, sc), ['scenes/1', 'scenes/3', 'scenes/5']);
    s.logline = 'Something else.';
    assert.equal(ids(s, sc).length, 1 + 2 + 6 + 2 + 6);
  });

  it('finds an item that moved (a beat inserted above) by its text', () => {
    const s = story();
    const sc = recordAll(s);
    s.beats.splice(1, 0, { place: { setting: 'EXT', name: 'ROAD', time: '' }, plotElement: 'Rising Action', beat: 'New.' });
    s.scenes.splice(1, 0, { draft: '' });
    assert.deepEqual(ids(s, sc), []);
  });

  it('without a sidecar, infers staleness from the text', () => {
    const s = story();
    assert.deepEqual(ids(s, emptySidecar()), []);
    s.characters[0] = { ...s.characters[0], name: 'HELEN VOSS', aliases: [] };
    const stale = findStale(s, emptySidecar());
    assert.deepEqual(stale.map((x) => x.id), ['scenes/2', 'scenes/4']);
    assert.ok(stale.every((x) => x.basis === 'inferred' && /ELENA/.test(x.reason)));
  });

  it('a hand-edited draft keeps its record and is judged by it', () => {
    const s = story();
    const sc = recordAll(s);
    s.scenes[0] = { draft: 'MARCUS\nStill waiting, by hand.' };
    assert.deepEqual(ids(s, sc), []);
    s.beats[0] = { ...s.beats[0], beat: 'Changed.' };
    assert.deepEqual(ids(s, sc), ['scenes/0']);
  });
});
