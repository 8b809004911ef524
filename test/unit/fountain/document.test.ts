import * as assert from 'node:assert/strict';
import { FountainDocument } from '../../../src/fountain';

const SCRIPT = [
  'Title: The Test', // 0
  'Logline: A test walks into a parser.', // 1
  '', // 2
  '# ACT ONE', // 3
  '', // 4
  '## Setup', // 5
  '', // 6
  'INT. KITCHEN - NIGHT #1#', // 7
  '= Mary wakes up.', // 8
  '', // 9
  'Mary pours water.', // 10
  '', // 11
  'MARY', // 12
  '(sleepy)', // 13
  'Who is there?', // 14
  '', // 15
  'JOHN (O.S.)', // 16
  'Me.', // 17
  'Just me.', // 18
  '', // 19
  '# ACT TWO', // 20
  '', // 21
  'EXT. GARDEN - DAY', // 22
  '', // 23
  'MARY', // 24
  'Roses!', // 25
  '', // 26
  'ext. garden - night', // 27
  '', // 28
  '/* cut', // 29
  'INT. GONE - DAY', // 30
  '*/', // 31
].join('\n');

describe('FountainDocument', () => {
  const doc = FountainDocument.parse(SCRIPT);

  it('builds the section → scene outline with exact ranges', () => {
    const o = doc.outline;
    assert.deepEqual(o.sections.map((s) => [s.title, s.depth, s.range.start, s.range.end]), [
      ['ACT ONE', 1, 3, 19],
      ['ACT TWO', 1, 20, 31],
    ]);
    assert.deepEqual(o.sections[0].sections.map((s) => [s.title, s.range.start, s.range.end]), [['Setup', 5, 19]]);
    assert.deepEqual(o.sections[0].sections[0].scenes.map((s) => [s.headingText, s.range.start, s.range.end, s.sceneNumber, s.synopsis]), [
      ['INT. KITCHEN - NIGHT', 7, 19, '1', 'Mary wakes up.'],
    ]);
    assert.deepEqual(o.sections[1].scenes.map((s) => [s.location, s.timeOfDay, s.range.start, s.range.end]), [
      ['GARDEN', 'DAY', 22, 26],
      ['garden', 'night', 27, 31],
    ]);
    assert.deepEqual(o.allScenes.map((s) => s.index), [0, 1, 2]);
    assert.deepEqual(o.allScenes[0].characters, ['MARY', 'JOHN']);
  });

  it('indexes characters with cue and line counts, and locations case-insensitively', () => {
    assert.deepEqual([...doc.characters.values()].map((c) => [c.name, c.cues, c.lines, c.cueLines]), [
      ['MARY', 2, 2, [12, 24]],
      ['JOHN', 1, 2, [16]],
    ]);
    assert.deepEqual([...doc.locations.values()].map((l) => [l.name, l.scenes]), [
      ['KITCHEN', [0]],
      ['GARDEN', [1, 2]],
    ]);
  });

  it('reads the title page, including custom keys', () => {
    assert.deepEqual(doc.titlePage.map((t) => [t.key, t.value]), [
      ['Title', 'The Test'],
      ['Logline', 'A test walks into a parser.'],
    ]);
  });

  it('finds the scene and the section path at a line', () => {
    assert.equal(doc.sceneAt(14)?.index, 0);
    assert.equal(doc.sceneAt(3), undefined);
    assert.equal(doc.sceneAt(25)?.index, 1);
    assert.deepEqual(doc.sectionPathAt(14).map((s) => s.title), ['ACT ONE', 'Setup']);
    assert.deepEqual(doc.blocks, [{ kind: 'boneyard', range: { start: 29, end: 31 } }]);
  });

  it('estimates pages and screen time', () => {
    const scene = doc.outline.allScenes[0];
    assert.equal(scene.page, 1);
    assert.ok(scene.pages > 0 && scene.pages < 1, String(scene.pages));
    assert.equal(scene.seconds, Math.round(scene.pages * 60));
    assert.ok(doc.totalPages >= 1);
  });

  it('handles CRLF, lone CR and a BOM with VS Code positions', () => {
    const d = FountainDocument.parse('\uFEFFINT. A - DAY\r\n\r\nBOB\rHi.\r\n');
    assert.deepEqual(d.lines.map((l) => [l.type, l.text]), [
      ['sceneHeading', 'INT. A - DAY'],
      ['blank', ''],
      ['character', 'BOB'],
      ['dialogue', 'Hi.'],
      ['blank', ''],
    ]);
    assert.deepEqual(d.lines[2].nameSpan, { start: 0, end: 3 });
  });

  it('applies a VS Code-style edit sequence incrementally', () => {
    const d = FountainDocument.parse('Action.\n\nBOB\nHi.');
    // insert a blank line after "Action." is already there; turn the cue into action by typing lowercase
    d.applyEdits([{ startLine: 2, startCharacter: 3, endLine: 2, endCharacter: 3, text: 'by' }]);
    assert.deepEqual(d.lines.map((l) => l.type), ['action', 'blank', 'action', 'action']);
    d.applyEdits([{ startLine: 2, startCharacter: 3, endLine: 2, endCharacter: 5, text: '' }]);
    assert.deepEqual(d.lines.map((l) => l.type), ['action', 'blank', 'character', 'dialogue']);
    // opening a boneyard swallows the rest; closing it restores
    d.applyEdits([{ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: '/*' }]);
    assert.deepEqual(d.lines.map((l) => l.type), ['boneyard', 'boneyard', 'boneyard', 'boneyard']);
    d.applyEdits([{ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 2, text: '' }]);
    assert.deepEqual(d.lines.map((l) => l.type), ['action', 'blank', 'character', 'dialogue']);
    assert.equal(d.version, 4);
    // multi-line replacement across lines
    d.applyEdits([{ startLine: 0, startCharacter: 0, endLine: 3, endCharacter: 3, text: 'INT. X - DAY\n\nDone.' }]);
    assert.equal(d.getText(), 'INT. X - DAY\n\nDone.');
    assert.deepEqual(d.lines.map((l) => l.type), ['sceneHeading', 'blank', 'action']);
  });

  it('clamps edits that point past the end instead of throwing', () => {
    const d = FountainDocument.parse('A\nB');
    d.applyEdits([{ startLine: 9, startCharacter: 99, endLine: 12, endCharacter: 1, text: 'C' }]);
    assert.equal(d.getText(), 'A\nBC');
  });
});
