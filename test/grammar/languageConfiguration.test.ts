// language-configuration.json: comments, brackets and auto-closing for Fountain's markup, and words
// that keep their apostrophes (CONT'D, don't) so double-click and word navigation treat them as one.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

const config = JSON.parse(readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('language configuration', () => {
  it('uses /* */ (boneyard) as the block comment and has no line comment', () => {
    assert.deepEqual(config.comments, { blockComment: ['/*', '*/'] });
  });

  it('pairs [[ ]] and ( ) as brackets, auto-closes [[, ( and /*, and surrounds with emphasis markers', () => {
    assert.deepEqual(config.brackets, [['[[', ']]'], ['(', ')']]);
    const closes = Object.fromEntries(config.autoClosingPairs.map((p: { open: string; close: string }) => [p.open, p.close]));
    assert.deepEqual(closes, { '[[': ']]', '(': ')', '/*': '*/' });
    const surround = config.surroundingPairs.map((p: string[]) => p.join(''));
    for (const pair of ['()', '**', '__', '[]']) assert.ok(surround.includes(pair), pair);
  });

  it("word pattern keeps apostrophes inside words and splits on punctuation, in any script", () => {
    const re = new RegExp(config.wordPattern.pattern, `${config.wordPattern.flags ?? ''}g`);
    assert.deepEqual("DON'T say CONT'D, (V.O.) идёт’s end.".match(re), ["DON'T", 'say', "CONT'D", 'V', 'O', 'идёт’s', 'end']);
    assert.deepEqual("'quoted'".match(re), ['quoted']);
  });

  it('is wired into package.json with the grammar for .fountain and .spmd', () => {
    const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === 'fountain');
    assert.ok(lang, 'language fountain contributed');
    assert.equal(lang.configuration, './language-configuration.json');
    assert.deepEqual([...lang.extensions].sort(), ['.fountain', '.spmd']);
    const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'fountain');
    assert.deepEqual(grammar, { language: 'fountain', scopeName: 'text.fountain', path: './syntaxes/fountain.tmLanguage.json' });
    assert.equal(manifest.contributes.configurationDefaults['[fountain]']['editor.wordWrap'], 'on');
  });

  it('the grammar names every scope with the .fountain suffix', () => {
    const grammar = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes/fountain.tmLanguage.json'), 'utf8'));
    assert.equal(grammar.scopeName, 'text.fountain');
    const names: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'name' || key === 'contentName') && typeof value === 'string') names.push(...value.split(' '));
        else walk(value);
      }
    };
    walk(grammar.repository);
    walk(grammar.patterns);
    assert.ok(names.length > 30);
    assert.deepEqual(names.filter((n) => !n.endsWith('.fountain')), []);
  });
});
