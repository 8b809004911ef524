import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { TextRun as StyledRun } from '../print/types';
import { PARAGRAPH_TYPES, type ParagraphType, type ScriptBlock, type ScriptParagraph } from './script';

/** A file that is not a Final Draft document we can read; the message says why and where. */
export class FdxError extends Error {}

/** Larger than any real screenplay by two orders of magnitude; beyond it we refuse, not freeze. */
export const MAX_FDX_CHARS = 64 * 1024 * 1024;

/** A title-page paragraph, before its role (title, author, contact…) is worked out. */
export interface TitleParagraph {
  alignment: string;
  text: string;
  runs: StyledRun[];
}

export interface FdxDocument {
  body: ScriptBlock[];
  titlePage: TitleParagraph[];
}

/**
 * Reads a Final Draft file with saxes, a strict streaming XML parser: malformed XML is an error
 * with its line and column, never a guess. A DOCTYPE is refused outright (Final Draft never
 * writes one), and saxes expands no entity beyond XML's five and character references, so
 * entity bombs and external entities have nothing to work with.
 */
export function readFdx(xml: string): FdxDocument {
  if (xml.length > MAX_FDX_CHARS) throw new FdxError(`The file is ${Math.round(xml.length / 1048576)} MB; a Final Draft script is far smaller, so it was not read.`);
  const reader = new FdxReader();
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  parser.on('doctype', () => {
    throw parser.makeError('has a DOCTYPE, which Final Draft never writes; refused for safety');
  });
  parser.on('opentag', (tag) => reader.open(tag));
  parser.on('closetag', (tag) => reader.close(tag));
  parser.on('text', (text) => reader.text(text));
  parser.on('cdata', (text) => reader.text(text));
  parser.on('error', (error) => {
    throw error;
  });
  try {
    parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  } catch (error) {
    if (error instanceof FdxError) throw error;
    throw new FdxError(`Not a readable Final Draft file: ${error instanceof Error ? where(error.message) : String(error)}`);
  }
  if (!reader.sawRoot) throw new FdxError('Not a Final Draft file: its root element is not <FinalDraft>.');
  return { body: reader.body, titlePage: reader.titlePage };
}

type Where = 'body' | 'dual' | 'summary' | 'title';

interface OpenParagraph {
  where: Where;
  alignment: string;
  paragraph: ScriptParagraph;
  /** Depth in the element stack, to know which <Text> belongs to it. */
  depth: number;
  dual?: ScriptParagraph[];
}

class FdxReader {
  readonly body: ScriptBlock[] = [];
  readonly titlePage: TitleParagraph[] = [];
  sawRoot = false;
  private readonly stack: string[] = [];
  private readonly paragraphs: OpenParagraph[] = [];
  private style: StyledRun | undefined;

  open(tag: SaxesTagPlain): void {
    const parent = this.stack[this.stack.length - 1];
    const grand = this.stack[this.stack.length - 2];
    if (this.stack.length === 0) {
      if (tag.name !== 'FinalDraft') throw new FdxError(`Not a Final Draft file: its root element is <${tag.name}>, not <FinalDraft>.`);
      this.sawRoot = true;
    }
    this.stack.push(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === 'Paragraph') {
      const where = this.placeOf(parent, grand);
      if (!where) return;
      const paragraph: ScriptParagraph = { type: paragraphType(attributes.Type), lines: [[]] };
      if (attributes.Alignment === 'Center') paragraph.centered = true;
      if (attributes.Number) paragraph.number = attributes.Number;
      if (attributes.StartsNewPage === 'Yes') paragraph.startsNewPage = true;
      this.paragraphs.push({ where, alignment: attributes.Alignment ?? 'Left', paragraph, depth: this.stack.length });
    } else if (tag.name === 'DualDialogue') {
      const owner = this.current();
      if (owner && owner.depth === this.stack.length - 1 && owner.where === 'body') owner.dual = [];
    } else if (tag.name === 'Text') {
      const owner = this.current();
      if (owner && owner.depth === this.stack.length - 1) this.style = styleOf(attributes.Style);
    }
  }

  text(text: string): void {
    if (!this.style) return;
    const owner = this.current();
    if (!owner) return;
    // Final Draft breaks lines inside a paragraph with a newline in the text (older files: CR).
    const pieces = text.replace(/\r\n?/g, '\n').split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) owner.paragraph.lines.push([]);
      if (piece !== '') appendRun(owner.paragraph.lines[owner.paragraph.lines.length - 1], { ...this.style, text: piece });
    });
  }

  close(tag: SaxesTagPlain): void {
    const depth = this.stack.length;
    this.stack.pop();
    if (tag.name === 'Text') this.style = undefined;
    if (tag.name !== 'Paragraph') return;
    const owner = this.current();
    if (!owner || owner.depth !== depth) return;
    this.paragraphs.pop();
    this.finish(owner);
  }

  private finish(owner: OpenParagraph): void {
    const { paragraph } = owner;
    switch (owner.where) {
      case 'title':
        this.titlePage.push({ alignment: owner.alignment, text: paragraph.lines.map((l) => l.map((r) => r.text).join('')).join('\n'), runs: paragraph.lines.flat() });
        return;
      case 'summary': {
        const text = paragraph.lines.map((l) => l.map((r) => r.text).join('')).join(' ').trim();
        const heading = this.current()?.paragraph;
        if (heading && text) heading.summary = heading.summary ? `${heading.summary} ${text}` : text;
        return;
      }
      case 'dual': {
        const wrapper = this.current();
        wrapper?.dual?.push(paragraph);
        return;
      }
      case 'body':
        if (owner.dual) {
          const dual = splitDual(owner.dual);
          if (dual) this.body.push(paragraph.startsNewPage ? { dual, startsNewPage: true } : { dual });
          else this.body.push(...owner.dual);
          return;
        }
        this.body.push(paragraph);
    }
  }

  private current(): OpenParagraph | undefined {
    return this.paragraphs[this.paragraphs.length - 1];
  }

  /** Which paragraphs we read: the script's, dual dialogue's, scene summaries and the title page. */
  private placeOf(parent: string | undefined, grand: string | undefined): Where | undefined {
    if (parent === 'Content' && grand === 'FinalDraft') return 'body';
    if (parent === 'Content' && grand === 'TitlePage') return 'title';
    if (parent === 'DualDialogue' && this.current()?.dual) return 'dual';
    if (parent === 'Summary' && this.current()?.paragraph.type === 'Scene Heading') return 'summary';
    return undefined; // script notes, headers and footers, anything else: not the script's text
  }
}

function paragraphType(type: string | undefined): ParagraphType {
  return (PARAGRAPH_TYPES as readonly string[]).includes(type ?? '') ? (type as ParagraphType) : 'General';
}

function styleOf(style: string | undefined): StyledRun {
  const parts = new Set((style ?? '').split('+').map((s) => s.trim().toLowerCase()));
  const run: StyledRun = { text: '' };
  if (parts.has('bold')) run.bold = true;
  if (parts.has('italic')) run.italic = true;
  if (parts.has('underline')) run.underline = true;
  return run;
}

function appendRun(line: StyledRun[], run: StyledRun): void {
  const last = line[line.length - 1];
  if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && !!last.underline === !!run.underline) last.text += run.text;
  else line.push(run);
}

/** The right-hand speech starts at the second character cue. */
function splitDual(paragraphs: ScriptParagraph[]): [ScriptParagraph[], ScriptParagraph[]] | undefined {
  const cues = paragraphs.flatMap((p, i) => (p.type === 'Character' ? [i] : []));
  if (cues.length < 2 || cues[0] !== 0) return undefined;
  return [paragraphs.slice(0, cues[1]), paragraphs.slice(cues[1])];
}

/** saxes says `3:14: message`; the writer reads "line 3, column 14: message". */
function where(message: string): string {
  const m = /^(?:[^:]*:)?(\d+):(\d+): ([\s\S]*)$/.exec(message);
  return m ? `line ${m[1]}, column ${Number(m[2]) + 1}: ${m[3]}` : message;
}
