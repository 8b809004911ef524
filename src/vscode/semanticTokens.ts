import * as vscode from 'vscode';
import type { FountainDocument, FountainLine, LineType, Span } from '../fountain';
import type { FountainDocuments } from './fountainDocuments';

/**
 * Semantic highlighting from the one parsed model. The TextMate grammar paints first and serves
 * other editors, but it cannot look at the next line: a line in capitals at the end of the file,
 * or before a blank line, looks like a cue to it while the parser (and every printer) reads action.
 * These tokens repaint each line as the parser classified it. package.json maps each token type to
 * the grammar's own scope (`semanticTokenScopes`), so themes colour both the same way; action maps
 * to a scope that the default themes paint in the plain foreground colour.
 */
export const TOKEN_TYPES = [
  'fountainAction',
  'fountainSceneHeading',
  'fountainCharacter',
  'fountainDialogue',
  'fountainParenthetical',
  'fountainTransition',
  'fountainLyric',
  'fountainCentered',
  'fountainSection',
  'fountainSynopsis',
] as const;
type TokenType = (typeof TOKEN_TYPES)[number];

export const semanticTokensLegend = new vscode.SemanticTokensLegend([...TOKEN_TYPES], []);

const TYPE_OF_LINE: Partial<Record<LineType, TokenType>> = {
  action: 'fountainAction',
  sceneHeading: 'fountainSceneHeading',
  character: 'fountainCharacter',
  dialogue: 'fountainDialogue',
  parenthetical: 'fountainParenthetical',
  transition: 'fountainTransition',
  lyric: 'fountainLyric',
  centered: 'fountainCentered',
  section: 'fountainSection',
  synopsis: 'fountainSynopsis',
};

export function registerSemanticTokens(selector: vscode.DocumentSelector, store: FountainDocuments): vscode.Disposable {
  return vscode.languages.registerDocumentSemanticTokensProvider(
    selector,
    { provideDocumentSemanticTokens: (document) => semanticTokens(store.get(document)) },
    semanticTokensLegend,
  );
}

export function semanticTokens(model: FountainDocument): vscode.SemanticTokens {
  const builder = new vscode.SemanticTokensBuilder(semanticTokensLegend);
  model.lines.forEach((line, index) => {
    const type = TYPE_OF_LINE[line.type];
    if (!type) return;
    const tokenIndex = TOKEN_TYPES.indexOf(type);
    // A cue's extensions and `^` keep the grammar's own colours; only the name is repainted.
    const spans = line.type === 'character' && line.nameSpan ? [line.nameSpan] : paintedSpans(line);
    for (const span of spans) builder.push(index, span.start, span.end - span.start, tokenIndex, 0);
  });
  return builder.build();
}

/** The line's text less its inline notes and boneyard, which keep their comment colour. */
function paintedSpans(line: FountainLine): Span[] {
  const holes = [...(line.notes ?? []), ...(line.boneyard ?? [])].sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let at = 0;
  for (const hole of holes) {
    if (hole.start > at) spans.push({ start: at, end: hole.start });
    at = Math.max(at, hole.end);
  }
  if (line.text.length > at) spans.push({ start: at, end: line.text.length });
  return spans;
}
