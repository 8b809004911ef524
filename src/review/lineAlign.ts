/**
 * Widens a proposed replacement to whole lines. A patch computed character by character can start
 * or end mid-line (inserting a `# Places` section before `# Climax` shares the `# `), and a line
 * diff of such a fragment splits a heading from its `#`: accepting one part of it then turns the
 * heading into action. Whole lines keep every change block a set of whole lines of the script.
 */
export interface AlignedTarget {
  start: number;
  end: number;
  /** Document text between the new start and the old one: it goes in front of the proposed text. */
  lead: string;
  /** Document text between the old end and the new one: it goes after the proposed text. */
  trail: string;
}

export function alignToLines(text: string, start: number, end: number): AlignedTarget {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  const atLineBoundary = end >= text.length || text[end] === '\n' || text[end] === '\r' || end === 0 || text[end - 1] === '\n';
  let to = end;
  if (!atLineBoundary) while (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
  return { start: from, end: to, lead: text.slice(from, start), trail: text.slice(end, to) };
}
