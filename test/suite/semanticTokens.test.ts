// Semantic tokens in the real VS Code: each line is painted as the parser reads it, including the
// lines the TextMate grammar cannot judge because it cannot see the next line.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeUntitled, openUntitled } from './support/untitled';
import { EXTENSION_ID } from './support/waitFor';

interface Token {
  line: number;
  start: number;
  length: number;
  type: string;
}

async function tokensOf(content: string): Promise<Token[]> {
  const document = await openUntitled(content);
  await vscode.window.showTextDocument(document);
  const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
  const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
  assert.ok(legend && tokens, 'the extension provides semantic tokens for Fountain');
  // The encoded form: (deltaLine, deltaStart, length, type, modifiers) per token.
  const out: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dStart, length, type] = tokens.data.slice(i, i + 4);
    line += dLine;
    start = dLine === 0 ? start + dStart : dStart;
    out.push({ line, start, length, type: legend.tokenTypes[type] });
  }
  await closeUntitled(document);
  return out;
}

const typeOfLine = (tokens: Token[], line: number) => tokens.filter((t) => t.line === line).map((t) => t.type);

describe('Semantic tokens from the parsed model', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('a line in capitals at the end of the file is action, not a cue', async () => {
    const tokens = await tokensOf('INT. HOUSE - DAY\n\nShe waits.\n\nTHE END');
    assert.deepStrictEqual(typeOfLine(tokens, 4), ['fountainAction']);
    assert.deepStrictEqual(typeOfLine(tokens, 0), ['fountainSceneHeading']);
  });

  it('a line in capitals before a blank line is action; a real cue paints only its name', async () => {
    const tokens = await tokensOf('INT. HOUSE - DAY\n\nBANG\n\nBRICK (V.O.)\n(quietly)\nHello there.\n\nCUT TO:\n');
    assert.deepStrictEqual(typeOfLine(tokens, 2), ['fountainAction']);
    assert.deepStrictEqual(tokens.filter((t) => t.line === 4), [{ line: 4, start: 0, length: 5, type: 'fountainCharacter' }]);
    assert.deepStrictEqual(typeOfLine(tokens, 5), ['fountainParenthetical']);
    assert.deepStrictEqual(typeOfLine(tokens, 6), ['fountainDialogue']);
    assert.deepStrictEqual(typeOfLine(tokens, 8), ['fountainTransition']);
  });

  it('a would-be heading with no blank line after it is action; inline notes keep their own colour', async () => {
    const tokens = await tokensOf('INT. HOUSE - DAY\nShe waits [[fix this]] and waits.\n');
    assert.deepStrictEqual(typeOfLine(tokens, 0), ['fountainAction']);
    assert.deepStrictEqual(
      tokens.filter((t) => t.line === 1).map((t) => [t.start, t.length]),
      [[0, 10], [22, 11]],
    );
  });
});
