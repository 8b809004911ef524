import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FountainDocument, type LineType } from '../../../src/fountain';
import { layoutScript, relayout, type Layout, type LayoutOptions } from '../../../src/print';
import { bigFish, corpusFile } from '../../support/corpus';
import { textOf } from './helpers';

const PRINTABLE: ReadonlySet<LineType> = new Set(['sceneHeading', 'action', 'character', 'parenthetical', 'dialogue', 'lyric', 'transition', 'centered']);
const FURNITURE = new Set(['pageNumber', 'sceneNumber', 'continued', 'more']);

const word = fc.constantFrom('the', 'lamp', 'keeper', 'climbs', 'Elena', 'storm', 'a', 'lighthouse', 'Он', 'идёт', 'Καλημέρα', '漢字', 'extraordinarily', '*dark*', '**loud**', '_low_');
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' ') + '.');
const paragraph = (max: number) => fc.array(sentence, { minLength: 1, maxLength: max }).map((ss) => ss.join(' '));
const name = fc.constantFrom('BOB', 'ALICE', 'ELENA VOSS', 'ОЛЕГ', 'BOB (V.O.)', "ALICE (CONT'D)");

const element = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('INT. HOUSE - DAY', 'EXT. YARD - NIGHT #4#', '.FORCED HEADING') },
  { weight: 5, arbitrary: fc.array(paragraph(6), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n')) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(name, fc.array(fc.oneof(paragraph(8), fc.constant('(beat)'), fc.constant('(quietly, to herself, with a long hesitation first)')), { minLength: 1, maxLength: 4 }))
      .map(([n, items]) => (items[0].startsWith('(') && items.length === 1 ? [n, items[0], 'Yes.'] : [n, ...items]).join('\n')),
  },
  { weight: 2, arbitrary: fc.tuple(name, paragraph(3), name, paragraph(10)).map(([a, x, b, y]) => `${a}\n${x}\n\n${b} ^\n${y}`) },
  { weight: 1, arbitrary: fc.constantFrom('CUT TO:', '> FADE OUT.', 'CLOSE ON THE LAMP.', '> THE END <', '===', '[[a note]]', '# Act', '= beat', '/* gone */', '~la la la', '  ') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => Array.from({ length: n }, (_, i) => `Line ${i}.`).join('\n')) },
);
const scriptArb = fc.array(element, { minLength: 1, maxLength: 60 }).map((els) => els.join('\n\n'));
const optionsArb: fc.Arbitrary<LayoutOptions> = fc.record({ paper: fc.constantFrom('letter' as const, 'a4' as const), sceneNumbers: fc.boolean(), continued: fc.boolean() });

/** The invariants every layout keeps. */
function checkLayout(doc: FountainDocument, layout: Layout): void {
  const L = layout.geometry.linesPerPage;
  const seen: number[] = [];
  for (const [i, page] of layout.pages.entries()) {
    assert.equal(page.number, i + 1);
    const taken = new Set<string>();
    for (const line of page.lines) {
      if (line.kind === 'pageNumber' || line.kind === 'continued') continue;
      assert.ok(line.row >= 0 && line.row < L, `page ${page.number}: row ${line.row} outside 0…${L - 1}`);
      if (line.kind === 'sceneNumber') continue;
      const key = `${line.row}/${line.column ?? ''}`;
      assert.ok(!taken.has(key), `page ${page.number}: two lines on row ${key}`);
      taken.add(key);
      assert.ok(line.x >= 1.5 - 1e-9 && line.x + line.cells * 0.1 <= 7.5 + 1e-9, `page ${page.number}: "${textOf(line)}" outside the margins`);
      if (!line.generated && seen[seen.length - 1] !== line.source) seen.push(line.source);
    }
    // (MORE) ends a column on this page and the next page opens that column with the cue (CONT'D).
    for (const more of page.lines.filter((l) => l.kind === 'more')) {
      const next = layout.pages[i + 1];
      assert.ok(next, `(MORE) on the last page ${page.number}`);
      const opener = next.lines.filter((l) => !FURNITURE.has(l.kind) && l.column === more.column).sort((a, b) => a.row - b.row)[0];
      assert.equal(opener.kind, 'character');
      assert.ok(opener.generated && /\(CONT/i.test(textOf(opener)), `page ${next.number} opens with "${textOf(opener)}"`);
      assert.equal(opener.source, more.source);
    }
  }
  const conts = layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'character' && l.generated));
  const mores = layout.pages.flatMap((p) => p.lines.filter((l) => l.kind === 'more'));
  assert.equal(conts.length, mores.length, '(MORE) and (CONT\'D) pair up');
  const printable = doc.lines.flatMap((l, i) => (PRINTABLE.has(l.type) ? [i] : []));
  assert.deepEqual(seen, printable, 'every printable source line appears exactly once, in order');
}

describe('print layout: properties', function () {
  this.timeout(120_000);
  it('random scripts: no page over its line count, every printable line once and in order, (MORE)/(CONT\'D) in pairs', () => {
    fc.assert(
      fc.property(scriptArb, optionsArb, (text, options) => {
        const doc = FountainDocument.parse(text);
        checkLayout(doc, layoutScript(doc, options));
      }),
      { numRuns: 150 },
    );
  });

  it('re-layout after an edit equals a full layout', () => {
    const editArb = fc.record({ at: fc.nat(), del: fc.nat(4), insert: fc.oneof(element, fc.constantFrom('', '\n', '\n\n', 'x', '^', '===\n')) });
    fc.assert(
      fc.property(scriptArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), optionsArb, (text, edits, options) => {
        const doc = FountainDocument.parse(text);
        let layout = layoutScript(doc, options);
        for (const e of edits) {
          const line = e.at % doc.lineCount;
          const endLine = Math.min(doc.lineCount - 1, line + e.del);
          doc.applyEdits([{ startLine: line, startCharacter: 0, endLine, endCharacter: e.del ? 0 : 0, text: e.insert + '\n' }]);
          layout = relayout(layout, doc, doc.lastChange!, options);
          assert.deepEqual(layout, layoutScript(doc, options));
        }
      }),
      { numRuns: 120 },
    );
  });

  // Cases random scripts found, kept so they are checked on every run whatever the seed.
  const oneLinePerLine = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}.`).join('\n');
  function relayoutMatches(text: string, edits: { line: number; insert: string }[], options: LayoutOptions): Layout {
    const doc = FountainDocument.parse(text);
    let layout = layoutScript(doc, options);
    for (const e of edits) {
      doc.applyEdits([{ startLine: e.line, startCharacter: 0, endLine: e.line, endCharacter: 0, text: e.insert }]);
      layout = relayout(layout, doc, doc.lastChange!, options);
      assert.deepEqual(layout, layoutScript(doc, options));
    }
    return layout;
  }

  it('re-layout reaches back past pages that hold only headings (each kept with a block too tall to follow it)', () => {
    // Two headings above a dual dialogue taller than a page: each heading is left alone on its page.
    // Splitting the dual dialogue with a blank line lets both headings and the shot share page 1.
    const layout = relayoutMatches(
      'INT. HOUSE - DAY\n\nINT. HOUSE - DAY\n\nBOB\nthe.\n\nBOB ^\nthe.\nLine 0.\n',
      [
        { line: 5, insert: oneLinePerLine(52) + '\n' },
        { line: 5, insert: '\n' },
      ],
      { paper: 'letter', sceneNumbers: false, continued: false },
    );
    assert.deepEqual(
      layout.pages[0].lines.slice(0, 3).map((l) => [l.row, l.kind, l.source]),
      [
        [0, 'sceneHeading', 0],
        [2, 'sceneHeading', 2],
        [4, 'shot', 4],
      ],
    );
  });

  it('re-layout redraws CONTINUED on kept pages when an edit removes the scene heading above them', () => {
    // A cue typed above the first heading turns it into dialogue: no page after it is mid-scene any more.
    const text = 'INT. HOUSE - DAY\n\n===\n\nBOB\nthe.\n\nBOB\nthe.\n\n===\n\nBOB ^\nthe.\n\nINT. HOUSE - DAY\n\nBOB\n(beat)\nYes.\n';
    const layout = relayoutMatches(text, [{ line: 0, insert: 'BOB\n(beat)\nYes.\n' }], { paper: 'letter', sceneNumbers: false, continued: true });
    assert.equal(layout.pages.length, 3);
    assert.deepEqual(
      layout.pages.map((p) => p.lines.filter((l) => l.kind === 'continued').length),
      [0, 0, 0],
    );
  });

  it('the corpus keeps every invariant, Letter and A4', () => {
    for (const file of ['big-fish.fountain', 'brick-and-steel.fountain']) {
      const doc = FountainDocument.parse(corpusFile(file));
      for (const paper of ['letter', 'a4'] as const) checkLayout(doc, layoutScript(doc, { paper, sceneNumbers: true, continued: true }));
    }
  });

  it('Big Fish ×8: re-laying out one typed character changes only the page it is on', () => {
    const doc = FountainDocument.parse(bigFish(8));
    const before = layoutScript(doc);
    const line = doc.lines.findIndex((l, i) => i > doc.lineCount / 2 && l.type === 'action');
    doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0, text: 'x' }]);
    const after = relayout(before, doc, doc.lastChange!);
    assert.deepEqual(after, layoutScript(doc));
    const changed = after.pages.filter((p, i) => p !== before.pages[i]).length;
    assert.ok(changed <= 3, `${changed} pages rebuilt`);
  });
});
