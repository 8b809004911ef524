import * as assert from 'node:assert/strict';
import { compareWithParser } from './compareWithParser';
import { describeLine, lineKind, splitLines, tokenize, tokensOver, type GrammarLineKind, type TokenizedLine } from './tokenize';

/** Tokenizes `text` and returns the grammar's verdict for each line. */
export async function kindsOf(text: string): Promise<GrammarLineKind[]> {
  return (await tokenize(text)).map(lineKind);
}

export async function assertKinds(text: string, expected: GrammarLineKind[]): Promise<TokenizedLine[]> {
  const lines = await tokenize(text);
  assert.deepEqual(lines.map(lineKind), expected, lines.map(describeLine).join('\n'));
  return lines;
}

/** Every token covering `needle` in `line` carries `scope`. */
export function assertScope(line: TokenizedLine, needle: string, scope: string): void {
  const toks = tokensOver(line, needle);
  for (const t of toks) {
    assert.ok(t.scopes.includes(scope), `${JSON.stringify(t.text)} in ${JSON.stringify(line.text)} lacks ${scope}: ${describeLine(line)}`);
  }
}

/** No token covering `needle` carries a scope starting with `prefix`. */
export function assertNoScope(line: TokenizedLine, needle: string, prefix: string): void {
  for (const t of tokensOver(line, needle)) {
    const hit = t.scopes.find((s) => s.startsWith(prefix));
    assert.equal(hit, undefined, `${JSON.stringify(t.text)} in ${JSON.stringify(line.text)} has ${hit}: ${describeLine(line)}`);
  }
}

/** The grammar and the parser agree on every line, apart from the documented next-line limitation. */
export async function assertAgreesWithParser(text: string): Promise<void> {
  const texts = splitLines(text);
  const disagreements = compareWithParser(texts, await tokenize(text));
  assert.deepEqual(disagreements, [], JSON.stringify(disagreements, null, 1));
}
