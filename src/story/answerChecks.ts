import { FountainDocument } from '../fountain';
import { characterForCue, charactersIn, mentions, mentionsName, namesOf } from './characterMatch';
import { parseCharacters } from './parsers';
import { example } from './prompts/common';
import type { Beat, Character } from './schema';

/**
 * Does an answer fit what its prompt asked for? A parsed answer can still be off: a title of
 * twelve words where six were asked, four characters for five, beats out of the structure's order,
 * a scene whose speakers are not in the bible, or names borrowed from the few-shot example. Each
 * check returns what is off, in words the writer can act on; empty means the answer fits. The
 * engine resamples once on a misfit and then proposes the better answer with these words as a
 * visible warning: never silently.
 */

export const TITLE_MAX_WORDS = 6;
export const LOGLINE_MAX_WORDS = 50;

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function checkTitle(title: string): string[] {
  const n = words(title);
  return n > TITLE_MAX_WORDS ? [`the title has ${n} words (at most ${TITLE_MAX_WORDS} were asked for)`] : [];
}

export function checkLogline(logline: string): string[] {
  const n = words(logline);
  return n > LOGLINE_MAX_WORDS ? [`the logline has ${n} words (at most ${LOGLINE_MAX_WORDS} were asked for)`] : [];
}

/** The few-shot examples' cast (MAUD ARKWRIGHT, TOBIAS KELL…), read from the example itself. */
let exampleCast: Character[] | undefined;
function exampleCharacters(): Character[] {
  exampleCast ??= parseCharacters(example('characters')).items;
  return exampleCast;
}

/**
 * Example characters the answer names although the story does not: the model copied the example
 * instead of using the cast it was given. A name the writer's own bible or logline uses is theirs.
 */
export function borrowedExampleNames(text: string, bible: readonly Character[], logline = ''): string[] {
  const own = new Set(bible.flatMap(namesOf).map((n) => n.toUpperCase()));
  const borrowed: string[] = [];
  for (const c of exampleCharacters()) {
    const names = namesOf(c).filter((n) => !own.has(n.toUpperCase()) && !mentionsName(logline, n));
    const used = names.filter((n) => mentionsName(text, n));
    if (used.length) borrowed.push(used[0].toUpperCase());
  }
  return borrowed;
}

/** The example-names check on its own, for answers with nothing else to check. */
export function checkExampleNames(text: string, bible: readonly Character[], logline: string): string[] {
  const borrowed = borrowedExampleNames(text, bible, logline);
  return borrowed.length ? [`it uses names from the prompt's example, not this story: ${borrowed.join(', ')}`] : [];
}

export function checkCharacters(characters: readonly Character[], asked: number, logline: string): string[] {
  const problems: string[] = [];
  if (characters.length !== asked) problems.push(`${characters.length} character${characters.length === 1 ? '' : 's'} came back (${asked} were asked for)`);
  return [...problems, ...checkExampleNames(characters.map((c) => `${c.name} ${c.aliases.join(' ')}`).join('\n'), [], logline)];
}

/**
 * Beats against the structure they were asked to follow: every plot element is one of the
 * structure's, they come in its order, and (for a whole list) each element has at least one beat.
 * `after` is the plot element the list continues from, if any.
 */
export function checkBeats(beats: readonly Beat[], structure: readonly string[], opts: { whole: boolean; asked?: number; after?: string; bible: readonly Character[]; logline: string }): string[] {
  const problems: string[] = [];
  const position = (element: string) => structure.findIndex((s) => s.toLowerCase() === element.trim().toLowerCase());
  const unknown = [...new Set(beats.map((b) => b.plotElement).filter((e) => position(e) < 0))];
  if (unknown.length) problems.push(`plot element${unknown.length === 1 ? '' : 's'} not in the structure: ${unknown.join(', ')}`);
  let last = opts.after === undefined ? -1 : position(opts.after);
  const outOfOrder: number[] = [];
  beats.forEach((b, i) => {
    const at = position(b.plotElement);
    if (at < 0) return;
    if (at < last) outOfOrder.push(i + 1);
    else last = at;
  });
  if (outOfOrder.length) problems.push(`beat${outOfOrder.length === 1 ? '' : 's'} ${outOfOrder.join(', ')} out of the structure's order`);
  if (opts.whole) {
    const missing = structure.filter((s) => !beats.some((b) => position(b.plotElement) === position(s)));
    if (missing.length) problems.push(`no beat for ${missing.join(', ')}`);
  }
  if (opts.asked !== undefined && beats.length !== opts.asked) problems.push(`${beats.length} beat${beats.length === 1 ? '' : 's'} came back (${opts.asked} were asked for)`);
  return [...problems, ...checkExampleNames(beats.map((b) => `${b.place.name}\n${b.beat}`).join('\n'), opts.bible, opts.logline)];
}

/**
 * A scene draft against its story: everyone who speaks is in the bible (by name or alias), the
 * characters its beat names appear in it, and no example names. These are exactly what would make
 * a freshly written scene look stale. When continuing a scene, `earlier` is the text before the new
 * part: its speakers are the writer's business, but the beat's characters may appear in it.
 */
export function checkScene(draft: string, beat: Beat, bible: readonly Character[], logline: string, earlier = ''): string[] {
  return [
    ...unknownSpeakers(draft, bible),
    ...absentBeatCharacters(earlier ? `${earlier}\n\n${draft}` : draft, beat, bible),
    ...checkExampleNames(draft, bible, logline),
  ];
}

/**
 * Where a draft and the bible disagree: a speaker the bible does not know (renamed, removed, or
 * invented), or a character the beat names whom the draft never mentions. The staleness graph uses
 * the same test for scenes it has no record of. Nothing to say without a bible.
 */
export function sceneCastProblems(draft: string, beat: Beat, bible: readonly Character[]): string[] {
  return [...unknownSpeakers(draft, bible), ...absentBeatCharacters(draft, beat, bible)];
}

function unknownSpeakers(draft: string, bible: readonly Character[]): string[] {
  if (bible.length === 0) return [];
  const cues = new Set(
    FountainDocument.parse(draft)
      .lines.filter((l) => l.type === 'character' && l.name)
      .map((l) => l.name as string),
  );
  const unknown = [...cues].filter((cue) => !characterForCue(cue, bible));
  return unknown.length ? [`speakers not in the character list: ${unknown.join(', ')}`] : [];
}

function absentBeatCharacters(draft: string, beat: Beat, bible: readonly Character[]): string[] {
  const missing = charactersIn([beat.beat], bible).filter((c) => !mentions(draft, c));
  return missing.length ? [`the beat involves ${missing.map((c) => c.name).join(', ')}, whom the draft never mentions`] : [];
}
