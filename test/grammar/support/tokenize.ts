// Tokenizes Fountain text with the shipped TextMate grammar, the way VS Code does (vscode-textmate +
// vscode-oniguruma, one line at a time, state carried between lines), so tests can assert scopes.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from '../../support/corpus';

export const GRAMMAR_PATH = path.join(repoRoot, 'syntaxes/fountain.tmLanguage.json');
const WASM_PATH = path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm');

export interface Token {
  text: string;
  startIndex: number;
  scopes: string[];
}

export interface TokenizedLine {
  text: string;
  tokens: Token[];
  stoppedEarly: boolean;
}

// loadWASM may run only once per process, so the grammar is loaded once and shared by every test file.
let grammarPromise: Promise<{ registry: vsctm.Registry; grammar: vsctm.IGrammar }> | undefined;

export async function loadGrammar(): Promise<vsctm.IGrammar> {
  return (await loadRegistry()).grammar;
}

/** The registry too, for tests that set a theme (which recolours every grammar it loaded). */
export function loadRegistry(): Promise<{ registry: vsctm.Registry; grammar: vsctm.IGrammar }> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(WASM_PATH);
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'text.fountain' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar('text.fountain');
    if (!grammar) throw new Error('text.fountain did not load');
    return { registry, grammar };
  })();
  return grammarPromise;
}

/** Splits like VS Code's text model: any of CRLF, CR, LF ends a line and is not part of it. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Tokenizes already-split lines (use this to feed lines that still carry a `\r`). */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: readonly string[]): TokenizedLine[] {
  let state = vsctm.INITIAL;
  return lines.map((text) => {
    const r = grammar.tokenizeLine(text, state);
    state = r.ruleStack;
    return {
      text,
      stoppedEarly: r.stoppedEarly,
      tokens: r.tokens.map((t) => ({ text: text.slice(t.startIndex, t.endIndex), startIndex: t.startIndex, scopes: t.scopes })),
    };
  });
}

export async function tokenize(text: string): Promise<TokenizedLine[]> {
  return tokenizeLines(await loadGrammar(), splitLines(text));
}

/** Scopes of the first token whose text contains `needle` (the token must hold the whole needle). */
export function scopesAt(line: TokenizedLine, needle: string): string[] {
  const tok = line.tokens.find((t) => t.text.includes(needle));
  if (!tok) {
    throw new Error(`no single token holds ${JSON.stringify(needle)} in ${JSON.stringify(line.text)}: ` + describeLine(line));
  }
  return tok.scopes;
}

/** Every token covering some character of `needle`'s first occurrence. */
export function tokensOver(line: TokenizedLine, needle: string): Token[] {
  const start = line.text.indexOf(needle);
  if (start === -1) throw new Error(`${JSON.stringify(needle)} not in ${JSON.stringify(line.text)}`);
  const end = start + needle.length;
  return line.tokens.filter((t) => t.startIndex < end && t.startIndex + t.text.length > start);
}

export function describeLine(line: TokenizedLine): string {
  return line.tokens.map((t) => `${JSON.stringify(t.text)}[${t.scopes.slice(1).join(' ')}]`).join(' ');
}

/**
 * The grammar's verdict for a line, in the parser's vocabulary (src/fountain/types.ts LineType), read
 * from the line-level scopes. A line whose visible characters all sit in notes or boneyard reads as
 * 'note' / 'boneyard', as in the parser.
 */
export type GrammarLineKind =
  | 'blank'
  | 'titleKey'
  | 'titleValue'
  | 'sceneHeading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyric'
  | 'transition'
  | 'centered'
  | 'section'
  | 'synopsis'
  | 'note'
  | 'boneyard'
  | 'pageBreak'
  | 'unknown';

const KIND_BY_SCOPE: [prefix: string, kind: GrammarLineKind][] = [
  ['meta.title-page.key-line.fountain', 'titleKey'],
  ['meta.title-page.value-line.fountain', 'titleValue'],
  ['meta.character-cue.fountain', 'character'],
  ['meta.parenthetical.fountain', 'parenthetical'],
  ['meta.lyric.fountain', 'lyric'],
  ['meta.dialogue-line.fountain', 'dialogue'],
  ['markup.heading.scene.fountain', 'sceneHeading'],
  ['markup.heading.section.fountain', 'section'],
  ['comment.line.synopsis.fountain', 'synopsis'],
  ['meta.separator.page-break.fountain', 'pageBreak'],
  ['meta.centered.fountain', 'centered'],
  ['meta.transition.fountain', 'transition'],
  ['meta.action.fountain', 'action'],
];

export function lineKind(line: TokenizedLine): GrammarLineKind {
  const visible = line.tokens.filter((t) => t.text.trim() !== '');
  if (visible.length === 0) {
    // Whitespace only: inside an open boneyard or note it belongs to it (as in the parser); inside a
    // dialogue block or paragraph, two spaces is the continuation line.
    const scopes = line.tokens[0]?.scopes ?? [];
    if (scopes.includes('comment.block.boneyard.fountain')) return 'boneyard';
    if (scopes.includes('comment.block.note.fountain')) return 'note';
    const twoSpaces = line.text.replace(/\r$/, '') === '  ';
    if (twoSpaces && scopes.includes('meta.dialogue.fountain')) return 'dialogue';
    if (twoSpaces && scopes.includes('meta.paragraph.fountain')) return 'action';
    return 'blank';
  }
  const outside = visible.filter((t) => !t.scopes.some((s) => s.startsWith('comment.block.')));
  if (outside.length === 0) {
    return visible.some((t) => t.scopes.includes('comment.block.boneyard.fountain')) ? 'boneyard' : 'note';
  }
  for (const [scope, kind] of KIND_BY_SCOPE) {
    if (outside[0].scopes.includes(scope)) return kind;
  }
  return 'unknown';
}
