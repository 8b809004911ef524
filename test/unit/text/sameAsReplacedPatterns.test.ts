// The hand-written scans that replaced backtracking patterns (issue 9, finding 7) read text the
// way those patterns did: on random short lines (where the old patterns are still fast) the
// parser's cue fields, scene numbers and character notes equal what the old regular expressions
// gave. The old patterns live only here, as the reference.
import * as assert from 'assert';
import fc from 'fast-check';
import { FountainDocument } from '../../../src/fountain';
import { findSceneNumber } from '../../../src/fountain/sceneHeading';
import { parseCharacterNote } from '../../../src/story/storyReader';

const OLD_CUE = /^(.*?)((?:\s*\([^)]*\))*)\s*(\^)?\s*$/;
const OLD_EXTENSION = /\([^)]*\)/g;
const OLD_SCENE_NUMBER = /\s*#([\p{L}\p{N}.\-]+)#\s*$/u;
const OLD_NOTE = /^\s*([^:()]*?)\s*(?:\(([^()]*)\))?\s*(?::([\s\S]*))?$/;

const line = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join(''));

describe('hand-written scans read text as the replaced patterns did', () => {
  it('cue name, extensions and dual caret', () => {
    fc.assert(
      fc.property(line(['A', 'B', 'c', ' ', ' ', '\t', '(', ')', '^', '.', "'", '1']), (cue) => {
        const parsed = FountainDocument.parse(`\n${cue}\nHello.\n`).lines[1];
        // Which lines are cues is decided by rules that did not change; compare the fields of those that are.
        if (parsed.type !== 'character') return;
        const m = OLD_CUE.exec(cue);
        assert.ok(m, 'the old pattern matched every cue');
        const name = m[1].trim();
        assert.strictEqual(parsed.name, name);
        const exts = m[2] ? [...m[2].matchAll(OLD_EXTENSION)].map((e) => e[0]) : undefined;
        assert.deepStrictEqual(parsed.extensions?.map((e) => e.text), exts);
        assert.strictEqual(!!parsed.dualRight, !!m[3]);
      }),
      { numRuns: 3000 },
    );
  });

  it('scene number at the end of a heading', () => {
    fc.assert(
      fc.property(line(['I', 'N', 'T', '.', ' ', '#', '1', 'A', '-', 'é', '\t', 'x']), (heading) => {
        const m = OLD_SCENE_NUMBER.exec(heading);
        const n = findSceneNumber(heading);
        assert.strictEqual(n?.text, m?.[1]);
        if (m && n) assert.strictEqual(n.from, m.index);
      }),
      { numRuns: 3000 },
    );
  });

  it('character notes: name, aliases, description', () => {
    fc.assert(
      fc.property(line(['A', 'b', ' ', '\n', '(', ')', ':', ',', 'x']), (note) => {
        const m = OLD_NOTE.exec(note);
        const got = parseCharacterNote(note);
        if (!m) return; // the colon fallback is unchanged
        const oneLine = (t: string) => t.replace(/\s*[\r\n]+\s*/g, ' ').trim();
        assert.strictEqual(got.name, oneLine(m[1]));
        assert.strictEqual(got.description, oneLine(m[3] ?? ''));
        assert.deepStrictEqual(got.aliases, (m[2] ?? '').split(',').map(oneLine).filter(Boolean));
      }),
      { numRuns: 3000 },
    );
  });
});
