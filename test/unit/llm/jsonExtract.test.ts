import * as assert from 'node:assert/strict';
import { extractJson } from '../../../src/llm/jsonExtract';

describe('extractJson', () => {
  const value = { title: 'The Long Night', characters: [{ name: 'MARA', role: 'lead' }, { name: 'JONAH' }] };
  const pretty = JSON.stringify(value, null, 2);

  const ok = (text: string) => {
    const r = extractJson(text);
    assert.ok(r.ok, `expected JSON in: ${text} (${!r.ok ? r.message : ''})`);
    return r.value;
  };

  it('reads bare JSON', () => assert.deepEqual(ok(JSON.stringify(value)), value));

  it('reads a ```json fenced block', () => assert.deepEqual(ok('```json\n' + pretty + '\n```'), value));

  it('reads a fence without a language tag', () => assert.deepEqual(ok('```\n' + pretty + '\n```'), value));

  it('skips a chatty preamble and closing remarks', () => {
    const text = `Sure! Here's the outline you asked for [with characters]:\n\n${pretty}\n\nLet me know if you'd like any changes {or more}!`;
    assert.deepEqual(ok(text), value);
  });

  it('tolerates trailing commas outside strings but keeps commas inside strings', () => {
    const text = '{"title": "Well, then,", "list": [1, 2, 3,],}';
    assert.deepEqual(ok(text), { title: 'Well, then,', list: [1, 2, 3] });
  });

  it('ignores a <think> block from reasoning models', () => {
    assert.deepEqual(ok('<think>Maybe {"title": "wrong"}?</think>\n' + JSON.stringify(value)), value);
  });

  it('keeps brackets and escaped quotes inside strings', () => {
    assert.deepEqual(ok('{"line": "She says \\"[beat]\\" and {smiles}"}'), { line: 'She says "[beat]" and {smiles}' });
  });

  it('reads a top-level list', () => assert.deepEqual(ok('Here you go:\n[{"a": 1}, {"a": 2}]'), [{ a: 1 }, { a: 2 }]));

  it('reports a list truncated mid-way as truncated, never a repaired shorter list', () => {
    const cut = pretty.slice(0, Math.floor(pretty.length * 0.7));
    const r = extractJson(cut);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'truncated');
  });

  it('reports an unclosed fence that stops early as truncated', () => {
    const r = extractJson('```json\n{"beats": [{"place": "Diner"}, {"pla');
    assert.equal(!r.ok && r.reason, 'truncated');
  });

  it('reports prose without JSON as notFound', () => {
    const r = extractJson("I'm sorry, I can't help with that.");
    assert.equal(!r.ok && r.reason, 'notFound');
  });

  it('reports broken JSON as a syntax error', () => {
    const r = extractJson('{"title": The Long Night}');
    assert.equal(!r.ok && r.reason, 'syntax');
  });
});
