import type { FountainLine, LineType } from '../fountain';
import { DUAL_LEFT, DUAL_RIGHT, INDENT, SINGLE_COLUMN, WIDTH } from './geometry';
import { DualBlock, PageBreakBlock, ParagraphBlock, SpeechBlock, type Block, type ParagraphLine, type PendingMark, type SpeechItem } from './blocks';
import { actionText, centeredText, cueText, headingText, lyricText, noteText, transitionText, visibleText } from './sourceText';
import { ITALIC, BOLD, parseEmphasis, plain } from './styledText';
import type { LayoutOptions } from './types';

/** What the layout reads from the parsed document (a `FountainDocument` is one). */
export interface LayoutSource {
  readonly lines: readonly FountainLine[];
  readonly titlePage: readonly { key: string; value: string; line: number }[];
  isDualLeft(line: number): boolean;
}

const SPEECH: ReadonlySet<LineType> = new Set(['parenthetical', 'dialogue', 'lyric']);
const INVISIBLE: ReadonlySet<LineType> = new Set(['blank', 'titleKey', 'titleValue', 'boneyard']);
const HAS_LETTER = /\p{L}/u;
const HAS_LOWER = /\p{Ll}/u;

/**
 * Turns the parsed lines into blocks, on demand, from any line where a block may start. It keeps
 * the scene count and the section depth, which is all the context a block needs.
 */
export class BlockReader {
  private next = 0;
  private scenes: number;
  private sectionDepth = 0;
  private marks: PendingMark[] = [];
  private queue: Block[] = [];

  constructor(
    private readonly source: LayoutSource,
    private readonly options: Required<LayoutOptions>,
    start: number,
    scenesBefore: number,
  ) {
    this.next = start;
    this.scenes = scenesBefore;
  }

  /** The block `k` places ahead (0 = the next one), without taking it. */
  peek(k = 0): Block | undefined {
    while (this.queue.length <= k) {
      const b = this.read();
      if (!b) return undefined;
      this.queue.push(b);
    }
    return this.queue[k];
  }

  take(): Block | undefined {
    return this.peek(0) && this.queue.shift();
  }

  /** Put a block (the rest of a split one) back in front. */
  unshift(...blocks: Block[]): void {
    this.queue.unshift(...blocks);
  }

  private read(): Block | undefined {
    const lines = this.source.lines;
    const from = this.next;
    const scenesBefore = this.scenes;
    let i = from;
    while (i < lines.length) {
      const line = lines[i];
      const t = line.type;
      if (INVISIBLE.has(t)) {
        i++;
        continue;
      }
      if (t === 'section') {
        const depth = line.depth ?? 1;
        const title = line.text.trim().replace(/^#+\s*/, '');
        this.marks.push({ title, kind: 'section', depth, source: i });
        this.sectionDepth = depth;
        if (this.options.printSections) return this.finish(i + 1, this.paragraph(from, scenesBefore, 'section', [{ source: i, text: parseEmphasis(title, BOLD) }]));
        i++;
        continue;
      }
      if (t === 'synopsis') {
        if (this.options.printSynopses) {
          const text = visibleText(line).trim().replace(/^=\s*/, '');
          return this.finish(i + 1, this.paragraph(from, scenesBefore, 'synopsis', [{ source: i, text: parseEmphasis(text, ITALIC) }]));
        }
        i++;
        continue;
      }
      if (t === 'note') {
        if (!this.options.printNotes) {
          i++;
          continue;
        }
        const paragraph: ParagraphLine[] = [];
        let j = i;
        for (; j < lines.length && lines[j].type === 'note'; j++) {
          const words = noteText(lines[j]);
          if (words) paragraph.push({ source: j, text: plain(words, ITALIC) });
        }
        if (paragraph.length === 0) {
          i = j;
          continue;
        }
        return this.finish(j, this.paragraph(from, scenesBefore, 'note', paragraph));
      }
      if (t === 'pageBreak') return this.finish(i + 1, new PageBreakBlock(from, scenesBefore));
      if (t === 'sceneHeading') {
        const title = headingText(line, visibleText(line));
        this.scenes++;
        const block = ParagraphBlock.of(from, scenesBefore, 'sceneHeading', [{ source: i, text: parseEmphasis(title) }], {
          indent: INDENT.action,
          width: WIDTH.action,
          keepWithNext: true,
          splittable: false,
        });
        block.startsScene = true;
        block.sceneNumber = line.sceneNumber?.text ?? String(this.scenes);
        this.marks.push({ title, kind: 'scene', depth: this.sectionDepth + 1, source: i });
        return this.finish(i + 1, block);
      }
      if (t === 'transition') {
        const text = parseEmphasis(transitionText(line, visibleText(line)));
        return this.finish(i + 1, ParagraphBlock.of(from, scenesBefore, 'transition', [{ source: i, text }], { indent: INDENT.action, width: WIDTH.action, align: 'right', keepWithNext: true, splittable: false }));
      }
      if (t === 'character') return this.speech(from, scenesBefore, i);
      if (t === 'centered') {
        const [paragraph, end] = this.run(i, 'centered', (l) => centeredText(visibleText(l)));
        return this.finish(end, this.paragraph(from, scenesBefore, 'centered', paragraph, 'center'));
      }
      if (t === 'lyric') {
        const [paragraph, end] = this.run(i, 'lyric', (l) => lyricText(visibleText(l)), ITALIC);
        return this.finish(end, this.paragraph(from, scenesBefore, 'lyric', paragraph));
      }
      // Action, and anything stray (dialogue without a cue cannot come from the parser).
      const [paragraph, end] = this.run(i, 'action', (l) => actionText(l, visibleText(l)));
      if (paragraph.length === 0) {
        i = end;
        continue;
      }
      const block = this.paragraph(from, scenesBefore, 'action', paragraph);
      if (block.height === 1 && isShot(paragraph[0].text.text)) {
        const shot = ParagraphBlock.of(from, scenesBefore, 'shot', paragraph, { indent: INDENT.action, width: WIDTH.action, keepWithNext: true, splittable: false });
        return this.finish(end, shot);
      }
      return this.finish(end, block);
    }
    this.next = i;
    return undefined;
  }

  private finish(end: number, block: Block): Block {
    this.next = end;
    if (this.marks.length) {
      block.marks = this.marks;
      this.marks = [];
    }
    return block;
  }

  private paragraph(from: number, scenesBefore: number, kind: 'action' | 'section' | 'synopsis' | 'note' | 'centered' | 'lyric', lines: ParagraphLine[], align: 'left' | 'center' = 'left'): ParagraphBlock {
    return ParagraphBlock.of(from, scenesBefore, kind, lines, { indent: INDENT.action, width: WIDTH.action, align });
  }

  /** Consecutive lines of one type (skipping whole-line notes and boneyard inside the run). */
  private run(i: number, type: LineType, text: (l: FountainLine) => string, base = 0): [ParagraphLine[], number] {
    const lines = this.source.lines;
    const out: ParagraphLine[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.type === 'note' || l.type === 'boneyard') continue;
      if (l.type !== type) break;
      out.push({ source: j, text: parseEmphasis(text(l), base) });
    }
    return [out, j];
  }

  private speech(from: number, scenesBefore: number, cueLine: number): Block {
    const [block, end] = this.readSpeech(from, scenesBefore, cueLine);
    if (this.source.isDualLeft(cueLine)) {
      // The right-hand speech follows after blank lines (and maybe notes): pair it.
      const lines = this.source.lines;
      let j = end;
      while (j < lines.length && (lines[j].type === 'blank' || lines[j].type === 'note' || lines[j].type === 'boneyard')) j++;
      if (j < lines.length && lines[j].type === 'character' && lines[j].dualRight) {
        const [right, rightEnd] = this.readSpeech(j, scenesBefore, j);
        block.column = DUAL_LEFT;
        block.side = 'left';
        right.column = DUAL_RIGHT;
        right.side = 'right';
        return this.finish(rightEnd, new DualBlock(block, right, SINGLE_COLUMN));
      }
    }
    return this.finish(end, block);
  }

  private readSpeech(from: number, scenesBefore: number, cueLine: number): [SpeechBlock, number] {
    const lines = this.source.lines;
    const cue = lines[cueLine];
    const items: SpeechItem[] = [];
    let j = cueLine + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.type === 'note' || l.type === 'boneyard') continue;
      if (!SPEECH.has(l.type)) break;
      const visible = visibleText(l).trim();
      if (l.type === 'lyric') items.push({ kind: 'lyric', source: j, text: parseEmphasis(lyricText(visible), ITALIC) });
      else items.push({ kind: l.type as 'parenthetical' | 'dialogue', source: j, text: parseEmphasis(visible) });
    }
    if (items.length === 0) items.push({ kind: 'dialogue', source: cueLine, text: plain('') });
    const block = new SpeechBlock(from, scenesBefore, cueLine, parseEmphasis(cueText(cue, visibleText(cue))), items, SINGLE_COLUMN);
    return [block, j];
  }
}

/** A one-line paragraph in capitals (`ANGLE ON THE DOOR.`) introduces what follows, like a heading. */
export function isShot(text: string): boolean {
  return HAS_LETTER.test(text) && !HAS_LOWER.test(text) && text.trim().length > 0;
}
