// Finding 7 of issue 9, the static half: every regular expression in src/ is checked by recheck's
// automaton checker (exact and deterministic; its fuzzer is neither, so it is not used), so a pattern
// that could backtrack super-linearly on some input fails here even when no adversarial case in
// linearTime.test.ts happens to hit it. Patterns built at run time (`new RegExp`) are listed in
// DYNAMIC with the values they are built from; a new one must be added there to pass.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkSync } from 'recheck';
import * as ts from 'typescript';
import { HEADING_PREFIXES } from '../../../src/fountain/sceneHeading';

const ROOT = path.join(__dirname, '../../../..');
const SRC = path.join(ROOT, 'src');

/** Every `new RegExp(...)` in src/, by file and source text, as built with representative values. */
const DYNAMIC: Record<string, { pattern: string; flags: string }> = {
  'src/fountain/likelyMistakes.ts new RegExp(`^\\\\s*(?:${HEADING_PREFIXES})[. ]\\\\s*\\\\S`, \'i\')': { pattern: `^\\s*(?:${HEADING_PREFIXES})[. ]\\s*\\S`, flags: 'i' },
  'src/fountain/sceneHeading.ts new RegExp(`^(?:${HEADING_PREFIXES})[. ]`, \'i\')': { pattern: `^(?:${HEADING_PREFIXES})[. ]`, flags: 'i' },
  'src/fountain/sceneHeading.ts new RegExp(`^((?:${HEADING_PREFIXES})\\\\.?)\\\\s*`, \'i\')': { pattern: `^((?:${HEADING_PREFIXES})\\.?)\\s*`, flags: 'i' },
  // A character's name, escaped, with each run of spaces as \s+ (characterMatch.ts).
  'src/story/characterMatch.ts new RegExp(`(?<![\\\\p{L}\\\\p{N}_])${escaped}(?![\\\\p{L}\\\\p{N}_])`, \'iu\')': { pattern: '(?<![\\p{L}\\p{N}_])JEAN\\s+LUC\\s+O\\.\\s+PICARD(?![\\p{L}\\p{N}_])', flags: 'iu' },
  'src/vscode/completion.ts new RegExp(`^(\\\\s*)(?:${HEADING_PREFIXES})\\\\.? `, \'i\')': { pattern: `^(\\s*)(?:${HEADING_PREFIXES})\\.? `, flags: 'i' },
};

/**
 * Patterns with look-arounds, which the automaton checker cannot analyse, reviewed by hand: each
 * look-around tests one character, so every match attempt costs a constant per character.
 */
const REVIEWED: Record<string, string> = {
  'src/fdx/xmlText.ts': 'NOT_XML: single characters or a surrogate half with a one-character look-around',
  'src/story/characterMatch.ts': 'a literal name (spaces as \\s+) between one-character look-behind and look-ahead',
};

interface Found {
  where: string;
  pattern: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function collect(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        literals.push({ where: `${rel}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`, pattern: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if (ts.isNewExpression(node) && node.expression.getText(source) === 'RegExp') {
        dynamic.push(`${rel} ${node.getText(source)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

/** recheck's verdict; `g` and `y` only change where matching starts, which recheck already assumes is anywhere. */
function verdict(pattern: string, flags: string, where: string): string {
  const result = checkSync(pattern, flags.replace(/[gy]/g, ''), { checker: 'automaton', timeout: 120_000 });
  if (result.status === 'unknown' && result.error.kind === 'unsupported' && Object.keys(REVIEWED).some((file) => where.startsWith(file))) return 'safe';
  return result.status === 'safe' ? 'safe' : `${result.status}${result.status === 'vulnerable' ? ` (${result.complexity.type}, e.g. ${result.attack.pattern})` : result.status === 'unknown' ? ` (${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''})` : ''}`;
}

describe('every regular expression in src/ is linear (issue 9, finding 7; checked by recheck)', function () {
  this.timeout(15 * 60_000);
  const { literals, dynamic } = collect();

  it('finds the patterns it checks (the collector works)', () => {
    assert.ok(literals.length > 40, `${literals.length} literals`);
    assert.ok(literals.some((l) => l.where.startsWith('src/fountain/')), 'the parser has patterns');
  });

  it('every pattern built at run time is listed here with the values it is built from', () => {
    assert.deepStrictEqual(dynamic.filter((d) => !(d in DYNAMIC)), [], 'add these to DYNAMIC');
  });

  it('recheck finds no super-linear backtracking in any literal', () => {
    const unsafe = literals.map((l) => ({ ...l, verdict: verdict(l.pattern, l.flags, l.where) })).filter((l) => l.verdict !== 'safe');
    assert.deepStrictEqual(unsafe.map((l) => `${l.where} /${l.pattern}/${l.flags}: ${l.verdict}`), []);
  });

  it('recheck finds none in the patterns built at run time', () => {
    const unsafe = Object.entries(DYNAMIC).map(([where, d]) => ({ where, verdict: verdict(d.pattern, d.flags, where) })).filter((d) => d.verdict !== 'safe');
    assert.deepStrictEqual(unsafe.map((d) => `${d.where}: ${d.verdict}`), []);
  });
});
