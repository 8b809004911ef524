import type { WordPart } from './changeBlocks';

/**
 * How a change block is best shown. A small edit inside one line keeps word-level marks in the
 * line itself; anything else (new lines, a rewritten paragraph) is shown as whole lines: the old
 * ones struck through where they stand, the new ones right below them as lines of their own.
 */
export type BlockDisplay = 'words' | 'lines';

/** Below this share of unchanged characters, word marks read as salad: show old, then new. */
const MIN_SHARED = 0.5;

export function blockDisplay(block: { oldText: string; newText: string; words: readonly WordPart[] }): BlockDisplay {
  const oneLine = (t: string) => !/[\r\n]/.test(t.replace(/\r?\n$/, ''));
  if (!block.oldText || !block.newText || !oneLine(block.oldText) || !oneLine(block.newText)) return 'lines';
  // A line break added or removed at the end is not a small edit inside the line.
  if (/\n$/.test(block.oldText) !== /\n$/.test(block.newText)) return 'lines';
  const shared = block.words.filter((w) => w.kind === 'same' && w.text.trim()).reduce((n, w) => n + w.text.length, 0);
  return shared / Math.max(block.oldText.trim().length, block.newText.trim().length, 1) >= MIN_SHARED ? 'words' : 'lines';
}

/** A one-line summary of a word edit, e.g. `climbs → runs up`. */
export function wordEditSummary(words: readonly WordPart[]): Array<{ removed: string; added: string }> {
  const runs: Array<{ removed: string; added: string }> = [];
  let open: { removed: string; added: string } | undefined;
  for (const w of words) {
    if (w.kind === 'same') {
      if (open && w.text.trim()) {
        runs.push(open);
        open = undefined;
      }
      continue;
    }
    open ??= { removed: '', added: '' };
    if (w.kind === 'removed') open.removed += w.text;
    else open.added += w.text;
  }
  if (open) runs.push(open);
  return runs.map((r) => ({ removed: r.removed.trim(), added: r.added.trim() }));
}
