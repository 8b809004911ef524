import type { FountainLine } from '../fountain';
import { withoutSceneNumber } from '../fountain';
import { skipSpacesBack } from '../text/scan';

/** The line as it prints: without notes and boneyard (unless notes are wanted), tabs as four spaces. */
export function visibleText(line: FountainLine): string {
  let text = line.text;
  const cuts = [...(line.notes ?? []), ...(line.boneyard ?? [])];
  if (cuts.length > 0) {
    cuts.sort((a, b) => b.start - a.start);
    for (const c of cuts) text = text.slice(0, c.start) + text.slice(c.end);
  }
  return text.indexOf('\t') === -1 ? text : text.replace(/\t/g, '    ');
}

/** A whole-line note's own words, without the brackets. */
export function noteText(line: FountainLine): string {
  return line.text.replace(/\[\[|\]\]/g, '').trim();
}

/** Scene heading text as printed: no forcing dot, no `#12#` scene number. */
export function headingText(line: FountainLine, visible: string): string {
  let t = visible.trim();
  if (line.forced && t.startsWith('.')) t = t.slice(1);
  return withoutSceneNumber(t).trim();
}

/** Cue as printed: no `@`, no `^`. */
export function cueText(line: FountainLine, visible: string): string {
  let t = visible.trim();
  if (line.forced && t.startsWith('@')) t = t.slice(1);
  if (line.dualRight) t = withoutLast(t, '^');
  return t.trim();
}

const CONTD = /\((?:CONT'D|CONT’D|CONT\.|CONTINUED|CONT)\)/i;

/** The cue repeated on the next page of a split speech. */
export function continuedCue(cue: string): string {
  return CONTD.test(cue) ? cue : `${cue} (CONT'D)`;
}

/** Transition as printed: no forcing `>`. */
export function transitionText(line: FountainLine, visible: string): string {
  const t = visible.trim();
  return line.forced && t.startsWith('>') ? t.slice(1).trim() : t;
}

export function centeredText(visible: string): string {
  return withoutLast(visible.trim().replace(/^>\s*/, ''), '<');
}

export function lyricText(visible: string): string {
  return visible.trim().replace(/^~\s*/, '');
}

export function actionText(line: FountainLine, visible: string): string {
  if (visible === '  ') return '';
  const t = visible.trimEnd();
  return line.forced && t.trimStart().startsWith('!') ? t.replace(/^(\s*)!/, '$1') : t;
}

/** `text` without a final `mark` and the spaces before it (scanned back from the end, never retried). */
function withoutLast(text: string, mark: string): string {
  const end = skipSpacesBack(text);
  return text[end - 1] === mark ? text.slice(0, skipSpacesBack(text, end - 1)) : text;
}
