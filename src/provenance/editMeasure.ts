import { diffChars } from 'diff';
import type { Authorship } from './authorship';
import { positioned } from './runs';
import { wordRanges } from './words';

/**
 * Dramatron's measure of how much the writer changed the model's output: the edit distance
 * between what the model wrote and what its passage reads now, divided by the length of what the
 * model wrote (Mirowski et al., CHI 2023). 0 means kept verbatim; 1 means as many edits as the
 * text is long. Counted over the model answers that still have text in the script; an answer
 * replaced whole by a later one is no longer in the script and no longer counted. The distance
 * comes from a character diff, where a replaced stretch counts as the longer of its two sides.
 */
export interface EditMeasure {
  /** Characters the model wrote, summed over the answers still in the script. */
  modelCharacters: number;
  editDistance: number;
  /** editDistance ÷ modelCharacters (0 when the model wrote nothing). */
  ratio: number;
  /** Words the model wrote that the writer has deleted entirely. */
  deletedModelWords: number;
}

/** Beyond this many edits a passage is not diffed; its distance is then the insert/delete count. */
const MAX_EDIT_LENGTH = 5_000;

export function editMeasure(text: string, authorship: Authorship): EditMeasure {
  const passages = new Map<number, { start: number; end: number; kept: number; intervals: [number, number][] }>();
  const all = [...positioned(authorship.runs)];
  for (const { start, end, run } of all) {
    if (run.kind !== 'model') continue;
    const p = passages.get(run.origin) ?? { start, end, kept: 0, intervals: [] };
    p.end = end;
    p.kept += run.length;
    p.intervals.push([run.offset, run.offset + run.length]);
    passages.set(run.origin, p);
  }
  // A passage reads as its own characters and the writer's between them; other answers placed
  // inside it (scenes written under the beats that preceded them) are not edits of it.
  const passageText = (id: number, from: number, to: number) =>
    all
      .filter(({ start, end, run }) => start < to && end > from && (run.kind !== 'model' || run.origin === id))
      .map(({ start, end }) => text.slice(Math.max(start, from), Math.min(end, to)))
      .join('');
  let modelCharacters = 0;
  let editDistance = 0;
  let deletedModelWords = 0;
  for (const [id, p] of passages) {
    const original = authorship.origins.get(id)?.text ?? '';
    const now = passageText(id, p.start, p.end);
    modelCharacters += original.length;
    editDistance += distance(original, now, p.kept);
    const kept = p.intervals.sort((a, b) => a[0] - b[0]);
    for (const w of wordRanges(original)) if (!kept.some(([s, e]) => s < w.end && w.start < e)) deletedModelWords++;
  }
  return { modelCharacters, editDistance, ratio: modelCharacters ? editDistance / modelCharacters : 0, deletedModelWords };
}

function distance(a: string, b: string, kept: number): number {
  if (a === b) return 0;
  const changes = diffChars(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return a.length - kept + (b.length - kept);
  let total = 0;
  let removed = 0;
  let added = 0;
  for (const c of changes) {
    if (c.removed) removed += c.value.length;
    else if (c.added) added += c.value.length;
    else {
      total += Math.max(removed, added);
      removed = added = 0;
    }
  }
  return total + Math.max(removed, added);
}
