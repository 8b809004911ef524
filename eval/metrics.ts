import { FountainDocument } from '../src/fountain';
import { characterForCue } from '../src/story/characterMatch';
import { chatterLines } from '../src/story/parsers';
import { isHeadingLike } from '../src/story/schema';
import { SCENE_CONTEXT_LABELS } from '../src/story/prompts/scene';
import type { Beat, Character } from '../src/story/schema';

/**
 * Pure measures of a generated screenplay for `npm run eval`: repetition, variety, cast, headings,
 * leaked chatter. Each takes text or story parts and returns counts, so they add up across scenes.
 */

/** Lowercase words (letters, digits, inner apostrophes); punctuation and Fountain markup dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

export function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** n-grams in `text`: how many, and how many of them are distinct. */
export function ngramCounts(text: string, n: number): { total: number; distinct: number } {
  const grams = ngrams(words(text), n);
  return { total: grams.length, distinct: new Set(grams).size };
}

/** Share of `n`-gram occurrences that repeat one seen earlier in the same text (0: no repeats). */
export function repeatedNgramRate(text: string, n = 3): number {
  const { total, distinct } = ngramCounts(text, n);
  return total === 0 ? 0 : (total - distinct) / total;
}

/** distinct-n (Li et al. 2016): distinct n-grams over all n-grams (1: no repeats). */
export function distinctN(text: string, n = 2): number {
  const { total, distinct } = ngramCounts(text, n);
  return total === 0 ? 0 : distinct / total;
}

/** Who speaks in a scene body (cue names, normalised), and which of them the bible knows. */
export function speakers(draft: string, bible: readonly Character[]): { speakers: string[]; known: string[]; unknown: string[] } {
  const cues = [
    ...new Set(
      FountainDocument.parse(draft)
        .lines.filter((l) => l.type === 'character' && l.name)
        .map((l) => l.name as string),
    ),
  ];
  const known = cues.filter((c) => characterForCue(c, bible));
  return { speakers: cues, known, unknown: cues.filter((c) => !known.includes(c)) };
}

/** Lines of a scene body that would have been headings had the parser not demoted them (`!INT. …`). */
export function strayHeadings(draft: string): string[] {
  return draft.split('\n').filter((l) => l.startsWith('!') && isHeadingLike(l.slice(1)));
}

/**
 * For each beat, whether the script's scene heading at its position names the beat's place
 * (setting and name), read back from the rendered Fountain as any Fountain app would.
 */
export function headingsMatch(script: string, beats: readonly Beat[]): boolean[] {
  const scenes = FountainDocument.parse(script).outline.allScenes;
  const settingOf = (prefix: string) => prefix.replace(/\./g, '').toUpperCase().replace(/^I\/E$/, 'INT/EXT') || 'NONE';
  return beats.map((b, i) => {
    const s = scenes[i];
    return !!s && s.location.trim().toUpperCase() === b.place.name.trim().toUpperCase() && settingOf(s.prefix) === b.place.setting;
  });
}

/** Lines of a scene body that repeat the prompt's own labels (`Scene heading: …`, `Characters: …`). */
export function promptEchoes(draft: string): string[] {
  const labels = SCENE_CONTEXT_LABELS.map((l) => l.toLowerCase());
  return draft.split('\n').filter((line) => {
    const colon = line.indexOf(':');
    return colon > 0 && labels.includes(line.slice(0, colon).trim().replace(/^[*_]+|[*_]+$/g, '').toLowerCase());
  });
}

/** Lines of chat (preamble, closing, fence) or of the prompt echoed back, left in a scene body. */
export function leakedChatter(draft: string): string[] {
  return [...chatterLines(draft), ...promptEchoes(draft)];
}

/** (max − min) / min: 0 for a flat series. */
export function spread(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const min = Math.min(...xs);
  return min === 0 ? 0 : (Math.max(...xs) - min) / min;
}

export { median } from '../bench/stats';
