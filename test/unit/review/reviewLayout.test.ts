import * as assert from 'assert';
import fc from 'fast-check';
import { blockDisplay, wordEditSummary } from '../../../src/review/blockDisplay';
import { applyBlocks, changeBlocks } from '../../../src/review/changeBlocks';
import { alignToLines } from '../../../src/review/lineAlign';
import { rewrite } from '../../../src/review/rewrite';

describe('review: whole-line targets', () => {
  it('widens a patch that starts inside "# Climax" to the whole line, keeping the text it covers', () => {
    const text = '# Characters\n\n# Climax\n';
    const at = text.indexOf('# Climax') + 2;
    const aligned = alignToLines(text, at, at);
    assert.deepStrictEqual(aligned, { start: text.indexOf('# Climax'), end: text.indexOf('# Climax') + 8, lead: '# ', trail: 'Climax' });
  });

  it('leaves a target that already covers whole lines (or inserts at a line start) alone', () => {
    const text = 'a\nbb\ncc\n';
    assert.deepStrictEqual(alignToLines(text, 2, 4), { start: 2, end: 4, lead: '', trail: '' });
    assert.deepStrictEqual(alignToLines(text, 5, 5), { start: 5, end: 5, lead: '', trail: '' });
    assert.deepStrictEqual(alignToLines(text, 2, 5), { start: 2, end: 5, lead: '', trail: '' });
  });
});

describe('review: rewrite with exact spans', () => {
  it('applying any subset of blocks equals applyBlocks, and every span lands on its text (property)', () => {
    const line = fc.constantFrom('INT. A - DAY', '', '= beat', 'ELENA', 'Hello.', '# Act', 'Rain.');
    const doc = fc.array(line, { minLength: 1, maxLength: 12 }).map((ls) => ls.join('\n') + '\n');
    fc.assert(
      fc.property(doc, doc, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (oldText, newText, choose) => {
        const blocks = changeBlocks(oldText, newText);
        const chosen = blocks.filter((_, i) => choose[i]);
        const result = rewrite(oldText, blocks.map((b, i) => ({ span: { start: b.oldStart, end: b.oldEnd }, replacement: choose[i] ? b.newText : undefined })));
        assert.strictEqual(result.text, applyBlocks(oldText, chosen));
        blocks.forEach((b, i) => assert.strictEqual(result.text.slice(result.spans[i].start, result.spans[i].end), choose[i] ? b.newText : oldText.slice(b.oldStart, b.oldEnd)));
        assert.strictEqual(oldText.slice(0, result.change.start) + result.change.text + oldText.slice(result.change.end), result.text);
      }),
    );
  });

  it('keeps the given order of several insertions at one point', () => {
    const r = rewrite('ab', [
      { span: { start: 1, end: 1 }, replacement: 'X' },
      { span: { start: 1, end: 1 } },
      { span: { start: 1, end: 1 }, replacement: 'Z' },
    ]);
    assert.strictEqual(r.text, 'aXZb');
    assert.deepStrictEqual(r.spans, [{ start: 1, end: 2 }, { start: 2, end: 2 }, { start: 2, end: 3 }]);
  });
});

describe('review: how a block is shown', () => {
  const block = (oldText: string, newText: string) => changeBlocks(oldText, newText)[0];

  it('a small edit inside a line keeps word marks', () => {
    const b = block('Elena climbs the stairs, counting.\n', 'Elena climbs the stairs, whispering.\n');
    assert.strictEqual(blockDisplay({ ...b, oldText: 'Elena climbs the stairs, counting.\n' }), 'words');
    assert.deepStrictEqual(wordEditSummary(b.words), [{ removed: 'counting', added: 'whispering' }]);
  });

  it('a rewritten paragraph is shown as old lines, then new lines', () => {
    const old = 'Elena climbs the stairs, counting every step.\n';
    const b = block(old, 'The wind screams through the broken gallery while she waits.\n');
    assert.strictEqual(blockDisplay({ ...b, oldText: old }), 'lines');
  });

  it('new lines and multi-line replacements are shown as lines', () => {
    assert.strictEqual(blockDisplay({ ...block('', 'ELENA\nHello.\n'), oldText: '' }), 'lines');
    const old = 'Rain.\n';
    assert.strictEqual(blockDisplay({ ...block(old, 'Rain.\n\nELENA\nHello.\n'), oldText: old }), 'lines');
  });
});
