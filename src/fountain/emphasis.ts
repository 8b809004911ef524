/** A piece of printed text and the emphasis it carries. */
export interface StyledRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

type Marker = '*' | '**' | '***' | '_';

interface Delimiter {
  marker: Marker;
  /** Index into `pieces` where the marker's literal text sits until it is matched. */
  piece: number;
}

const BACKSLASH = 92;

/**
 * Splits one line into runs by Fountain's emphasis: `*italic*`, `**bold**`, `***both***`,
 * `_underline_`, and `\` to escape any of them. Emphasis never crosses a line (the spec's rule),
 * markup characters are not part of any run, and a marker without a partner stays literal.
 *
 * An opener must touch the word after it and a closer the word before it, so arithmetic such as
 * `2 * 3 * 4` stays plain text, as it does in Highland and Beat.
 */
export function emphasisRuns(line: string): StyledRun[] {
  // Literal text between markers, and the markers themselves, in order.
  const pieces: { text: string; marker?: Marker; matched?: 'open' | 'close' }[] = [];
  const open: Delimiter[] = [];
  let literal = '';
  const flushLiteral = () => {
    if (literal) pieces.push({ text: literal });
    literal = '';
  };
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    if (line.charCodeAt(i) === BACKSLASH && i + 1 < line.length && (line[i + 1] === '*' || line[i + 1] === '_' || line[i + 1] === '\\')) {
      literal += line[i + 1];
      i += 2;
      continue;
    }
    if (c !== '*' && c !== '_') {
      literal += c;
      i++;
      continue;
    }
    let n = 1;
    if (c === '*') while (n < 3 && line[i + n] === '*') n++;
    const marker = (c === '_' ? '_' : '*'.repeat(n)) as Marker;
    const before = line[i - 1];
    const after = line[i + n];
    const canClose = before !== undefined && !isSpace(before);
    const canOpen = after !== undefined && !isSpace(after);
    const partner = canClose ? findOpen(open, marker) : -1;
    flushLiteral();
    if (partner >= 0) {
      // Markers opened after the partner never closed inside it: they stay literal.
      const [opener] = open.splice(partner);
      pieces[opener.piece].matched = 'open';
      pieces.push({ text: marker, marker, matched: 'close' });
    } else {
      pieces.push({ text: marker, marker });
      if (canOpen) open.push({ marker, piece: pieces.length - 1 });
    }
    i += n;
  }
  flushLiteral();
  return toRuns(pieces);
}

function findOpen(open: Delimiter[], marker: Marker): number {
  for (let k = open.length - 1; k >= 0; k--) if (open[k].marker === marker) return k;
  return -1;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

function toRuns(pieces: { text: string; marker?: Marker; matched?: 'open' | 'close' }[]): StyledRun[] {
  const runs: StyledRun[] = [];
  let bold = 0;
  let italic = 0;
  let underline = 0;
  for (const piece of pieces) {
    if (piece.marker && piece.matched) {
      const step = piece.matched === 'open' ? 1 : -1;
      if (piece.marker === '_') underline += step;
      if (piece.marker === '*' || piece.marker === '***') italic += step;
      if (piece.marker === '**' || piece.marker === '***') bold += step;
      continue;
    }
    const style: StyledRun = { text: piece.text };
    if (bold > 0) style.bold = true;
    if (italic > 0) style.italic = true;
    if (underline > 0) style.underline = true;
    const last = runs[runs.length - 1];
    if (last && !!last.bold === !!style.bold && !!last.italic === !!style.italic && !!last.underline === !!style.underline) last.text += style.text;
    else runs.push(style);
  }
  return runs;
}

/** The line as it prints: emphasis markers and escapes removed. */
export function plainText(line: string): string {
  return emphasisRuns(line)
    .map((run) => run.text)
    .join('');
}
