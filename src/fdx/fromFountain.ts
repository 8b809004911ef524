import type { FountainDocument, FountainLine } from '../fountain';
import { isShot } from '../print/blockReader';
import { actionText, centeredText, cueText, headingText, lyricText, transitionText, visibleText } from '../print/sourceText';
import { ITALIC, parseEmphasis, toRuns } from '../print/styledText';
import type { Script, ScriptBlock, ScriptParagraph, TitleField, ParagraphType } from './script';

/**
 * The printable screenplay in `document`, as Final Draft paragraphs. Only what prints is kept:
 * the story bible and other notes, the boneyard, sections and synopses are left out, except a
 * synopsis directly under a scene heading, which becomes that scene's summary (Final Draft shows
 * it on the scene's index card). Text is read as the page layout reads it (src/print), so the
 * `.fdx` says what the PDF prints.
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
  /** The heading just written, until anything else is: a synopsis now is its scene summary. */
  private lastHeading: ScriptParagraph | undefined;

  constructor(private readonly document: FountainDocument) {}

  build(): ScriptBlock[] {
    const lines = this.document.lines;
    for (let i = 0; i < lines.length; i++) this.take(lines[i], i);
    this.close();
    this.endSpeech();
    return this.body;
  }

  private take(line: FountainLine, index: number): void {
    const visible = visibleText(line);
    switch (line.type) {
      case 'blank':
        this.close();
        this.endSpeech();
        return;
      case 'pageBreak':
        this.close();
        this.endSpeech();
        this.newPagePending = true;
        return;
      case 'synopsis':
        if (this.lastHeading && this.lastHeading.summary === undefined) this.lastHeading.summary = visible.trim().replace(/^=\s*/, '');
        return;
      case 'section':
        this.close();
        this.lastHeading = undefined;
        return;
      case 'titleKey':
      case 'titleValue':
      case 'note':
      case 'boneyard':
        return;
      case 'sceneHeading': {
        const heading = this.start('Scene Heading', headingText(line, visible));
        if (line.sceneNumber) heading.number = line.sceneNumber.text;
        this.close();
        this.lastHeading = heading;
        return;
      }
      case 'action':
        this.continueOrStart('Action', actionText(line, visible), false);
        return;
      case 'centered':
        this.continueOrStart('Action', centeredText(visible), true);
        return;
      case 'transition':
        this.start('Transition', transitionText(line, visible));
        this.close();
        return;
      case 'character':
        this.close();
        this.endSpeech();
        if (this.document.isDualLeft(index)) this.dual = { sides: [[], []], side: 0, startsNewPage: this.takeNewPage() };
        else if (line.dualRight && this.dual) this.dual.side = 1;
        this.start('Character', cueText(line, visible));
        return;
      case 'parenthetical':
        this.close();
        this.start('Parenthetical', visible.trim());
        return;
      case 'dialogue':
        // Two spaces alone keep an intentionally empty line inside a speech.
        this.continueOrStart('Dialogue', visible.trim(), false);
        return;
      case 'lyric':
        this.continueOrStart('Dialogue', lyricText(visible), false, ITALIC);
        return;
    }
  }

  private start(type: ParagraphType, text: string, style = 0): ScriptParagraph {
    const paragraph: ScriptParagraph = { type, lines: [toRuns(parseEmphasis(text, style))] };
    this.lastHeading = undefined;
    if (!this.dual && this.takeNewPage()) paragraph.startsNewPage = true;
    if (this.dual) this.dual.sides[this.dual.side].push(paragraph);
    else this.body.push(paragraph);
    return paragraph;
  }

  private continueOrStart(type: ParagraphType, text: string, centered: boolean, style = 0): void {
    const open = this.open;
    if (open && open.type === type && !!open.centered === centered) {
      open.lines.push(toRuns(parseEmphasis(text, style)));
      return;
    }
    this.close();
    const paragraph = this.start(type, text, style);
    if (centered) paragraph.centered = true;
    this.open = paragraph;
  }

  /** An action paragraph of one line in capitals is a shot, as the page layout reads it. */
  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (open?.type !== 'Action' || open.centered || open.lines.length !== 1) return;
    if (isShot(open.lines[0].map((run) => run.text).join(''))) open.type = 'Shot';
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
