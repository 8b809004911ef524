import * as assert from 'assert';
import { FountainDocument } from '../../../src/fountain';
import { dropTargetLine, moveSceneEdits, type LineEdit } from '../../../src/outline/sceneMove';

/** Applies edits made against the original text (non-overlapping), as a WorkspaceEdit does. */
function apply(text: string, edits: LineEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.start) - offset(a.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.start)) + e.text + out.slice(offset(e.end));
  return out;
}

const A = 'INT. A - DAY\n\nAlpha.\n\n';
const B = 'INT. B - DAY\n\nBravo.\n\n';
const C = 'INT. C - DAY\n\nCharlie.';
const SCRIPT = `Title: T\n\n${A}${B}${C}`;

function move(text: string, index: number, target: number): string {
  const doc = FountainDocument.parse(text);
  const edits = moveSceneEdits(doc, index, target);
  assert.ok(edits, 'a move');
  return apply(text, edits);
}

describe('scene move', () => {
  it('moves a scene up, before another', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.strictEqual(move(SCRIPT, 1, doc.outline.allScenes[0].line), `Title: T\n\n${B}${A}${C}`);
  });

  it('moves a scene down, before another', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.strictEqual(move(SCRIPT, 0, doc.outline.allScenes[2].line), `Title: T\n\n${B}${A}${C}`);
  });

  it('moves the last scene (no trailing blank line) to the top, keeping headings apart', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.strictEqual(move(SCRIPT, 2, doc.outline.allScenes[0].line), `Title: T\n\n${C}\n\n${A}${B}`.replace(/\n\n$/, '\n'));
  });

  it('moves a scene to the end of the script', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.strictEqual(move(SCRIPT, 0, doc.lineCount), `Title: T\n\n${B}${C}\n\n${A.trimEnd()}\n`);
  });

  it('refuses a move onto itself', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.strictEqual(moveSceneEdits(doc, 1, doc.outline.allScenes[1].line), undefined);
    assert.strictEqual(moveSceneEdits(doc, 1, doc.outline.allScenes[2].line), undefined);
  });

  it('drops onto a section at its first scene, or after an empty section', () => {
    const text = '# One\n\nINT. A - DAY\n\nAlpha.\n\n# Two\n\n# Three\n\nINT. B - DAY\n\nBravo.\n';
    const doc = FountainDocument.parse(text);
    assert.strictEqual(dropTargetLine(doc, { kind: 'section', line: 0 }), 2);
    assert.strictEqual(dropTargetLine(doc, { kind: 'section', line: 6 }), 8);
    assert.strictEqual(dropTargetLine(doc, undefined), doc.lineCount);
  });
});
