import { diffLines, diffWordsWithSpace } from 'diff';
import { FountainDocument, LineTable } from '../fountain';

/**
 * The review diff: old text → new text as change blocks a writer accepts or rejects one by one.
 * Blocks are line hunks (so they line up with paragraphs), and each carries a word-level diff
 * for display, because in a screenplay an action paragraph is one long line and a line diff
 * would mark all of it for a one-word change.
 */

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ChangeBlock {
  /** Offsets into the old text of what the block replaces (`oldStart === oldEnd` for a pure insertion). */
  oldStart: number;
  oldEnd: number;
  /** What replaces it. */
  newText: string;
  /** The old and new text of the block, word by word. */
  words: WordPart[];
}

export function changeBlocks(oldText: string, newText: string): ChangeBlock[] {
  const blocks: ChangeBlock[] = [];
  let offset = 0;
  let open: { oldStart: number; removed: string; added: string } | undefined;
  const close = () => {
    if (!open) return;
    const oldEnd = open.oldStart + open.removed.length;
    // A long insertion (a whole screenplay) is offered scene by scene, so the writer can take some
    // scenes and not others: the first piece replaces what the hunk removes, the rest follow it.
    const pieces = open.added ? scenePieces(open.added) : [''];
    pieces.forEach((piece, i) => {
      const removed = i === 0 ? open!.removed : '';
      blocks.push({ oldStart: i === 0 ? open!.oldStart : oldEnd, oldEnd, newText: piece, words: wordParts(removed, piece) });
    });
    open = undefined;
  };
  for (const part of diffLines(oldText, newText)) {
    if (!part.added && !part.removed) {
      close();
      offset += part.value.length;
      continue;
    }
    open ??= { oldStart: offset, removed: '', added: '' };
    if (part.removed) {
      open.removed += part.value;
      offset += part.value.length;
    } else {
      open.added += part.value;
    }
  }
  close();
  return blocks;
}

/**
 * Splits inserted Fountain before each section and each scene heading (a heading right under a
 * section stays with it). The blank lines before a heading go with it, so any one piece accepted
 * alone still stands apart from the text above it and leaves no stray blank line at its end.
 * Joined in order, the pieces are the text again, line breaks included.
 */
export function scenePieces(text: string): string[] {
  const lines = FountainDocument.parse(text).lines;
  const lineStarts = new LineTable(text).starts;
  const pieces: string[] = [];
  let from = 0;
  let previousContent: string | undefined;
  /** Where the line after the last non-blank line starts. */
  let afterContent = 0;
  lines.forEach((line, i) => {
    const opensPiece = line.type === 'section' || (line.type === 'sceneHeading' && previousContent !== 'section');
    if (opensPiece && text.slice(from, afterContent).trim() !== '') {
      pieces.push(text.slice(from, afterContent));
      from = afterContent;
    }
    if (line.type !== 'blank') {
      previousContent = line.type;
      afterContent = lineStarts[i + 1] ?? text.length;
    }
  });
  pieces.push(text.slice(from));
  return pieces.filter((p) => p !== '');
}

export function wordParts(oldText: string, newText: string): WordPart[] {
  if (!oldText) return newText ? [{ kind: 'added', text: newText }] : [];
  if (!newText) return [{ kind: 'removed', text: oldText }];
  return diffWordsWithSpace(oldText, newText).map((p) => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }));
}

/** The old text with the chosen blocks applied (blocks must come from `changeBlocks(oldText, …)`). */
export function applyBlocks(oldText: string, blocks: readonly ChangeBlock[]): string {
  let out = '';
  let at = 0;
  for (const b of [...blocks].sort((x, y) => x.oldStart - y.oldStart)) {
    out += oldText.slice(at, b.oldStart) + b.newText;
    at = b.oldEnd;
  }
  return out + oldText.slice(at);
}

/** The new text with one block taken back out (what "Reject" on that block leaves proposed). */
export function withoutBlock(oldText: string, blocks: readonly ChangeBlock[], rejected: ChangeBlock): string {
  return applyBlocks(
    oldText,
    blocks.filter((b) => b !== rejected),
  );
}

export interface InlineMarks {
  /** Old-text offsets of words the block removes. */
  removed: Array<{ start: number; end: number }>;
  /** Text the block inserts, at old-text offsets. */
  inserted: Array<{ at: number; text: string }>;
}

/** Where to draw a block over the old text: strike the removed words, show the inserted ones in place. */
export function inlineMarks(block: ChangeBlock): InlineMarks {
  const marks: InlineMarks = { removed: [], inserted: [] };
  let at = block.oldStart;
  for (const part of block.words) {
    if (part.kind === 'added') {
      const last = marks.inserted[marks.inserted.length - 1];
      if (last && last.at === at) last.text += part.text;
      else marks.inserted.push({ at, text: part.text });
      continue;
    }
    if (part.kind === 'removed') marks.removed.push({ start: at, end: at + part.text.length });
    at += part.text.length;
  }
  return marks;
}
