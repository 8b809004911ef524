import type { FountainLine } from './types';

/**
 * Page-length estimate in the industry's usual terms: a Courier 12pt page holds about 55 lines,
 * action wraps at about 61 characters, dialogue at 35, parentheticals at 26. One page is about
 * one minute of screen time. Good to a few percent on typical features; not a pagination engine.
 */
export const LINES_PER_PAGE = 55;
const ACTION_WIDTH = 61;
const DIALOGUE_WIDTH = 35;
const PARENTHETICAL_WIDTH = 26;

/** Printed lines this line takes, including the blank line that precedes a block. */
export function printedLines(line: FountainLine): number {
  switch (line.type) {
    case 'blank':
      return 1;
    case 'action':
      return wrapped(line.text, ACTION_WIDTH);
    case 'dialogue':
    case 'lyric':
      return wrapped(line.text, DIALOGUE_WIDTH);
    case 'parenthetical':
      return wrapped(line.text, PARENTHETICAL_WIDTH);
    case 'sceneHeading':
    case 'character':
    case 'transition':
    case 'centered':
      return 1;
    default:
      // title page, sections, synopses, notes and boneyard do not print in the body
      return 0;
  }
}

function wrapped(text: string, width: number): number {
  const len = text.trim().length;
  return len === 0 ? 1 : Math.ceil(len / width);
}
