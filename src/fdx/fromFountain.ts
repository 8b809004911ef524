import { emphasisRuns, type StyledRun } from '../fountain/emphasis';
import { SCENE_NUMBER } from '../fountain/sceneHeading';
import type { FountainDocument, FountainLine, Span } from '../fountain';
import type { Script, ScriptBlock, ScriptParagraph, TitleField, ParagraphType } from './script';

/**
 * The printable screenplay in `document`, as Final Draft paragraphs. Only what prints is kept:
 * the story bible and other notes, the boneyard, sections and synopses are left out, except a
 * synopsis directly under a scene heading, which becomes that scene's summary (Final Draft shows
 * it on the scene's index card).
 */
export function scriptFromFountain(document: FountainDocument): Script {
  return { titlePage: titleFields(document), body: new BodyBuilder(document).build() };
}

function titleFields(document: FountainDocument): TitleField[] {
  return document.titlePage.map((entry) => ({ key: entry.key, lines: entry.value.split('\n').map((l) => l.trim()) }));
}

class BodyBuilder {
  private readonly body: ScriptBlock[] = [];
  /** The paragraph still taking lines (action and dialogue run over several source lines). */
  private open: ScriptParagraph | undefined;
  private newPagePending = false;
  /** While a dual-dialogue pair is being read: its two sides, and which one is being filled. */
  private dual: { sides: [ScriptParagraph[], ScriptParagraph[]]; side: 0 | 1; startsNewPage?: boolean } | undefined;
  private lastHeading: ScriptParagraph | undefined;

  constructor(private readonly document: FountainDocument) {}

  build(): ScriptBlock[] {
    const lines = this.document.lines;
    for (let i = 0; i < lines.length; i++) this.take(lines[i], i);
    this.endSpeech();
    return this.body;
  }

  private take(line: FountainLine, index: number): void {
    switch (line.type) {
      case 'blank':
        this.open = undefined;
        this.endSpeech();
        return;
      case 'pageBreak':
        this.open = undefined;
        this.endSpeech();
        this.newPagePending = true;
        return;
      case 'synopsis':
        if (this.lastHeading && this.lastHeading.summary === undefined) this.lastHeading.summary = printed(line).trim().replace(/^=\s*/, '');
        return;
      case 'section':
        this.open = undefined;
        this.lastHeading = undefined;
        return;
      case 'titleKey':
      case 'titleValue':
      case 'note':
      case 'boneyard':
        return;
      case 'sceneHeading': {
        const heading = this.start('Scene Heading', headingText(line));
        if (line.sceneNumber) heading.number = line.sceneNumber.text;
        this.open = undefined;
        this.lastHeading = heading;
        return;
      }
      case 'action':
        this.continueOrStart('Action', forcedStripped(line, '!'), false);
        return;
      case 'centered':
        this.continueOrStart('Action', centeredText(line), true);
        return;
      case 'transition':
        this.start('Transition', forcedStripped(line, '>').trim());
        this.open = undefined;
        return;
      case 'character':
        this.endSpeech();
        if (this.document.isDualLeft(index)) this.dual = { sides: [[], []], side: 0, startsNewPage: this.takeNewPage() };
        else if (line.dualRight && this.dual) this.dual.side = 1;
        this.start('Character', cueText(line));
        this.open = undefined;
        return;
      case 'parenthetical':
        this.start('Parenthetical', printed(line).trim());
        this.open = undefined;
        return;
      case 'dialogue':
        // Two spaces alone keep an intentionally empty line inside a speech.
        this.continueOrStart('Dialogue', printed(line).trim(), false);
        return;
      case 'lyric':
        this.continueOrStart('Dialogue', forcedStripped(line, '~').trim(), false, { italic: true });
        return;
    }
  }

  private start(type: ParagraphType, text: string, extra?: Partial<StyledRun>): ScriptParagraph {
    const paragraph: ScriptParagraph = { type, lines: [runs(text, extra)] };
    this.lastHeading = undefined; // a synopsis after anything but the heading is not the scene's summary
    if (!this.dual && this.takeNewPage()) paragraph.startsNewPage = true;
    if (this.dual) this.dual.sides[this.dual.side].push(paragraph);
    else this.body.push(paragraph);
    return paragraph;
  }

  private continueOrStart(type: ParagraphType, text: string, centered: boolean, extra?: Partial<StyledRun>): void {
    const open = this.open;
    if (open && open.type === type && !!open.centered === centered) {
      open.lines.push(runs(text, extra));
      return;
    }
    const paragraph = this.start(type, text, extra);
    if (centered) paragraph.centered = true;
    this.open = paragraph;
  }

  private takeNewPage(): boolean {
    const pending = this.newPagePending;
    this.newPagePending = false;
    return pending;
  }

  /** A speech ends at a blank line; a dual pair ends after its right-hand speech. */
  private endSpeech(): void {
    const dual = this.dual;
    if (!dual || dual.side === 0) return;
    const block: ScriptBlock = { dual: dual.sides };
    if (dual.startsNewPage) block.startsNewPage = true;
    this.body.push(block);
    this.dual = undefined;
  }
}

function runs(text: string, extra?: Partial<StyledRun>): StyledRun[] {
  const result = emphasisRuns(text);
  return extra ? result.map((run) => ({ ...run, ...extra })) : result;
}

/** The line without its notes and boneyard, which never print. */
export function printed(line: FountainLine): string {
  const hidden: Span[] = [...(line.notes ?? []), ...(line.boneyard ?? [])];
  if (hidden.length === 0) return line.text;
  hidden.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const span of hidden) {
    out += line.text.slice(from, Math.max(from, span.start));
    from = Math.max(from, span.end);
  }
  return out + line.text.slice(from);
}

function forcedStripped(line: FountainLine, marker: string): string {
  const text = printed(line).trimEnd();
  if (!line.forced) return text;
  const at = text.indexOf(marker);
  return at >= 0 && text.slice(0, at).trim() === '' ? text.slice(0, at) + text.slice(at + 1) : text;
}

function headingText(line: FountainLine): string {
  let text = printed(line).replace(SCENE_NUMBER, '').trim();
  if (line.forced && text.startsWith('.')) text = text.slice(1).trimStart();
  return text;
}

function centeredText(line: FountainLine): string {
  return printed(line).trim().replace(/^>\s*/, '').replace(/\s*<$/, '');
}

function cueText(line: FountainLine): string {
  const extensions = (line.extensions ?? []).map((e) => e.text).join(' ');
  return extensions ? `${line.name} ${extensions}` : (line.name ?? printed(line).trim());
}
