import * as assert from 'assert';
import { applyPatch, combinedPatch, proposalPatch } from '../../../src/story/documentPatch';
import { makeProposal } from '../../../src/story/proposal';
import type { Change } from '../../../src/story/proposal';
import { readStory } from '../../../src/story/storyReader';
import { renderStory } from '../../../src/story/fountainStore';

const source = { model: 'fake', promptHash: 'h' };
function patched(text: string, change: Change): string {
  return applyPatch(text, proposalPatch(text, makeProposal(readStory(text), change, source)));
}

const SCRIPT = `Title:   The Last Lamp
Logline: A keeper relights a lighthouse.
Author: Me

# Characters

[[ELENA VOSS (Elena): A retired keeper.]] [[TOM: Her nephew.]]

# Places

[[THE LIGHTHOUSE: A white tower.]]

# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.

Elena climbs the stairs,   counting.

ELENA
Ninety-nine.

EXT. THE CLIFF - DAY

= Tom arrives.
`;

describe('documentPatch: a proposal becomes one edit of the document', () => {
  it('replaces only the title line, keeping the rest byte for byte', () => {
    assert.strictEqual(patched(SCRIPT, { kind: 'title', value: 'Keeper' }), SCRIPT.replace('Title:   The Last Lamp', 'Title: Keeper'));
  });

  it('replaces one note inside a paragraph of several', () => {
    const out = patched(SCRIPT, { kind: 'character', index: 1, value: { name: 'TOM', description: 'A surveyor.', aliases: [] } });
    assert.strictEqual(out, SCRIPT.replace('[[TOM: Her nephew.]]', '[[TOM: A surveyor.]]'));
  });

  it('replaces a scene body and keeps the writer\'s spacing in other scenes', () => {
    const out = patched(SCRIPT, { kind: 'scene', index: 0, value: 'She waits.' });
    assert.strictEqual(out, SCRIPT.replace('Elena climbs the stairs,   counting.\n\nELENA\nNinety-nine.', 'She waits.'));
  });

  it('inserts a body into a scene that has none', () => {
    const out = patched(SCRIPT, { kind: 'scene', index: 1, value: 'TOM\nHello?' });
    assert.strictEqual(out, SCRIPT.replace('= Tom arrives.\n', '= Tom arrives.\n\nTOM\nHello?\n'));
  });

  it('adds a title page, a bible section and beats to a bare file', () => {
    let text = 'Logline: A keeper relights a lighthouse.\n';
    text = patched(text, { kind: 'title', value: 'Keeper' });
    assert.strictEqual(text, 'Title: Keeper\nLogline: A keeper relights a lighthouse.\n');
    text = patched(text, { kind: 'characters', value: [{ name: 'ELENA', description: 'A keeper.', aliases: ['Nell'] }, { name: 'TOM', description: 'Nephew.', aliases: [] }] });
    assert.strictEqual(text, 'Title: Keeper\nLogline: A keeper relights a lighthouse.\n\n# Characters\n\n[[ELENA (Nell): A keeper.]]\n\n[[TOM: Nephew.]]\n');
    text = patched(text, {
      kind: 'beats',
      value: [
        { place: { setting: 'INT', name: 'LIGHTHOUSE', time: 'NIGHT' }, plotElement: 'Exposition', beat: 'Dark lamp.' },
        { place: { setting: 'EXT', name: 'CLIFF', time: 'DAY' }, plotElement: 'Exposition', beat: 'Tom comes.' },
      ],
    });
    assert.ok(text.endsWith('[[TOM: Nephew.]]\n\n# Exposition\n\nINT. LIGHTHOUSE - NIGHT\n\n= Dark lamp.\n\nEXT. CLIFF - DAY\n\n= Tom comes.\n'), text);
    const story = readStory(text);
    assert.strictEqual(story.beats.length, 2);
    assert.strictEqual(story.characters[0].aliases[0], 'Nell');
  });

  it('keeps CRLF line breaks', () => {
    const crlf = SCRIPT.replace(/\n/g, '\r\n');
    const out = patched(crlf, { kind: 'scene', index: 1, value: 'TOM\nHello?' });
    assert.ok(!/[^\r]\n/.test(out));
    assert.ok(out.includes('= Tom arrives.\r\n\r\nTOM\r\nHello?\r\n'));
  });

  describe('keeps every line break and the BOM, whatever the file uses', () => {
    const every = (text: string, change: Change) => patched(text, change);
    /** The same document with `\n` written as `eol`, except where `keep` says otherwise. */
    const as = (eol: string) => SCRIPT.replace(/\n/g, eol);

    for (const [name, eol] of [['CR only', '\r'], ['CRLF', '\r\n']] as const) {
      it(`${name}: title, scene body, beat list, new character: only the item changes`, () => {
        const text = as(eol);
        assert.strictEqual(every(text, { kind: 'title', value: 'Lamp' }), text.replace('Title:   The Last Lamp', 'Title: Lamp'));
        assert.strictEqual(every(text, { kind: 'scene', index: 1, value: 'TOM\nHello?' }), text.replace(`= Tom arrives.${eol}`, `= Tom arrives.${eol}${eol}TOM${eol}Hello?${eol}`));
        const story = readStory(text);
        assert.strictEqual(story.scenes[0].draft, 'Elena climbs the stairs,   counting.\n\nELENA\nNinety-nine.');
        // A whole beat list re-renders the story (as it always has); on a file in the store's own
        // layout only the new lines appear, with the file's breaks.
        const canonical = renderStory(story, { titlePageExtras: ['Author: Me'] }).replace(/\n/g, eol);
        const beats = every(canonical, { kind: 'beats', value: [...story.beats, { place: { setting: 'EXT', name: 'THE PIER', time: 'DAWN' }, plotElement: 'Exposition', beat: 'Tom leaves.' }] });
        assert.strictEqual(beats, canonical + `${eol}EXT. THE PIER - DAWN${eol}${eol}= Tom leaves.${eol}`);
      });
    }

    it('mixed breaks: lines the patch does not touch keep their own break', () => {
      // LF mostly, one CRLF and one lone CR in scene 1 (a stray \r pasted from elsewhere).
      const text = SCRIPT.replace('Elena climbs the stairs,   counting.\n', 'Elena climbs the stairs,   counting.\r\n').replace('ELENA\nNinety', 'ELENA\rNinety');
      const out = every(text, { kind: 'scene', index: 1, value: 'TOM\nHello?' });
      assert.strictEqual(out, text.replace('= Tom arrives.\n', '= Tom arrives.\n\nTOM\nHello?\n'));
      const story = readStory(text);
      assert.strictEqual(story.beats.length, 2);
      assert.strictEqual(story.beats[1].plotElement, 'Exposition');
      // Replacing scene 1 replaces exactly its body, CR included, and the next heading stays put.
      const first = every(text, { kind: 'scene', index: 0, value: 'Dark.' });
      assert.strictEqual(first, text.replace('Elena climbs the stairs,   counting.\r\n\nELENA\rNinety-nine.', 'Dark.'));
    });

    it('a stray CR inside a scene does not move the section after it', () => {
      const text = 'Title: T\nLogline: L\n\n# Act One\n\nINT. A - DAY\n\n= One.\n\nShe waits.\rHe waits.\n\n# Rising Action\n\nINT. B - DAY\n\n= Two.\n';
      const out = every(text, { kind: 'scene', index: 0, value: 'Rewritten.' });
      assert.strictEqual(out, text.replace('She waits.\rHe waits.', 'Rewritten.'));
      assert.strictEqual(readStory(out).beats[1].plotElement, 'Rising Action');
    });

    it('BOM: stays first when the title is replaced, added, or the file is empty', () => {
      const bom = '\uFEFF';
      assert.strictEqual(every(bom + SCRIPT, { kind: 'title', value: 'Lamp' }), bom + SCRIPT.replace('Title:   The Last Lamp', 'Title: Lamp'));
      const noTitle = bom + 'INT. A - DAY\r\n\r\nShe waits.\r\n';
      assert.strictEqual(every(noTitle, { kind: 'title', value: 'Lamp' }), bom + 'Title: Lamp\r\n\r\nINT. A - DAY\r\n\r\nShe waits.\r\n');
      assert.strictEqual(every(bom, { kind: 'title', value: 'Lamp' }), bom + 'Title: Lamp\n');
    });
  });

  it('combines several proposals into one patch in order', () => {
    const text = 'Logline: A keeper relights a lighthouse.\n';
    const story = readStory(text);
    const title = makeProposal(story, { kind: 'title', value: 'Keeper' }, source);
    const chars = makeProposal(story, { kind: 'characters', value: [{ name: 'ELENA', description: 'A keeper.', aliases: [] }] }, source);
    assert.strictEqual(applyPatch(text, combinedPatch(text, [title, chars])), 'Title: Keeper\nLogline: A keeper relights a lighthouse.\n\n# Characters\n\n[[ELENA: A keeper.]]\n');
  });
});
