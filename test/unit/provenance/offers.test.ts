// Ghost text taken by the writer is the model's: following an offer through the edits VS Code makes
// when a suggestion is committed whole, a word at a time, typed through, or dismissed by other edits.
import * as assert from 'assert';
import { Authorship, attributeWords, followOffer } from '../../../src/provenance';
import type { Offer, TextEdit } from '../../../src/provenance';

const OFFER: Offer = { start: 10, text: '\n\nNell turns the key.' };
const insert = (start: number, text: string): TextEdit => ({ start, end: start, text });

describe('followOffer: ghost text through edits', () => {
  it('a whole commit takes all of it, and nothing is left on offer', () => {
    assert.deepStrictEqual(followOffer(OFFER, insert(10, OFFER.text)), { taken: OFFER.text.length, rest: undefined });
  });

  it('a word at a time: each part taken is the model\'s, and the rest stays on offer after it', () => {
    const first = followOffer(OFFER, insert(10, '\n\nNell '));
    assert.deepStrictEqual(first, { taken: 7, rest: { start: 17, text: 'turns the key.' } });
    assert.deepStrictEqual(followOffer(first.rest!, insert(17, 'turns ')), { taken: 6, rest: { start: 23, text: 'the key.' } });
  });

  it('the document\'s CRLF line breaks match the offer\'s LF', () => {
    assert.deepStrictEqual(followOffer(OFFER, insert(10, '\r\n\r\nNell turns the key.')), { taken: '\r\n\r\nNell turns the key.'.length, rest: undefined });
  });

  it('typing the offer\'s next character by hand is the writer\'s, and keeps the rest on offer', () => {
    const typed = followOffer({ start: 4, text: 'Nell turns' }, insert(4, 'N'));
    assert.deepStrictEqual(typed, { taken: 0, rest: { start: 5, text: 'ell turns' } });
  });

  it('typing something else at the offer ends it', () => {
    assert.deepStrictEqual(followOffer(OFFER, insert(10, 'Ada')), { taken: 0, rest: undefined });
  });

  it('edits before the offer move it; edits after it leave it; an edit across it ends it', () => {
    assert.deepStrictEqual(followOffer(OFFER, insert(2, 'abc')), { taken: 0, rest: { start: 13, text: OFFER.text } });
    assert.deepStrictEqual(followOffer(OFFER, { start: 5, end: 10, text: '' }), { taken: 0, rest: { start: 5, text: OFFER.text } });
    assert.deepStrictEqual(followOffer(OFFER, insert(40, 'x')), { taken: 0, rest: OFFER });
    assert.deepStrictEqual(followOffer(OFFER, { start: 8, end: 12, text: '' }), { taken: 0, rest: undefined });
    assert.deepStrictEqual(followOffer(OFFER, { start: 5, end: 10, text: 'xy' }), { taken: 0, rest: undefined });
  });

  it('what was taken, attributed as the editor does, counts word for word as the model\'s', () => {
    const before = 'Nell runs.';
    const taken = ' She stops.';
    const offer: Offer = { start: before.length, text: taken };
    const edit = insert(before.length, taken);
    const outcome = followOffer(offer, edit);
    const a = Authorship.writer(before.length).edit(edit).attributeModel(edit.start, { model: 'm', at: 't', text: edit.text.slice(0, outcome.taken) });
    const text = before + taken;
    assert.deepStrictEqual(attributeWords(text, a).map((w) => `${text.slice(w.start, w.end)}:${w.author}`), ['Nell:writer', 'runs:writer', 'She:model', 'stops:model']);
  });
});
