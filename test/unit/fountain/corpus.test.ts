import * as assert from 'node:assert/strict';
import { FountainDocument, type Scene, type Section } from '../../../src/fountain';
import { bigFish, corpusFile } from '../../support/corpus';

function assertWellFormed(text: string) {
  const doc = FountainDocument.parse(text);
  // every line covered exactly once, in order, with its own text
  const raw = text.split(/\r\n|\r|\n/);
  assert.equal(doc.lineCount, raw.length);
  doc.lines.forEach((l, i) => assert.equal(l.text, raw[i], `line ${i}`));
  // spans inside their line and in order
  for (const l of doc.lines) {
    const spans = [l.nameSpan, ...(l.extensions ?? []).map((e) => e.span), l.sceneNumber?.span, ...(l.notes ?? []), ...(l.boneyard ?? [])];
    for (const s of spans) if (s) assert.ok(0 <= s.start && s.start <= s.end && s.end <= l.text.length, JSON.stringify({ s, t: l.text }));
    if (l.nameSpan) assert.equal(l.text.slice(l.nameSpan.start, l.nameSpan.end), l.name);
  }
  // scenes: ordered, non-overlapping, each starting on its heading
  const scenes = doc.outline.allScenes;
  scenes.forEach((s: Scene, i) => {
    assert.equal(doc.lines[s.line].type, 'sceneHeading');
    assert.ok(s.range.start <= s.range.end);
    if (i > 0) assert.ok(scenes[i - 1].range.end < s.range.start);
    assert.equal(doc.sceneAt(s.range.end)?.index, i);
  });
  assert.equal(scenes.length, doc.lines.filter((l) => l.type === 'sceneHeading').length);
  const walk = (sections: readonly Section[], parent?: Section) => {
    sections.forEach((s, i) => {
      if (parent) assert.ok(parent.range.start <= s.range.start && s.range.end <= parent.range.end);
      if (i > 0) assert.ok(sections[i - 1].range.end < s.range.start);
      walk(s.sections, s);
    });
  };
  walk(doc.outline.sections);
  return doc;
}

describe('corpus scripts', () => {
  it('big-fish: every line covered once, 192 scenes (two are EXT/INT.), sane indexes and page count', () => {
    const doc = assertWellFormed(corpusFile('big-fish.fountain'));
    assert.equal(doc.outline.allScenes.length, 192);
    assert.equal(doc.titlePage[0].key, 'Title');
    assert.equal(doc.titlePage[0].value, 'Big Fish');
    const edward = doc.characters.get('EDWARD');
    assert.ok(edward && edward.cues > 250, 'Edward speaks most');
    // the published script is about 120 pages; the estimate should land near it
    assert.ok(doc.totalPages > 105 && doc.totalPages < 135, String(doc.totalPages));
  });

  it('brick-and-steel: title page, dual dialogue, forced elements', () => {
    const doc = assertWellFormed(corpusFile('brick-and-steel.fountain'));
    assert.deepEqual(doc.titlePage.map((t) => t.key), ['Title', 'Credit', 'Author', 'Source', 'Draft date', 'Contact']);
    assert.equal(doc.titlePage[0].value, '_**BRICK & STEEL**_\n_**FULL RETIRED**_');
    const brickDual = doc.lines.findIndex((l) => l.dualRight);
    assert.equal(doc.lines[brickDual].name, 'BRICK');
    const steel = doc.lines.slice(0, brickDual).map((l, i) => [l, i] as const).filter(([l]) => l.type === 'character').pop()!;
    assert.equal(doc.isDualLeft(steel[1]), true);
    assert.deepEqual(doc.outline.allScenes.map((s) => s.headingText).slice(0, 3), ["EXT. BRICK'S PATIO - DAY", 'INT. TRAILER HOME - DAY', 'EXT. BRICK\'S POOL - DAY']);
  });

  it('big-fish ×4 in CRLF parses the same as LF', () => {
    const lf = bigFish(4);
    const a = FountainDocument.parse(lf);
    const b = assertWellFormed(lf.replace(/\n/g, '\r\n'));
    assert.deepEqual(b.lines.map((l) => l.type), a.lines.map((l) => l.type));
  });
});
