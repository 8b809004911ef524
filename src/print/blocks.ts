import type { ElementKind, PrintedLine, TextRun } from './types';
import { INDENT, type DialogueColumn } from './geometry';
import { cells, slice, toRuns, wrap, type StyledText } from './styledText';
import { isSpaceCode, startWithout } from '../text/scan';

/** A printed line inside a block, `offset` rows below the block's first row. */
export interface BlockRow {
  kind: ElementKind;
  source: number;
  generated?: boolean;
  x: number;
  runs: TextRun[];
  cells: number;
  column?: PrintedLine['column'];
  offset: number;
}

/** A bookmark waiting for the position of the block it leads to. */
export interface PendingMark {
  title: string;
  kind: 'section' | 'scene';
  depth: number;
  source: number;
}

export interface Split {
  head: BlockRow[];
  tail: Block;
}

/**
 * A unit of pagination: what lies between blank lines (a paragraph, a speech, a heading). Every
 * block says how tall it is, how little of it may start a page, and where it may break.
 */
export interface Block {
  /** First source line read for this block: restarting the reader here rebuilds it. */
  from: number;
  /** Scene headings before `from`. */
  scenesBefore: number;
  /** True for a scene heading, a shot or a transition: never the last thing on a page. */
  keepWithNext: boolean;
  pageBreak?: boolean;
  startsScene?: boolean;
  /** A scene heading's number: its own `#12A#`, else its ordinal. */
  sceneNumber?: string;
  marks: PendingMark[];
  readonly height: number;
  /** Rows this block needs at the foot of a page before anything may follow it there. */
  minHead(): number;
  rows(): BlockRow[];
  /** Break so that the head fits `avail` rows. `relaxed`: the block is taller than a page. */
  split(avail: number, relaxed: boolean): Split | undefined;
  /** Blocks to lay out instead when this one cannot fit even an empty page (dual dialogue). */
  unpair?(): Block[];
}

export type Align = 'left' | 'right' | 'center';

/** One source line to print as a paragraph: its text wraps at `width` cells. */
export interface ParagraphLine {
  source: number;
  text: StyledText;
}

function position(align: Align, indent: number, width: number): number {
  if (align === 'right') return INDENT.right - width * 0.1;
  if (align === 'center') return (INDENT.action + INDENT.right) / 2 - width * 0.05;
  return indent;
}

function wrapLines(kind: ElementKind, lines: readonly ParagraphLine[], indent: number, width: number, align: Align, column?: BlockRow['column']): BlockRow[] {
  const rows: BlockRow[] = [];
  for (const line of lines) {
    for (const [s, e] of wrap(line.text.text, width)) {
      const w = cells(line.text.text, s, e);
      const row: BlockRow = { kind, source: line.source, x: position(align, indent, w), runs: toRuns(line.text, s, e), cells: w, offset: rows.length };
      if (column) row.column = column;
      rows.push(row);
    }
  }
  return rows;
}

const SENTENCE_END = /[.?!…]["'”’»)]*$/;

/** Action, centred text, lyrics, sections, synopses, notes, headings, transitions. */
export class ParagraphBlock implements Block {
  marks: PendingMark[] = [];
  startsScene?: boolean;
  sceneNumber?: string;
  private readonly laid: BlockRow[];

  constructor(
    readonly from: number,
    readonly scenesBefore: number,
    readonly keepWithNext: boolean,
    /** Paragraphs of four rows or more may break, keeping two rows on each side. */
    private readonly splittable: boolean,
    rows: BlockRow[],
  ) {
    this.laid = rows;
  }

  static of(from: number, scenesBefore: number, kind: ElementKind, lines: readonly ParagraphLine[], opts: { indent: number; width: number; align?: Align; keepWithNext?: boolean; splittable?: boolean }): ParagraphBlock {
    const rows = wrapLines(kind, lines, opts.indent, opts.width, opts.align ?? 'left');
    return new ParagraphBlock(from, scenesBefore, opts.keepWithNext ?? false, opts.splittable ?? true, rows);
  }

  get height(): number {
    return this.laid.length;
  }

  minHead(): number {
    return this.splittable && this.laid.length >= 4 ? 2 : this.laid.length;
  }

  rows(): BlockRow[] {
    return this.laid;
  }

  split(avail: number, relaxed: boolean): Split | undefined {
    const total = this.laid.length;
    let cut: number;
    if (relaxed) {
      cut = Math.min(avail, total - 1);
      if (cut < 1) return undefined;
    } else {
      if (!this.splittable || total < 4) return undefined;
      const most = Math.min(avail, total - 2);
      if (most < 2) return undefined;
      // Prefer ending the page at the end of a sentence or of a source line.
      cut = most;
      for (let c = most; c >= 2; c--) {
        const last = this.laid[c - 1];
        const next = this.laid[c];
        if (last.source !== next.source || SENTENCE_END.test(runsText(last.runs))) {
          cut = c;
          break;
        }
      }
    }
    const head = this.laid.slice(0, cut);
    const rest = this.laid.slice(cut).map((r, i) => ({ ...r, offset: i }));
    const tail = new ParagraphBlock(rest[0].source, this.scenesBefore + (this.startsScene ? 1 : 0), false, this.splittable, rest);
    return { head, tail };
  }
}

function runsText(runs: readonly TextRun[]): string {
  return runs.length === 1 ? runs[0].text : runs.map((r) => r.text).join('');
}

export interface SpeechItem {
  kind: 'parenthetical' | 'dialogue' | 'lyric';
  source: number;
  text: StyledText;
}

interface Candidate {
  /** Items wholly in the head. */
  items: number;
  /** Part of item `items` that also goes in the head: [0, cut) printed, the rest from `resume`. */
  cut?: number;
  resume?: number;
  contentRows: number;
  sentence: boolean;
}

const SENTENCE_ENDS = '.?!…';
const CLOSERS = '"\'”’»)';

/**
 * Where a speech may break between sentences: after end punctuation and any closing quotes or
 * brackets (`cut`), past the spaces, before the next word (`resume`). One forward scan; the
 * equivalent regex retried every long run of `!` from each of its characters.
 */
function* sentenceBreaks(text: string): Generator<{ cut: number; resume: number }> {
  let i = 0;
  while (i < text.length) {
    if (!SENTENCE_ENDS.includes(text[i])) {
      i++;
      continue;
    }
    const cut = startWithout(text, CLOSERS, startWithout(text, SENTENCE_ENDS, i));
    const resume = startWithout(text, ' ', cut);
    if (resume > cut && resume < text.length && !isSpaceCode(text.charCodeAt(resume))) yield { cut, resume };
    i = resume;
  }
}

/** A cue and what it introduces: parentheticals, dialogue, lyrics. */
export class SpeechBlock implements Block {
  marks: PendingMark[] = [];
  keepWithNext = false;
  private laid: BlockRow[] | undefined;

  constructor(
    readonly from: number,
    readonly scenesBefore: number,
    readonly cueSource: number,
    readonly cue: StyledText,
    readonly items: SpeechItem[],
    public column: DialogueColumn,
    public side?: 'left' | 'right',
    /** The cue is repeated with (CONT'D) at the top of a page. */
    private readonly cueGenerated = false,
  ) {}

  get height(): number {
    return this.rows().length;
  }

  minHead(): number {
    let rows = 1;
    for (const item of this.items) {
      rows += this.itemRows(item).length;
      if (item.kind !== 'parenthetical') break;
    }
    return Math.min(this.height, rows + 1);
  }

  private itemWidth(item: SpeechItem): number {
    return item.kind === 'parenthetical' ? this.column.parentheticalWidth : this.column.dialogueWidth;
  }

  private itemIndent(item: SpeechItem): number {
    return item.kind === 'parenthetical' ? this.column.parenthetical : this.column.dialogue;
  }

  private itemRows(item: SpeechItem): Array<[number, number]> {
    return wrap(item.text.text, this.itemWidth(item));
  }

  rows(): BlockRow[] {
    if (this.laid) return this.laid;
    const rows: BlockRow[] = [this.cueRow()];
    for (const item of this.items) this.pushItem(rows, item, item.text);
    return (this.laid = rows);
  }

  private cueRow(): BlockRow {
    const row: BlockRow = { kind: 'character', source: this.cueSource, x: this.column.cue, runs: toRuns(this.cue), cells: cells(this.cue.text), offset: 0 };
    if (this.cueGenerated) row.generated = true;
    if (this.side) row.column = this.side;
    return row;
  }

  private pushItem(rows: BlockRow[], item: SpeechItem, text: StyledText): void {
    for (const [s, e] of wrap(text.text, this.itemWidth(item))) {
      const row: BlockRow = { kind: item.kind, source: item.source, x: this.itemIndent(item), runs: toRuns(text, s, e), cells: cells(text.text, s, e), offset: rows.length };
      if (this.side) row.column = this.side;
      rows.push(row);
    }
  }

  split(avail: number, relaxed: boolean): Split | undefined {
    const maxContent = avail - 2; // the cue above, (MORE) below
    if (maxContent < 1) return undefined;
    let best: Candidate | undefined;
    let bestWord: Candidate | undefined;
    const consider = (c: Candidate) => {
      if (c.contentRows < 1 || c.contentRows > maxContent) return;
      if (c.sentence) {
        if (!best || c.contentRows > best.contentRows) best = c;
      } else if (!bestWord || c.contentRows > bestWord.contentRows) bestWord = c;
    };
    let used = 0;
    let spoken = false; // the head holds more than parentheticals
    for (let k = 0; k < this.items.length; k++) {
      const item = this.items[k];
      const prev = this.items[k - 1];
      if (k > 0 && spoken && (relaxed || prev.kind !== 'parenthetical')) consider({ items: k, contentRows: used, sentence: true });
      const ranges = this.itemRows(item);
      if (item.kind === 'dialogue' && ranges.length > 1) {
        const text = item.text.text;
        for (const { cut, resume } of sentenceBreaks(text)) {
          const rows = wrap(text.slice(0, cut), this.itemWidth(item)).length;
          if (used + rows > maxContent) break;
          consider({ items: k, cut, resume, contentRows: used + rows, sentence: true });
        }
        const lo = relaxed ? 1 : 2;
        const hi = relaxed ? ranges.length - 1 : ranges.length - 2;
        for (let r = lo; r <= hi && used + r <= maxContent; r++) {
          consider({ items: k, cut: ranges[r - 1][1], resume: ranges[r][0], contentRows: used + r, sentence: false });
        }
      }
      used += ranges.length;
      if (item.kind !== 'parenthetical') spoken = true;
      if (used > maxContent) break;
    }
    const chosen = best ?? bestWord;
    return chosen && this.cutAt(chosen);
  }

  private cutAt(c: Candidate): Split {
    const head: BlockRow[] = [this.cueRow()];
    for (let k = 0; k < c.items; k++) this.pushItem(head, this.items[k], this.items[k].text);
    const rest: SpeechItem[] = [];
    if (c.cut !== undefined) {
      const item = this.items[c.items];
      this.pushItem(head, item, slice(item.text, 0, c.cut));
      rest.push({ ...item, text: slice(item.text, c.resume ?? c.cut, item.text.text.length) });
      rest.push(...this.items.slice(c.items + 1));
    } else rest.push(...this.items.slice(c.items));
    const more: BlockRow = { kind: 'more', source: this.cueSource, generated: true, x: this.column.cue, runs: [{ text: '(MORE)' }], cells: 6, offset: head.length };
    if (this.side) more.column = this.side;
    head.push(more);
    const cue = continuedCueText(this.cue);
    const tail = new SpeechBlock(rest[0].source, this.scenesBefore, this.cueSource, cue, rest, this.column, this.side, true);
    return { head, tail };
  }
}

function continuedCueText(cue: StyledText): StyledText {
  if (/\((?:CONT'D|CONT’D|CONT\.|CONTINUED|CONT)\)/i.test(cue.text)) return cue;
  const text = `${cue.text} (CONT'D)`;
  const styles = new Uint8Array(text.length);
  styles.set(cue.styles);
  return { text, styles };
}

/** Two speeches side by side: as tall as the taller column, never broken across pages. */
export class DualBlock implements Block {
  marks: PendingMark[] = [];
  keepWithNext = false;

  constructor(
    readonly left: SpeechBlock,
    readonly right: SpeechBlock,
    private readonly single: DialogueColumn,
  ) {}

  get from(): number {
    return this.left.from;
  }

  get scenesBefore(): number {
    return this.left.scenesBefore;
  }

  get height(): number {
    return Math.max(this.left.height, this.right.height);
  }

  minHead(): number {
    return this.height;
  }

  rows(): BlockRow[] {
    return [...this.left.rows(), ...this.right.rows()];
  }

  split(): Split | undefined {
    return undefined;
  }

  unpair(): Block[] {
    const a = new SpeechBlock(this.left.from, this.left.scenesBefore, this.left.cueSource, this.left.cue, this.left.items, this.single);
    const b = new SpeechBlock(this.right.from, this.right.scenesBefore, this.right.cueSource, this.right.cue, this.right.items, this.single);
    a.marks = this.marks;
    return [a, b];
  }
}

/** `===`: the next block starts a new page. */
export class PageBreakBlock implements Block {
  marks: PendingMark[] = [];
  keepWithNext = false;
  pageBreak = true;
  height = 0;
  constructor(
    readonly from: number,
    readonly scenesBefore: number,
  ) {}
  minHead(): number {
    return 0;
  }
  rows(): BlockRow[] {
    return [];
  }
  split(): undefined {
    return undefined;
  }
}
