import type { LayoutOptions, PageGeometry, Paper } from './types';

/**
 * The figures, in inches from the page's left edge, and why (README, "Page layout"):
 * Courier 12 pt is 10 characters and 6 lines to the inch. Action and headings run from the
 * 1.5 in binding margin to 7.5 in (60 cells). Dialogue sits at 2.5 in, 35 cells wide (to 6.0 in),
 * as in Final Draft's template and afterwriting. Parentheticals at 3.0 in, 25 cells (to 5.5 in).
 * Cues at 3.7 in, the Hollywood Standard figure (Final Draft's template uses 3.5). Transitions end
 * at 7.5 in. Letter holds 55 body lines from 1 in down; A4 is 0.69 in taller and holds 57.
 */
export const INDENT = {
  action: 1.5,
  dialogue: 2.5,
  parenthetical: 3.0,
  character: 3.7,
  right: 7.5,
  /** Scene numbers: left margin, and just past the right end of the heading line. */
  sceneNumberLeft: 0.9,
  sceneNumberRight: 7.7,
} as const;

export const WIDTH = {
  action: 60,
  dialogue: 35,
  parenthetical: 25,
} as const;

/** Dual dialogue: two 28-cell columns side by side, the left from 1.5 in, the right from 4.6 in. */
export interface DialogueColumn {
  cue: number;
  parenthetical: number;
  parentheticalWidth: number;
  dialogue: number;
  dialogueWidth: number;
}

export const SINGLE_COLUMN: DialogueColumn = {
  cue: INDENT.character,
  parenthetical: INDENT.parenthetical,
  parentheticalWidth: WIDTH.parenthetical,
  dialogue: INDENT.dialogue,
  dialogueWidth: WIDTH.dialogue,
};
export const DUAL_LEFT: DialogueColumn = { cue: 2.5, parenthetical: 2.0, parentheticalWidth: 22, dialogue: 1.5, dialogueWidth: 28 };
export const DUAL_RIGHT: DialogueColumn = { cue: 5.6, parenthetical: 5.1, parentheticalWidth: 22, dialogue: 4.6, dialogueWidth: 28 };

const PAPERS: Record<Paper, { widthIn: number; heightIn: number; linesPerPage: number }> = {
  letter: { widthIn: 8.5, heightIn: 11, linesPerPage: 55 },
  a4: { widthIn: 8.27, heightIn: 11.69, linesPerPage: 57 },
};

export function pageGeometry(paper: Paper): PageGeometry {
  const p = PAPERS[paper] ?? PAPERS.letter;
  return { paper, ...p, topIn: 1, lineHeightIn: 1 / 6, cellIn: 0.1, fontSizePt: 12 };
}

/** The row, 0.5 in from the top edge, where the page number sits. */
export const HEADER_ROW = -3;

export function withDefaults(options: LayoutOptions = {}): Required<LayoutOptions> {
  return {
    paper: options.paper === 'a4' ? 'a4' : 'letter',
    sceneNumbers: options.sceneNumbers ?? false,
    continued: options.continued ?? false,
    printNotes: options.printNotes ?? false,
    printSections: options.printSections ?? false,
    printSynopses: options.printSynopses ?? false,
  };
}
