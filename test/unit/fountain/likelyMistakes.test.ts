// The rules behind the Fountain diagnostics (src/fountain/likelyMistakes.ts has no `vscode` import, so
// they run in plain Node); the extension-host suite checks how they reach the editor.
import * as assert from 'assert';
import { FountainDocument } from '../../../src/fountain';
import { findMistakes, suggestCueName, withinOneEdit } from '../../../src/fountain/likelyMistakes';

/** A script where each name speaks the given number of times, one scene, one line each. */
function script(cues: [string, number][]): FountainDocument {
  const body = cues.flatMap(([name, n]) => Array.from({ length: n }, () => `${name}\nLine.\n`));
  return FountainDocument.parse(['INT. ROOM - DAY', '', ...body].join('\n'));
}

describe('likely mistakes (diagnostic rules)', () => {
  it('withinOneEdit: one replacement, insertion, deletion or adjacent swap', () => {
    assert.ok(withinOneEdit('BRICK', 'BRICK'));
    assert.ok(withinOneEdit('BRICK', 'BRICX'));
    assert.ok(withinOneEdit('BRICK', 'BRIKC'));
    assert.ok(withinOneEdit('BRICK', 'BRIK'));
    assert.ok(withinOneEdit('BRIK', 'BRICK'));
    assert.ok(withinOneEdit('RICK', 'BRICK'));
    assert.ok(!withinOneEdit('BRICK', 'BRXCX'));
    assert.ok(!withinOneEdit('BRICK', 'BRI'));
    assert.ok(!withinOneEdit('BRICK', 'RBIKC'));
    assert.ok(!withinOneEdit('STEEL', 'BRICK'));
  });

  it('suggests the much more frequent name one letter away', () => {
    const model = script([['BRICK', 3], ['BRIKC', 1], ['STEEL', 3]]);
    assert.strictEqual(suggestCueName(model, 'BRIKC'), 'BRICK');
    assert.strictEqual(suggestCueName(model, 'BRICK'), undefined);
    assert.strictEqual(suggestCueName(model, 'STEEL'), undefined);
  });

  it('needs the known name to be much more frequent (3 cues and 3x)', () => {
    assert.strictEqual(suggestCueName(script([['BRICK', 2], ['BRIKC', 1]]), 'BRIKC'), undefined);
    assert.strictEqual(suggestCueName(script([['BRICK', 5], ['BRIKC', 2]]), 'BRIKC'), undefined);
    assert.strictEqual(suggestCueName(script([['BRICK', 6], ['BRIKC', 2]]), 'BRIKC'), 'BRICK');
  });

  it('suggests the usual spelling for a forced cue that differs only by case', () => {
    const model = script([['@McCLANE', 3], ['@McClane', 1]]);
    assert.strictEqual(suggestCueName(model, 'McClane'), 'McCLANE');
    assert.strictEqual(suggestCueName(model, 'McCLANE'), undefined);
  });

  it('leaves numbered roles and very short names alone', () => {
    assert.strictEqual(suggestCueName(script([['GUARD 1', 4], ['GUARD 2', 1]]), 'GUARD 2'), undefined);
    assert.strictEqual(suggestCueName(script([['AL', 4], ['AI', 1]]), 'AI'), undefined);
  });

  it('flags a heading-looking line with no blank line after it, not a real heading', () => {
    const model = FountainDocument.parse('INT. HALL - DAY\n\nText.\n\nEXT. YARD - NIGHT\nShe runs.\n\nint. attic - day\n\nDust.\n');
    assert.deepStrictEqual(
      findMistakes(model).map((m) => [m.kind, m.line, m.start, m.end]),
      [['headingNeedsBlankLine', 4, 0, 17]],
    );
  });
});
