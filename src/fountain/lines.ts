/**
 * What a line is, for every layer that counts lines (the parser, the story reader, the patches
 * that place proposals, the review): a line ends at CR LF, a lone CR or a lone LF, as VS Code and
 * the Fountain spec read it. A leading byte-order mark belongs to no line: it stays where it is
 * and line 0 starts after it. Splitting on `\n` alone in one layer and on `\r` too in another made
 * their line numbers disagree, and a patch then landed on the wrong lines.
 */

export const LINE_BREAK = /\r\n|\r|\n/;
const LINE_BREAKS = /\r\n|\r|\n/g;

export type LineBreak = '\n' | '\r\n' | '\r';

/** 1 when the text starts with a byte-order mark, else 0. */
export function bomLength(text: string): 0 | 1 {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** The lines' texts, without their breaks and without a leading BOM. */
export function splitLines(text: string): string[] {
  const body = bomLength(text) ? text.slice(1) : text;
  // A plain split is several times faster than the regular expression, and most files are LF.
  return body.includes('\r') ? body.split(LINE_BREAK) : body.split('\n');
}

/** Where each line's text starts and ends in the text as given (BOM included in the offsets), and the break after it. */
export class LineTable {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** The break that ends each line: '' for the last one. */
  readonly breaks: string[] = [];

  constructor(readonly text: string) {
    let start = bomLength(text);
    for (const m of text.matchAll(LINE_BREAKS)) {
      this.starts.push(start);
      this.ends.push(m.index);
      this.breaks.push(m[0]);
      start = m.index + m[0].length;
    }
    this.starts.push(start);
    this.ends.push(text.length);
    this.breaks.push('');
  }

  get count(): number {
    return this.starts.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** The break most lines of this text end with; '\n' when it has none. New lines use it. */
  get dominantBreak(): LineBreak {
    let lf = 0;
    let crlf = 0;
    let cr = 0;
    for (const b of this.breaks) {
      if (b === '\n') lf++;
      else if (b === '\r\n') crlf++;
      else if (b === '\r') cr++;
    }
    if (crlf > lf && crlf >= cr) return '\r\n';
    if (cr > lf && cr > crlf) return '\r';
    return '\n';
  }
}

/** Every line break in `text` (any kind) written as `eol`. */
export function withLineBreak(text: string, eol: LineBreak): string {
  return eol === '\n' && !text.includes('\r') ? text : text.replace(LINE_BREAKS, eol);
}
