import type { FountainDocument, LineType } from '../../fountain';

/**
 * Where a suggestion may appear, and how it joins the text before it. Kept free of `vscode` so it
 * is unit-tested in plain Node.
 */

/** Lines whose text is never the story's action or dialogue: no ghost text there. */
const NEVER: ReadonlySet<LineType> = new Set<LineType>(['titleKey', 'titleValue', 'note', 'boneyard', 'sceneHeading', 'section', 'synopsis', 'transition', 'pageBreak', 'centered']);

/** What to put before the suggestion so it starts a new paragraph, or undefined where none belongs. */
export function suggestionLead(doc: FountainDocument, line: number, column: number): string | undefined {
  const record = doc.lines[line];
  if (!record) return undefined;
  if (NEVER.has(record.type)) return undefined;
  if (!doc.sceneAt(line) || doc.sceneAt(line)!.line === line) return undefined;
  // Inside an inline note or boneyard on this line, or a multi-line one that is still open.
  const inside = (spans?: { start: number; end: number }[]) => spans?.some((s) => column > s.start && column <= s.end);
  if (inside(record.notes) || inside(record.boneyard)) return undefined;
  if (line > 0 && (openBlock(doc, line - 1) || doc.lines[line - 1].type === 'titleKey' || doc.lines[line - 1].type === 'titleValue')) return undefined;
  if (record.text.slice(column).trim() !== '') return undefined; // mid-line: not a continuation
  if (record.text.slice(0, column).trim() !== '') {
    // After a cue or parenthetical the dialogue follows on the next line; otherwise a new paragraph.
    return record.type === 'character' || record.type === 'parenthetical' ? '\n' : '\n\n';
  }
  const previous = line > 0 ? doc.lines[line - 1] : undefined;
  return !previous || previous.text.trim() === '' ? '' : '\n';
}

/** The line ends inside a note or boneyard that goes on below it. */
function openBlock(doc: FountainDocument, line: number): boolean {
  return doc.blocks.some((b) => b.range.start <= line && b.range.end > line);
}
