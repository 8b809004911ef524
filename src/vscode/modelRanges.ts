import * as vscode from 'vscode';
import type { FountainDocument, LineRange } from '../fountain';

/**
 * Scenes and sections run up to the next heading, so their line ranges end with the blank lines
 * that separate them from it. Outline ranges and folds should stop at the last line with text:
 * a folded scene then keeps its separating blank line visible, as code folding does.
 */
export function withoutTrailingBlankLines(model: FountainDocument, range: LineRange): LineRange {
  let end = Math.min(range.end, model.lineCount - 1);
  while (end > range.start && model.lines[end].text.trim() === '') end--;
  return { start: range.start, end };
}

/** Whole lines `range.start`..`range.end` as a VS Code range (end of the last line's text). */
export function toRange(model: FountainDocument, range: LineRange): vscode.Range {
  const end = Math.min(range.end, model.lineCount - 1);
  return new vscode.Range(range.start, 0, end, model.lines[end]?.text.length ?? 0);
}

/** The text of one line as a VS Code range. */
export function lineRange(model: FountainDocument, line: number): vscode.Range {
  return new vscode.Range(line, 0, line, model.lines[line]?.text.length ?? 0);
}
