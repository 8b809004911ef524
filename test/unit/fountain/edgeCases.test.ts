import * as assert from 'node:assert/strict';
import { FountainDocument, type FountainLine } from '../../../src/fountain';
import { corpusFile } from '../../support/corpus';

/**
 * Every row of EDGE-CASES.md (the spec's classification of inputs where parsers go wrong).
 * Inputs that the table shows mid-script are given a line of action and a blank line before, so
 * they are not read as a title page or the first line of the file.
 */
const MID = 'Action.\n\n';

interface Case {
  input: string;
  types: string[];
  check?: (lines: readonly FountainLine[], doc: FountainDocument) => void;
}

const cases: Record<number, Case> = {
  1: { input: 'R2D2\nBeep.', types: ['character', 'dialogue'], check: (l) => assert.equal(l[0].name, 'R2D2') },
  2: { input: '23\nHello.', types: ['action', 'action'] },
  3: { input: "PO\nI'm a panda.", types: ['character', 'dialogue'] },
  4: {
    input: '@McCLANE\nYippee ki-yay.',
    types: ['character', 'dialogue'],
    check: (l) => {
      assert.equal(l[0].name, 'McCLANE');
      assert.equal(l[0].forced, true);
      assert.deepEqual(l[0].nameSpan, { start: 1, end: 8 });
    },
  },
  5: {
    input: "HANS (on the radio) (CONT'D)\nWhat was that?",
    types: ['character', 'dialogue'],
    check: (l) => {
      assert.equal(l[0].name, 'HANS');
      assert.deepEqual(l[0].extensions?.map((e) => e.text), ['(on the radio)', "(CONT'D)"]);
      assert.deepEqual(l[0].extensions?.map((e) => e.span), [
        { start: 5, end: 19 },
        { start: 20, end: 28 },
      ]);
    },
  },
  6: {
    input: 'INT. HOUSE - DAY #1A#\n\nINT. HOUSE - DAY #I-1-A#\n\nINT. HOUSE - DAY #1.#',
    types: ['sceneHeading', 'blank', 'sceneHeading', 'blank', 'sceneHeading'],
    check: (l, d) => {
      assert.deepEqual([l[0], l[2], l[4]].map((x) => x.sceneNumber?.text), ['1A', 'I-1-A', '1.']);
      assert.deepEqual(l[0].sceneNumber?.span, { start: 18, end: 20 });
      assert.equal(d.outline.allScenes[0].headingText, 'INT. HOUSE - DAY');
    },
  },
  7: { input: '.SNIPER SCOPE POV', types: ['sceneHeading'], check: (l) => assert.equal(l[0].forced, true) },
  8: { input: '...and then', types: ['action'] },
  9: { input: 'HARRY\n.44 Magnum.', types: ['character', 'dialogue'] },
  10: { input: 'int. house - day', types: ['sceneHeading'] },
  11: {
    input: 'INT. HOUSE - DAY\nJohn enters.',
    types: ['action', 'action'],
    check: (l) => assert.equal(l[0].headingWithoutBlankAfter, true),
  },
  12: {
    input: 'BRICK\nHi.\n\nSTEEL ^\nHey.',
    types: ['character', 'dialogue', 'blank', 'character', 'dialogue'],
    check: (l, d) => {
      assert.equal(l[3].name, 'STEEL');
      assert.equal(l[3].dualRight, true);
      assert.equal(d.isDualLeft(2), true, 'BRICK (line 2 after MID) is the left side');
    },
  },
  13: {
    input: 'ALICE\nHi.\n\nAction.\n\nBOB ^\nHey.',
    types: ['character', 'dialogue', 'blank', 'action', 'blank', 'character', 'dialogue'],
    check: (_l, d) => assert.equal(d.isDualLeft(2), false, 'no pairing across an action line'),
  },
  14: { input: '~Willy Wonka!\n~The amazing chocolatier!', types: ['lyric', 'lyric'] },
  15: { input: 'JOHN\n~La la la', types: ['character', 'lyric'] },
  16: { input: 'CUT TO:\n', types: ['transition', 'blank'] },
  17: { input: 'He walks over TO:', types: ['action'] },
  18: { input: '> Burn to White.', types: ['transition'], check: (l) => assert.equal(l[0].forced, true) },
  19: { input: '> THE END <', types: ['centered'] },
  20: { input: '>A<UTHORIZED', types: ['action'] },
  23: { input: 'Notes: call Bob', types: ['action'] },
  24: { input: 'DEALER\nTen.\n  \nHit or stand?', types: ['character', 'dialogue', 'dialogue', 'dialogue'] },
  25: {
    input: 'Action [[a note\nthat spans]] lines',
    types: ['action', 'action'],
    check: (l, d) => {
      assert.deepEqual(l[0].notes, [{ start: 7, end: 15 }]);
      assert.deepEqual(l[1].notes, [{ start: 0, end: 12 }]);
      assert.deepEqual(d.blocks, [{ kind: 'note', range: { start: 2, end: 3 } }]);
    },
  },
  26: {
    input: '# ACT ONE\n= The setup.',
    types: ['section', 'synopsis'],
    check: (l) => assert.equal(l[0].depth, 1),
  },
  27: { input: 'Он идёт.\nОна бежит.', types: ['action', 'action'] },
  28: { input: 'He screams.\nAAAARGH\nShe runs.', types: ['action', 'action', 'action'] },
  29: { input: '===\n\n===   ', types: ['pageBreak', 'blank', 'pageBreak'] },
  30: { input: '\tIndented action', types: ['action'], check: (l) => assert.equal(l[0].text, '\tIndented action') },
  31: { input: '!SCANNING THE AISLES...', types: ['action'], check: (l) => assert.equal(l[0].forced, true) },
  32: {
    input: '/* cut scene\nINT. GONE - DAY\n*/',
    types: ['boneyard', 'boneyard', 'boneyard'],
    check: (_l, d) => {
      assert.equal(d.outline.allScenes.length, 0);
      assert.deepEqual(d.blocks, [{ kind: 'boneyard', range: { start: 2, end: 4 } }]);
    },
  },
  33: {
    input: 'BRICK (V.O.)\n*Bold* and _under_ **strong** ***both***',
    types: ['character', 'dialogue'],
    check: (l) => assert.equal(l[1].text, '*Bold* and _under_ **strong** ***both***'),
  },
  34: {
    input: 'INT./EXT. CAR - MOVING\n\nI/E CAR\n\nEST. CITY\n\nINT/EXT. BUS - DAY',
    types: ['sceneHeading', 'blank', 'sceneHeading', 'blank', 'sceneHeading', 'blank', 'sceneHeading'],
    check: (_l, d) =>
      assert.deepEqual(
        d.outline.allScenes.map((s) => [s.prefix, s.location, s.timeOfDay]),
        [
          ['INT./EXT.', 'CAR', 'MOVING'],
          ['I/E', 'CAR', ''],
          ['EST.', 'CITY', ''],
          ['INT/EXT.', 'BUS', 'DAY'],
        ],
      ),
  },
  35: { input: 'THE END.\n', types: ['action', 'blank'] },
};

/** Rows whose input is only meaningful at the very start of the file. */
const atStart: Record<number, Case> = {
  21: {
    input: 'Title:\n    A\n    B\nAuthor: X\n\nINT. ROOM - DAY\n',
    types: ['titleKey', 'titleValue', 'titleValue', 'titleKey', 'blank', 'sceneHeading', 'blank'],
    check: (_l, d) =>
      assert.deepEqual(
        d.titlePage.map((e) => [e.key, e.value]),
        [
          ['Title', 'A\nB'],
          ['Author', 'X'],
        ],
      ),
  },
  22: {
    input: 'Format: Feature\nTitle: X\n\nAction.',
    types: ['titleKey', 'titleKey', 'blank', 'action'],
    check: (l) => assert.equal(l[0].key, 'Format'),
  },
  36: {
    input: 'Action.\n\nA /* never closed\n\nINT. GONE - DAY\n\nBOB\nHi. [[ also never closed',
    types: ['action', 'blank', 'action', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'boneyard'],
    check: (_l, d) => {
      assert.equal(d.outline.allScenes.length, 0);
      assert.deepEqual(d.blocks, [{ kind: 'boneyard', range: { start: 2, end: 7 } }]);
      const n = FountainDocument.parse('BOB\nHi. [[ open note\n\nINT. X - DAY\n');
      assert.deepEqual(
        n.lines.map((x) => x.type),
        ['character', 'dialogue', 'note', 'note', 'note'],
      );
    },
  },
};

describe('EDGE-CASES.md', () => {
  it('has a test for every row of the table', () => {
    const rows = corpusFile('EDGE-CASES.md')
      .split('\n')
      .map((l) => /^\|\s*(\d+)\s*\|/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    assert.ok(rows.length >= 36);
    const covered = new Set([...Object.keys(cases), ...Object.keys(atStart)].map(Number));
    assert.deepEqual(rows.filter((r) => !covered.has(r)), []);
  });

  for (const [row, c] of Object.entries(cases)) {
    it(`row ${row}: ${JSON.stringify(c.input).slice(0, 50)}`, () => {
      const doc = FountainDocument.parse(MID + c.input);
      const lines = doc.lines.slice(2);
      assert.deepEqual(lines.map((l) => l.type), c.types);
      // checks see the lines without the MID prefix, but line numbers of the whole document
      c.check?.(lines, doc);
    });
  }
  for (const [row, c] of Object.entries(atStart)) {
    it(`row ${row} (start of file): ${JSON.stringify(c.input).slice(0, 50)}`, () => {
      const doc = FountainDocument.parse(c.input);
      assert.deepEqual(doc.lines.map((l) => l.type), c.types);
      c.check?.(doc.lines, doc);
    });
  }
});
