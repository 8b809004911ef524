import * as assert from 'node:assert/strict';
import { Fountain } from 'fountain-js';
import { FountainDocument, type FountainLine } from '../../../src/fountain';
import { corpusFile } from '../../support/corpus';

/**
 * Differential test against fountain-js 1.2.4: both parsers must agree on every printed element of
 * the corpus, and every input where they disagree on purpose is listed below with the spec rule.
 */

type Element = [type: string, text: string];

const COMPARED = new Set(['scene_heading', 'character', 'dialogue', 'parenthetical', 'transition', 'centered', 'section', 'synopsis', 'lyrics', 'page_break']);

function fountainJsElements(text: string): Element[] {
  return new Fountain()
    .parse(text, true)
    .tokens.filter((t) => COMPARED.has(t.type))
    .map((t): Element => [t.type, t.type === 'page_break' ? '' : (t.text ?? '').trim()]);
}

const TYPE_NAMES: Partial<Record<FountainLine['type'], string>> = {
  sceneHeading: 'scene_heading', character: 'character', dialogue: 'dialogue', parenthetical: 'parenthetical',
  transition: 'transition', centered: 'centered', section: 'section', synopsis: 'synopsis', lyric: 'lyrics', pageBreak: 'page_break',
};

/** Our lines, grouped and stripped the way fountain-js reports them (markup removed, runs merged). */
function ourElements(text: string): Element[] {
  const out: Element[] = [];
  let prev: FountainLine | undefined;
  for (const line of FountainDocument.parse(text).lines) {
    const type = TYPE_NAMES[line.type];
    // EXT/INT. headings are a deliberate difference (listed below): fountain-js reads them as action.
    if (!type || (line.type === 'sceneHeading' && /^ext\.?\/int/i.test(line.text))) {
      prev = line;
      continue;
    }
    let t = line.text.trim();
    if (line.type === 'sceneHeading' && line.forced) t = t.slice(1);
    if (line.type === 'transition' && line.forced) t = t.slice(1).trim();
    if (line.type === 'centered') t = t.slice(1, -1).trim();
    if (line.type === 'character') t = t.replace(/^@/, '').replace(/\s*\^$/, '');
    if (line.type === 'section') t = t.replace(/^#+\s*/, '');
    if (line.type === 'synopsis') t = t.replace(/^=\s*/, '');
    if (line.type === 'lyric') t = t.replace(/^~/, '');
    if (line.type === 'pageBreak') t = '';
    const merge = prev?.type === line.type && (line.type === 'dialogue' || line.type === 'centered');
    if (merge) out[out.length - 1][1] += '\n' + t;
    else out.push([type, t]);
    prev = line;
  }
  return out;
}

describe('differential: fountain-js agrees with us on the corpus', () => {
  for (const file of ['big-fish.fountain', 'brick-and-steel.fountain']) {
    it(file, () => {
      const text = corpusFile(file);
      assert.deepEqual(ourElements(text), fountainJsElements(text));
    });
  }
});

/** Each entry: input, what the spec says (our reading), and what fountain-js does instead. */
const DELIBERATE: { row: number; rule: string; input: string; ours: Element[]; fjsDiffers: (t: string) => boolean }[] = [
  {
    row: 11,
    rule: 'a scene heading needs a blank line after it; an uppercase line before text is then action (fjs: a character)',
    input: 'Action.\n\nINT. HOUSE - DAY\nJohn enters.',
    ours: [],
    fjsDiffers: (t) => fountainJsElements(t).some(([k]) => k === 'character'),
  },
  {
    row: 0,
    rule: 'a synopsis directly under a heading prints nothing, so the heading still stands (fjs: a cue with `= …` as dialogue)',
    input: 'Action.\n\nINT. HOUSE - DAY\n= Mary wakes.\n\nShe does.',
    ours: [['scene_heading', 'INT. HOUSE - DAY'], ['synopsis', 'Mary wakes.']],
    fjsDiffers: (t) => fountainJsElements(t).some(([k]) => k === 'character'),
  },
  {
    row: 0,
    rule: '`EXT/INT.` opens a scene heading like `INT./EXT.` (not in the spec list, but Big Fish uses it; fjs: action)',
    input: 'Action.\n\nEXT/INT. CAR - DAY\n\nX',
    ours: [],
    fjsDiffers: (t) =>
      FountainDocument.parse(t).lines[2].type === 'sceneHeading' && !fountainJsElements(t).some(([k]) => k === 'scene_heading'),
  },
  {
    row: 13,
    rule: 'dual dialogue `^` pairs only with the dialogue block right before it (fjs pairs across action)',
    input: 'ALICE\nHi.\n\nAction.\n\nBOB ^\nHey.',
    ours: [['character', 'ALICE'], ['dialogue', 'Hi.'], ['character', 'BOB'], ['dialogue', 'Hey.']],
    fjsDiffers: (t) => new Fountain().parse(t, true).tokens.some((x) => x.type === 'dual_dialogue_begin'),
  },
  {
    row: 15,
    rule: 'a lyric may follow a cue inside dialogue (fjs throws a TypeError)',
    input: 'JOHN\n~La la la',
    ours: [['character', 'JOHN'], ['lyrics', 'La la la']],
    fjsDiffers: (t) => {
      try {
        fountainJsElements(t);
        return false;
      } catch {
        return true;
      }
    },
  },
  {
    row: 27,
    rule: 'lowercase in any script prevents a cue (fjs only counts a-z, so Cyrillic text reads as a cue)',
    input: 'Action.\n\nОн идёт.\nОна бежит.',
    ours: [],
    fjsDiffers: (t) => fountainJsElements(t).some(([k]) => k === 'character'),
  },
  {
    row: 5,
    rule: 'extensions are separate from the name (fjs keeps `HANS (on the radio)` as one string); equal as text',
    input: "HANS (on the radio) (CONT'D)\nWhat was that?",
    ours: [['character', "HANS (on the radio) (CONT'D)"], ['dialogue', 'What was that?']],
    fjsDiffers: (t) =>
      FountainDocument.parse(t).lines[0].name === 'HANS' &&
      new Fountain().parse(t, true).tokens.find((x) => x.type === 'character')?.text === "HANS (on the radio) (CONT'D)",
  },
];

describe('differential: deliberate differences from fountain-js, each a spec rule', () => {
  for (const d of DELIBERATE) {
    it(`${d.row ? `EDGE-CASES row ${d.row}` : 'not in the table'}: ${d.rule}`, () => {
      assert.deepEqual(ourElements(d.input), d.ours);
      assert.equal(d.fjsDiffers(d.input), true, 'fountain-js still behaves as documented');
    });
  }
});
