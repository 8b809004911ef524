import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Authorship } from '../../../src/provenance/authorship';
import { attributeWords } from '../../../src/provenance/classify';
import { AuthorshipHistory } from '../../../src/provenance/history';
import { fromRecord, toRecord } from '../../../src/provenance/record';
import { positioned } from '../../../src/provenance/runs';
import { isWordChar, wordRanges } from '../../../src/provenance/words';

/**
 * Random sessions of accept, type, delete, paste, undo, redo and outside edits, run through the
 * provenance module exactly as the editor and the CLI drive it, against an oracle that simply
 * keeps the author of every character. Attribution must equal the oracle's, character by
 * character and word by word.
 */

type CharAuthor = { k: 'w' } | { k: 'p' } | { k: 'm'; answer: string; offset: number };

interface OracleState {
  text: string;
  authors: CharAuthor[];
}

type Op =
  | { kind: 'accept' | 'type' | 'paste' | 'outside'; at: number; span: number; text: string }
  | { kind: 'delete'; at: number; span: number }
  | { kind: 'undo' | 'redo' };

const SMALL = ['a', 'b', ' ', '\n', "'", 'é'];

function opArb(withOutside: boolean): fc.Arbitrary<Op> {
  const text = fc.array(fc.constantFrom(...SMALL), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
  const edit = (kind: 'accept' | 'type' | 'paste' | 'outside') => fc.record({ kind: fc.constant(kind), at: fc.nat(400), span: fc.nat(6), text });
  const arbs: fc.Arbitrary<Op>[] = [
    edit('accept'),
    edit('type'),
    edit('paste'),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(400), span: fc.integer({ min: 1, max: 8 }) }),
    fc.constant({ kind: 'undo' as const }),
    fc.constant({ kind: 'redo' as const }),
  ];
  if (withOutside) arbs.push(edit('outside'));
  return fc.oneof(...arbs);
}

/**
 * With outside edits, every character ever written is distinct (letters from one Unicode block,
 * separators from the private-use area), so the change a diff finds is the change that was made
 * and the oracle's answer is unambiguous.
 */
class Fresh {
  private letter = 0x4e00;
  private separator = 0xe000;
  map(text: string): string {
    return [...text].map((c) => (c === ' ' || c === '\n' || c === "'" ? String.fromCharCode(this.separator++) : String.fromCharCode(this.letter++))).join('');
  }
}

/** The editor as the provenance module sees it: text, history, and undo/redo stacks of texts. */
class Session {
  history = new AuthorshipHistory(Authorship.writer(0));
  undoTexts: string[] = [];
  redoTexts: string[] = [];
  text = '';

  apply(start: number, end: number, inserted: string, kind: 'typed' | 'pasted'): void {
    this.undoTexts.push(this.text);
    this.redoTexts = [];
    this.text = this.text.slice(0, start) + inserted + this.text.slice(end);
    this.history.push(this.history.current.edit({ start, end, text: inserted }, kind));
  }

  /** What the editor reports for an undo: one change that turns the text into the earlier one. */
  restore(target: string, direction: 'undo' | 'redo'): void {
    const change = minimalChange(this.text, target);
    this.text = target;
    const fallback = this.history.current.edit(change);
    if (direction === 'undo') this.history.undo(target, fallback);
    else this.history.redo(target, fallback);
  }
}

function minimalChange(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let eb = before.length;
  let ea = after.length;
  while (eb > start && ea > start && before[eb - 1] === after[ea - 1]) {
    eb--;
    ea--;
  }
  return { start, end: eb, text: after.slice(start, ea) };
}

function expand(a: Authorship): CharAuthor[] {
  const out: CharAuthor[] = [];
  for (const { run } of positioned(a.runs)) {
    for (let i = 0; i < run.length; i++) {
      if (run.kind === 'model') out.push({ k: 'm', answer: a.origins.get(run.origin)?.item ?? '?', offset: run.offset + i });
      else out.push({ k: run.kind === 'pasted' ? 'p' : 'w' });
    }
  }
  return out;
}

/** The oracle's own word classification, from nothing but the per-character authors. */
function oracleWords(state: OracleState, answers: Map<string, string>): string[] {
  return wordRanges(state.text).map((w) => {
    const chars = state.authors.slice(w.start, w.end);
    const model = chars.filter((c): c is Extract<CharAuthor, { k: 'm' }> => c.k === 'm');
    if (!model.length) return chars.every((c) => c.k === 'p') ? 'pasted' : 'writer';
    const one = model.length === chars.length && model.every((c, i) => c.answer === model[0].answer && c.offset === model[0].offset + i);
    const original = answers.get(model[0].answer) ?? '';
    const whole = one && !isWordChar(original[model[0].offset - 1]) && !isWordChar(original[model[0].offset + chars.length]);
    return whole ? 'model' : 'modelEdited';
  });
}

function run(ops: Op[], withOutside: boolean): void {
  const fresh = new Fresh();
  const session = new Session();
  let oracle: OracleState = { text: '', authors: [] };
  let undoStates: OracleState[] = [];
  let redoStates: OracleState[] = [];
  const answers = new Map<string, string>();
  let n = 0;
  for (const op of ops) {
    n++;
    if (!('at' in op)) {
      const [from, to] = op.kind === 'undo' ? [undoStates, redoStates] : [redoStates, undoStates];
      const [texts, otherTexts] = op.kind === 'undo' ? [session.undoTexts, session.redoTexts] : [session.redoTexts, session.undoTexts];
      const target = from.pop();
      const targetText = texts.pop();
      if (!target || targetText === undefined) continue;
      to.push(oracle);
      otherTexts.push(session.text);
      oracle = target;
      session.restore(targetText, op.kind);
    } else {
      const start = op.at % (oracle.text.length + 1);
      const end = Math.min(oracle.text.length, start + op.span);
      const inserted = op.kind === 'delete' ? '' : withOutside ? fresh.map(op.text) : op.text;
      if (start === end && !inserted) continue;
      const author: CharAuthor[] = [...inserted].map((_, i) => (op.kind === 'accept' ? { k: 'm', answer: `answer${n}`, offset: i } : op.kind === 'paste' ? { k: 'p' } : { k: 'w' }));
      const next = { text: oracle.text.slice(0, start) + inserted + oracle.text.slice(end), authors: [...oracle.authors.slice(0, start), ...author, ...oracle.authors.slice(end)] };
      if (op.kind === 'outside') {
        // Another app changed the file: the editor reopens it from its sidecar record.
        const record = JSON.parse(JSON.stringify(toRecord(session.text, session.history.current, [])));
        const loaded = fromRecord(record, next.text);
        assert.ok(loaded, 'the record reads back');
        session.history = new AuthorshipHistory(loaded.authorship);
        session.text = next.text;
        session.undoTexts = [];
        session.redoTexts = [];
        undoStates = [];
        redoStates = [];
      } else {
        undoStates.push(oracle);
        redoStates = [];
        session.apply(start, end, inserted, op.kind === 'paste' ? 'pasted' : 'typed');
        if (op.kind === 'accept') {
          answers.set(`answer${n}`, inserted);
          session.history.amend(session.history.current.attributeModel(start, { model: 'm', item: `answer${n}`, at: '2026-12-01T00:00:00Z', text: inserted }));
        }
      }
      oracle = next;
    }
    assert.equal(session.text, oracle.text);
    const current = session.history.current;
    assert.deepEqual(expand(current), oracle.authors, `after op ${n} (${op.kind})`);
    assert.deepEqual(
      attributeWords(session.text, current).map((w) => w.author),
      oracleWords(oracle, answers),
      `words after op ${n} (${op.kind})`,
    );
  }
}

describe('provenance: attribution through random editing sessions', function () {
  // Hundreds of sessions each; the machine may be busy. Time is not what these tests check.
  this.timeout(60_000);
  it('accept, type, delete, paste, undo and redo: every character and word as the oracle says', () => {
    fc.assert(
      fc.property(fc.array(opArb(false), { minLength: 1, maxLength: 40 }), (ops) => run(ops, false)),
      { numRuns: 500 },
    );
  });

  it('with outside edits reconciled from the sidecar record: still as the oracle says', () => {
    fc.assert(
      fc.property(fc.array(opArb(true), { minLength: 1, maxLength: 40 }), (ops) => run(ops, true)),
      { numRuns: 500 },
    );
  });

  it('outside edits over any text: model characters are always the model\'s own', () => {
    const text = fc.array(fc.constantFrom(...SMALL), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, text, fc.nat(40), (before, answer, after, cut) => {
        const known = before + answer + after;
        const a = Authorship.writer(known.length).attributeModel(before.length, { model: 'm', at: 'x', text: answer });
        const current = known.slice(0, cut % (known.length + 1)) + after + known.slice(cut % (known.length + 1));
        const loaded = fromRecord(toRecord(known, a, []), current);
        assert.ok(loaded);
        assert.equal(loaded.authorship.length, current.length);
        assert.ok(loaded.authorship.describes(current));
      }),
      { numRuns: 500 },
    );
  });
});
