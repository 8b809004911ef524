import type { TextRun } from './types';

/** Style bits per UTF-16 unit. */
export const ITALIC = 1;
export const BOLD = 2;
export const UNDERLINE = 4;

/** Printable text with a style per character; the emphasis markup itself is gone. */
export interface StyledText {
  text: string;
  styles: Uint8Array;
}

const STAR = 42;
const UNDERSCORE = 95;
const BACKSLASH = 92;

/**
 * Fountain emphasis: `***bold italic***`, `**bold**`, `*italic*`, `_underline_`, `\` escapes.
 * A marker opens only if the same marker closes later on the line (emphasis never spans lines),
 * so a lone `*` prints as itself. Markup never reaches the printed text, so it never counts
 * toward a line's width.
 */
export function parseEmphasis(source: string, base = 0): StyledText {
  if (!hasMarkup(source)) return { text: source, styles: new Uint8Array(source.length).fill(base) };
  let text = '';
  const styles: number[] = [];
  let style = base;
  const n = source.length;
  for (let i = 0; i < n; ) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < n) {
      text += source[i + 1];
      styles.push(style);
      i += 2;
      continue;
    }
    if (c === STAR || c === UNDERSCORE) {
      let run = 1;
      while (i + run < n && source.charCodeAt(i + run) === c) run++;
      const bits = c === UNDERSCORE ? UNDERLINE : run >= 3 ? ITALIC | BOLD : run === 2 ? BOLD : ITALIC;
      const len = c === UNDERSCORE ? 1 : Math.min(run, 3);
      if ((style & bits) === bits) {
        style &= ~bits;
        i += len;
        continue;
      }
      if ((style & bits) === 0 && closes(source, i + len, c, len)) {
        style |= bits;
        i += len;
        continue;
      }
      text += source.slice(i, i + len);
      for (let k = 0; k < len; k++) styles.push(style);
      i += len;
      continue;
    }
    text += source[i];
    styles.push(style);
    i++;
  }
  return { text, styles: Uint8Array.from(styles) };
}

function hasMarkup(s: string): boolean {
  return s.indexOf('*') !== -1 || s.indexOf('_') !== -1 || s.indexOf('\\') !== -1;
}

/** Is there an unescaped run of exactly `len` markers `c` after `from`, not right after the opener? */
function closes(s: string, from: number, c: number, len: number): boolean {
  if (from >= s.length || s.charCodeAt(from) === 32) return false;
  for (let i = from + 1; i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (d === BACKSLASH) {
      i++;
      continue;
    }
    if (d !== c) continue;
    let run = 1;
    while (i + run < s.length && s.charCodeAt(i + run) === c) run++;
    if (c === UNDERSCORE || run === len || (len < 3 && run === 3)) return s.charCodeAt(i - 1) !== 32;
    i += run - 1;
  }
  return false;
}

export function plain(text: string, style = 0): StyledText {
  return { text, styles: new Uint8Array(text.length).fill(style) };
}

export function slice(s: StyledText, start: number, end: number): StyledText {
  return { text: s.text.slice(start, end), styles: s.styles.subarray(start, end) };
}

export function concat(a: StyledText, b: StyledText): StyledText {
  const styles = new Uint8Array(a.styles.length + b.styles.length);
  styles.set(a.styles);
  styles.set(b.styles, a.styles.length);
  return { text: a.text + b.text, styles };
}

export function toRuns(s: StyledText, start = 0, end = s.text.length): TextRun[] {
  const runs: TextRun[] = [];
  let i = start;
  while (i < end) {
    const st = s.styles[i];
    let j = i + 1;
    while (j < end && s.styles[j] === st) j++;
    const run: TextRun = { text: s.text.slice(i, j) };
    if (st & ITALIC) run.italic = true;
    if (st & BOLD) run.bold = true;
    if (st & UNDERLINE) run.underline = true;
    runs.push(run);
    i = j;
  }
  return runs;
}

/**
 * Courier cells a UTF-16 unit takes: 2 for East Asian wide characters, 0 for combining marks and
 * low surrogates, 1 otherwise.
 */
export function cellWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x300) return 1;
  if (c <= 0x36f || (c >= 0x591 && c <= 0x5c7) || (c >= 0x200b && c <= 0x200f)) return 0;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) ?? c;
    return cp >= 0x1f300 && cp <= 0x1faff ? 2 : cp >= 0x20000 && cp <= 0x3fffd ? 2 : 1;
  }
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  )
    return 2;
  return 1;
}

export function cells(text: string, start = 0, end = text.length): number {
  let w = 0;
  for (let i = start; i < end; i++) w += cellWidth(text, i);
  return w;
}

/**
 * Greedy word wrap at `width` cells. Returns [start, end) ranges into `text`, trailing spaces
 * dropped; a word longer than the width (or a run of CJK, which has no spaces) is cut where the
 * line is full. An empty text is one empty line.
 */
export function wrap(text: string, width: number): Array<[number, number]> {
  const rows: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  if (n === 0) return [[0, 0]];
  while (i < n) {
    let col = 0;
    let j = i;
    let lastSpace = -1;
    let fits = true;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 32) {
        lastSpace = j;
        col++;
        j++;
        continue;
      }
      const w = cellWidth(text, j);
      if (col + w > width && j > i) {
        fits = false;
        break;
      }
      col += w;
      j++;
    }
    if (fits) {
      rows.push([i, trimEnd(text, i, n)]);
      break;
    }
    if (lastSpace > i && trimEnd(text, i, lastSpace) > i) {
      rows.push([i, trimEnd(text, i, lastSpace)]);
      i = lastSpace;
    } else {
      // Never cut a surrogate pair in two.
      if (j > i + 1 && text.charCodeAt(j) >= 0xdc00 && text.charCodeAt(j) <= 0xdfff) j--;
      rows.push([i, j]);
      i = j;
    }
    while (i < n && text.charCodeAt(i) === 32) i++;
  }
  return rows;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return end;
}
