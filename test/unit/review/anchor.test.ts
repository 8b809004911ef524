import * as assert from 'assert';
import fc from 'fast-check';
import { applyChange, mapSpan, mapSpanThrough } from '../../../src/review/anchor';

describe('review: anchoring a proposal through edits', () => {
  it('typing before the target shifts it, after it leaves it', () => {
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 2, end: 2, text: 'abc' }), { span: { start: 13, end: 23 }, touched: false });
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 20, end: 20, text: 'abc' }), { span: { start: 10, end: 20 }, touched: false });
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 10, end: 10, text: 'x' }), { span: { start: 11, end: 21 }, touched: false });
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 0, end: 10, text: '' }), { span: { start: 0, end: 10 }, touched: false });
  });

  it('an edit inside the target marks it touched and keeps covering it', () => {
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 12, end: 14, text: 'wxyz' }), { span: { start: 10, end: 22 }, touched: true });
    assert.deepStrictEqual(mapSpan({ start: 10, end: 20 }, { start: 5, end: 15, text: '' }), { span: { start: 5, end: 10 }, touched: true });
  });

  it('untouched target text survives any edits outside it (property)', () => {
    const edit = fc.record({ pos: fc.nat(), len: fc.nat({ max: 5 }), text: fc.string({ maxLength: 4 }) });
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 40 }), fc.array(edit, { maxLength: 20 }), (doc, edits) => {
        let text = `${doc}[TARGET]${doc}`;
        let span = { start: doc.length, end: doc.length + 8 };
        let touched = false;
        for (const e of edits) {
          const start = e.pos % (text.length + 1);
          const change = { start, end: Math.min(text.length, start + e.len), text: e.text };
          const mapped = mapSpanThrough(span, [change]);
          text = applyChange(text, change);
          span = mapped.span;
          touched ||= mapped.touched;
        }
        if (!touched) assert.strictEqual(text.slice(span.start, span.end), '[TARGET]');
        assert.ok(span.start >= 0 && span.end <= text.length && span.start <= span.end);
      }),
    );
  });

  it('applies one event of several changes against the pre-event text', () => {
    const text = 'aaaa[T]bbbb';
    const changes = [
      { start: 1, end: 1, text: 'XX' },
      { start: 8, end: 9, text: '' },
    ];
    const mapped = mapSpanThrough({ start: 4, end: 7 }, changes);
    const after = applyChange(applyChange(text, changes[1]), changes[0]);
    assert.strictEqual(after.slice(mapped.span.start, mapped.span.end), '[T]');
  });
});
