import * as assert from 'assert';
import fc from 'fast-check';
import { applyBlocks, changeBlocks, inlineMarks, withoutBlock } from '../../../src/review/changeBlocks';

describe('review: change blocks', () => {
  it('accepting every block gives the new text, none gives the old', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'word ', '\n', 'INT. X', ' '), { maxLength: 30 }), fc.array(fc.constantFrom('a', 'c', 'word ', '\n', ' '), { maxLength: 30 }), (x, y) => {
        const oldText = x.join('');
        const newText = y.join('');
        const blocks = changeBlocks(oldText, newText);
        assert.strictEqual(applyBlocks(oldText, blocks), newText);
        assert.strictEqual(applyBlocks(oldText, []), oldText);
      }),
    );
  });

  it('gives one block per changed paragraph, each with a word diff', () => {
    const oldText = 'Elena climbs the stairs, counting.\n\nBOB\nHello.\n\nShe stops.\n';
    const newText = 'Elena climbs the old stairs, counting.\n\nBOB\nHello.\n\nShe stops dead.\n';
    const blocks = changeBlocks(oldText, newText);
    assert.strictEqual(blocks.length, 2);
    assert.deepStrictEqual(
      blocks[0].words.filter((w) => w.kind !== 'same').map((w) => [w.kind, w.text]),
      [['added', 'old ']],
    );
    const marks = inlineMarks(blocks[1]);
    assert.deepStrictEqual(marks.removed, []);
    assert.strictEqual(marks.inserted.length, 1);
    const at = marks.inserted[0].at;
    assert.strictEqual(oldText.slice(0, at) + marks.inserted[0].text + oldText.slice(at), applyBlocks(oldText, [blocks[1]]));
  });

  it('marks removed words at their offsets in the old text', () => {
    const oldText = 'A very long action line.';
    const [block] = changeBlocks(oldText, 'A long action line.');
    const { removed } = inlineMarks(block);
    assert.deepStrictEqual(
      removed.map((r) => oldText.slice(r.start, r.end)),
      ['very '],
    );
  });

  it('rejecting one block keeps the others proposed', () => {
    const oldText = 'one\n\ntwo\n\nthree\n';
    const newText = 'ONE\n\ntwo\n\nTHREE\n';
    const blocks = changeBlocks(oldText, newText);
    assert.strictEqual(withoutBlock(oldText, blocks, blocks[0]), 'one\n\ntwo\n\nTHREE\n');
  });
});

describe('scene-by-scene review of a long insertion', () => {
  const screenplay = 'Title: X\n\n# Characters\n\n[[ANA: a pilot]]\n\n# Act One\n\nINT. A - DAY\n\n= beat\n\nText.\n\nEXT. B - NIGHT\n\nMore.\n';

  it('splits an insertion before sections and headings, and the pieces join back exactly', () => {
    const blocks = changeBlocks('', screenplay);
    assert.deepEqual(blocks.map((b) => b.newText), [
      'Title: X\n',
      '\n# Characters\n\n[[ANA: a pilot]]\n',
      '\n# Act One\n\nINT. A - DAY\n\n= beat\n\nText.\n',
      '\nEXT. B - NIGHT\n\nMore.\n',
    ]);
    assert.equal(applyBlocks('', blocks), screenplay);
    // rejecting one scene keeps the others, with no stray blank line at the end
    assert.equal(withoutBlock('', blocks, blocks[3]), screenplay.replace('\nEXT. B - NIGHT\n\nMore.\n', ''));
    // accepting a later scene alone still leaves a blank line above its heading
    assert.equal(applyBlocks('', [blocks[0], blocks[3]]), 'Title: X\n\nEXT. B - NIGHT\n\nMore.\n');
  });

  it('keeps CRLF line breaks inside the pieces', () => {
    const crlf = screenplay.replace(/\n/g, '\r\n');
    const blocks = changeBlocks('', crlf);
    assert.equal(blocks.length, 4);
    assert.equal(blocks.map((b) => b.newText).join(''), crlf);
  });
});

describe('scene pieces', () => {
  it('never makes a block of blank lines alone', () => {
    const blocks = changeBlocks('Title: X\n', 'Title: X\n\n# Characters\n\n[[A: b]]\n');
    assert.deepEqual(blocks.map((b) => b.newText), ['\n# Characters\n\n[[A: b]]\n']);
  });
});
