import type { StoryLevel } from '../llm/chatModel';

/**
 * How much one answer may hold, per level. A model that runs away (a 2 MB "scene list", a stream
 * that never ends) is stopped once it passes the level's character limit, and a list longer than
 * its item limit is refused, so one bad answer cannot become hundreds of beats and then hundreds
 * of further requests. The defaults sit far above what a good answer needs: a feature has 40–70
 * scenes, and a long scene is about 10 pages (some 20,000 characters).
 */

export type CappedLevel = Exclude<StoryLevel, 'test'>;
export type ListLevel = 'characters' | 'beats';

export interface AnswerLimits {
  /** Most characters one answer may have, per level. */
  maxChars: Record<CappedLevel, number>;
  /** Most items one list answer may have. */
  maxItems: Record<ListLevel, number>;
}

export const DEFAULT_ANSWER_LIMITS: AnswerLimits = {
  maxChars: { logline: 2_000, title: 1_000, characters: 60_000, beats: 40_000, places: 4_000, scene: 50_000, inline: 4_000, rewrite: 50_000 },
  maxItems: { characters: 40, beats: 150 },
};

/** The defaults with the writer's overrides on top; anything not a positive whole number is ignored. */
export function answerLimits(overrides: { maxChars?: Partial<Record<string, unknown>>; maxItems?: Partial<Record<string, unknown>> } = {}): AnswerLimits {
  const pick = <K extends string>(defaults: Record<K, number>, given: Partial<Record<string, unknown>> | undefined): Record<K, number> => {
    const out = { ...defaults };
    for (const key of Object.keys(defaults) as K[]) {
      const v = given?.[key];
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[key] = v;
    }
    return out;
  };
  return { maxChars: pick(DEFAULT_ANSWER_LIMITS.maxChars, overrides.maxChars), maxItems: pick(DEFAULT_ANSWER_LIMITS.maxItems, overrides.maxItems) };
}

/** Every level's limits set to the same numbers (the CLI's `--max-answer-chars` and `--max-items`). */
export function uniformLimits(maxChars: number | undefined, maxItems: number | undefined): AnswerLimits {
  const chars = maxChars === undefined ? {} : Object.fromEntries(Object.keys(DEFAULT_ANSWER_LIMITS.maxChars).map((k) => [k, maxChars]));
  const items = maxItems === undefined ? {} : Object.fromEntries(Object.keys(DEFAULT_ANSWER_LIMITS.maxItems).map((k) => [k, maxItems]));
  return answerLimits({ maxChars: chars, maxItems: items });
}

export function maxCharsFor(level: StoryLevel | undefined, limits: AnswerLimits = DEFAULT_ANSWER_LIMITS): number | undefined {
  return level && level !== 'test' ? limits.maxChars[level] : undefined;
}
