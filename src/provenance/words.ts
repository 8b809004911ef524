/**
 * What counts as a word: a run of letters, digits and combining marks, with inner apostrophes
 * (`don't`, `O’Brien`). Punctuation, markup (`[[`, `=`, `#`) and spaces are not words, so word
 * figures are the same whatever the line endings or indentation.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

export interface Range {
  start: number;
  end: number;
}

/** The words of `text` between `from` and `to`, as offsets into `text`. */
export function wordRanges(text: string, from = 0, to = text.length): Range[] {
  const out: Range[] = [];
  WORD.lastIndex = 0;
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const m of slice.matchAll(WORD)) out.push({ start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[0].length });
  return out;
}

export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
}
