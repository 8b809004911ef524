import type { TextRun as StyledRun } from '../print/types';

/**
 * A screenplay as Final Draft sees it: paragraphs of a type, each holding lines of styled runs.
 * It is the meeting point of both directions (Fountain → FDX and FDX → Fountain), so that each
 * converter is one small step from or to it.
 */
export type ParagraphType = 'Scene Heading' | 'Action' | 'Character' | 'Parenthetical' | 'Dialogue' | 'Transition' | 'Shot' | 'General';

export const PARAGRAPH_TYPES: readonly ParagraphType[] = ['Scene Heading', 'Action', 'Character', 'Parenthetical', 'Dialogue', 'Transition', 'Shot', 'General'];

export interface ScriptParagraph {
  type: ParagraphType;
  /** One entry per printed line break the writer made (a Fountain source line). */
  lines: StyledRun[][];
  centered?: boolean;
  /** Scene number (`#12A#` in Fountain, `Number="12A"` in Final Draft). */
  number?: string;
  /** A forced page break (`===`) comes before this paragraph. */
  startsNewPage?: boolean;
  /** Scene heading: the scene's synopsis (Final Draft's scene summary). */
  summary?: string;
}

/** Two speeches printed side by side. */
export interface DualDialogue {
  dual: [ScriptParagraph[], ScriptParagraph[]];
  startsNewPage?: boolean;
}

export type ScriptBlock = ScriptParagraph | DualDialogue;

export interface TitleField {
  /** Fountain's key: `Title`, `Credit`, `Author`, `Source`, `Draft date`, `Contact`, `Notes`, `Copyright`… */
  key: string;
  /** One entry per line; emphasis as Fountain markup. */
  lines: string[];
}

export interface Script {
  titlePage: TitleField[];
  body: ScriptBlock[];
}

export function isDual(block: ScriptBlock): block is DualDialogue {
  return 'dual' in block;
}

/** Every paragraph in reading order, the two sides of dual dialogue left first. */
export function* paragraphsOf(script: Script): Generator<ScriptParagraph> {
  for (const block of script.body) {
    if (isDual(block)) {
      yield* block.dual[0];
      yield* block.dual[1];
    } else yield block;
  }
}

export function paragraphText(paragraph: ScriptParagraph): string {
  return paragraph.lines.map((line) => line.map((run) => run.text).join('')).join('\n');
}
