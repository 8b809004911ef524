/**
 * Small string scans shared by every layer, written by hand because the obvious regular
 * expressions (`/\s+$/`, `/\.+$/`, `\s*\n\s*` with the g flag) backtrack quadratically when a long run of the
 * repeated character does not end where the pattern needs it to: 20,000 spaces then a letter cost
 * 200 million steps. Each function here reads every character at most twice.
 */

/** Exactly the characters JavaScript's `\s` matches (so rewritten patterns keep their meaning). */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** `\s` but not a line break: the spaces and tabs inside one line. */
export function isInlineSpaceCode(c: number): boolean {
  return c !== 10 && c !== 13 && isSpaceCode(c);
}

/** Index after the last character of `text` that is not in `chars` (0 when all are). */
export function endWithout(text: string, chars: string, end = text.length): number {
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end;
}

/** Index of the first character of `text` at or after `from` that is not in `chars`. */
export function startWithout(text: string, chars: string, from = 0): number {
  while (from < text.length && chars.includes(text[from])) from++;
  return from;
}

/** `text` without a trailing run of any of `chars` (`trimEndOf(url, '/')`). */
export function trimEndOf(text: string, chars: string): string {
  return text.slice(0, endWithout(text, chars));
}

/** A Fountain synopsis line: `=` first (after spaces), but not a `===` page break. */
export function opensSynopsis(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith('=') && !t.startsWith('===');
}

/** Index of the first non-`\s` character at or after `from`. */
export function skipSpaces(text: string, from = 0): number {
  while (from < text.length && isSpaceCode(text.charCodeAt(from))) from++;
  return from;
}

/** Index after the last non-`\s` character before `end`. */
export function skipSpacesBack(text: string, end = text.length): number {
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Hand-wrapped values (a beat, a note, a synopsis) as one line: every run of whitespace that
 * holds a line break becomes one space, and the ends are trimmed.
 */
export function joinLines(text: string): string {
  let out = '';
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    if (!isSpaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const runStart = i;
    let breaks = false;
    for (; i < text.length && isSpaceCode(text.charCodeAt(i)); i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) breaks = true;
    }
    if (breaks) {
      out += text.slice(kept, runStart) + ' ';
      kept = i;
    }
  }
  return (out + text.slice(kept)).trim();
}
