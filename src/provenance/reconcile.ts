import { diffArrays } from 'diff';
import type { Authorship } from './authorship';
import type { Run } from './runs';
import { normalizeRuns, sliceRuns } from './runs';

/**
 * Edits made outside the editor (another app, `git pull`, the CLI) arrive as a new text with no
 * record of what changed. They are reconciled by diffing the last text the sidecar knew against
 * the current one: characters both texts share keep their author; everything new is the writer's.
 *
 * The common head and tail are matched character by character (a typo fixed inside a model word
 * leaves the rest of the word the model's). The changed middle is matched by whole words, so a
 * line retyped in another app does not keep scattered letters of the old line.
 */

/** Middles longer than this many tokens' worth of edits are not aligned: their new text is the writer's. */
const MAX_EDIT_TOKENS = 20_000;

export function reconcile(authorship: Authorship, knownText: string, currentText: string): Authorship {
  if (knownText === currentText) return authorship;
  if (knownText.length !== authorship.length) throw new Error('The authorship record does not describe the text it was saved with.');
  let head = 0;
  const shortest = Math.min(knownText.length, currentText.length);
  while (head < shortest && knownText.charCodeAt(head) === currentText.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shortest - head && knownText.charCodeAt(knownText.length - 1 - tail) === currentText.charCodeAt(currentText.length - 1 - tail)) tail++;

  const runs: Run[] = sliceRuns(authorship.runs, 0, head);
  runs.push(...alignMiddle(authorship.runs, knownText, head, knownText.length - tail, currentText.slice(head, currentText.length - tail)));
  runs.push(...sliceRuns(authorship.runs, knownText.length - tail, knownText.length));
  return authorship.withRuns(normalizeRuns(runs));
}

function alignMiddle(oldRuns: readonly Run[], knownText: string, from: number, to: number, inserted: string): Run[] {
  if (!inserted.length) return [];
  if (from === to) return [{ kind: 'writer', length: inserted.length }];
  const changes = diffArrays(tokens(knownText.slice(from, to)), tokens(inserted), { maxEditLength: MAX_EDIT_TOKENS });
  if (!changes) return [{ kind: 'writer', length: inserted.length }];
  const out: Run[] = [];
  let at = from;
  for (const c of changes) {
    const length = c.value.reduce((n, t) => n + t.length, 0);
    if (c.added) out.push({ kind: 'writer', length });
    else if (c.removed) at += length;
    else {
      out.push(...sliceRuns(oldRuns, at, at + length));
      at += length;
    }
  }
  return out;
}

/** Words, runs of white space, and every other character on its own. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|\s+|[^]/gu) ?? [];
}
