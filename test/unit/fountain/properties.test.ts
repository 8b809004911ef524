import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FountainDocument, type TextEdit } from '../../../src/fountain';
import { corpusFile } from '../../support/corpus';

/** Lines that exercise every construct, so random documents hit the interesting transitions. */
const SNIPPETS = [
  '', '', '', '  ', 'Title: Big', 'Author: Me', '    continued', 'INT. HOUSE - DAY', 'ext. yard - night #2#',
  '.FORCED', '..not', 'BOB', 'ALICE (V.O.)', 'STEEL ^', '@mcCoy', '(quietly)', 'Hello there.', '~la la',
  'CUT TO:', '> FADE OUT.', '> CENTER <', '!LOUD ACTION', '[[a note]]', '[[open note', 'close]] after',
  '/* bone', 'yard */ tail', '/* all */', '# Act', '## Seq', '= synopsis', '===', 'Он идёт.', 'ОН', 'R2D2',
  'He walks TO:', '\tTabbed', 'Notes: x', '*bold* _u_', 'a\r', '\uFEFFTitle: X',
];

const documentArb = fc
  .array(fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .map((ls) => ls.join('\n'));

const editArb = (maxLine: number) =>
  fc.record({
    startLine: fc.nat(maxLine + 2),
    startCharacter: fc.nat(20),
    span: fc.nat(3),
    endCharacter: fc.nat(20),
    // A BOM only ever comes first in a file, and parse() strips it; editors never insert one.
    text: fc.oneof(fc.constantFrom(...SNIPPETS.filter((s) => !s.startsWith('\uFEFF'))).map((s) => s + '\n'), fc.constantFrom('\n', '\n\n', '', 'x', '[[', ']]', '/*', '*/', '^', '@', '.', ':', '\r\n'), fc.string({ maxLength: 8 })),
  });

function structure(doc: FountainDocument) {
  return {
    lines: doc.lines,
    outline: doc.outline,
    characters: [...doc.characters.entries()].map(([k, v]) => [k, v.cues, v.lines, v.cueLines, [...v.spellings]]),
    locations: [...doc.locations.entries()],
    titlePage: doc.titlePage,
    blocks: doc.blocks,
    dual: doc.lines.map((_, i) => doc.isDualLeft(i)),
  };
}

/** What a text editor does with an edit, to compute the expected text independently. */
function applyToText(text: string, e: TextEdit): string {
  const lines = text.split(/\r\n|\r|\n/);
  const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), hi);
  const sl = clamp(e.startLine, 0, lines.length - 1);
  const el = clamp(e.endLine, sl, lines.length - 1);
  const sc = clamp(e.startCharacter, 0, lines[sl].length);
  const ec = sl === el ? clamp(e.endCharacter, sc, lines[el].length) : clamp(e.endCharacter, 0, lines[el].length);
  return [...lines.slice(0, sl), lines[sl].slice(0, sc) + e.text + lines[el].slice(ec), ...lines.slice(el + 1)].join('\n').split(/\r\n|\r|\n/).join('\n');
}

describe('parser properties', () => {
  it('never throws, and covers every line exactly once, on random Fountain', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const doc = FountainDocument.parse(text);
        const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        assert.equal(doc.lineCount, body.split(/\r\n|\r|\n/).length);
        assert.equal(doc.getText(), body.split(/\r\n|\r|\n/).join('\n'));
        void doc.outline;
        void doc.characters;
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const doc = FountainDocument.parse(text);
        void doc.outline;
        void doc.totalPages;
      }),
      { numRuns: 300 },
    );
  });

  it('incremental == full parse after random edit sequences', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb(40), { minLength: 1, maxLength: 8 }), (text, rawEdits) => {
        const doc = FountainDocument.parse(text);
        let expected = doc.getText();
        for (const r of rawEdits) {
          const edit: TextEdit = {
            startLine: r.startLine,
            startCharacter: r.startCharacter,
            endLine: r.startLine + r.span,
            endCharacter: r.endCharacter,
            text: r.text,
          };
          doc.applyEdits([edit]);
          expected = applyToText(expected, edit);
          assert.equal(doc.getText(), expected);
          assert.deepEqual(structure(doc), structure(FountainDocument.parse(expected)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('incremental == full on the corpus after mutating edits', () => {
    const base = corpusFile('brick-and-steel.fountain');
    fc.assert(
      fc.property(fc.array(editArb(170), { minLength: 1, maxLength: 5 }), (rawEdits) => {
        const doc = FountainDocument.parse(base);
        for (const r of rawEdits) {
          doc.applyEdits([{ startLine: r.startLine, startCharacter: r.startCharacter, endLine: r.startLine + r.span, endCharacter: r.endCharacter, text: r.text }]);
        }
        assert.deepEqual(structure(doc), structure(FountainDocument.parse(doc.getText())));
      }),
      { numRuns: 150 },
    );
  });
});
