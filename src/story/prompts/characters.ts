import type { Character } from '../schema';
import { END_MARKER, LIMITS, clip, messages } from './common';
import { charactersShape } from './shapes';
import type { Prompt } from './types';

function cast(characters: readonly Character[]): string {
  return characters
    .slice(0, LIMITS.listContext)
    .map((c) => `- ${c.name}: ${clip(c.description, 120)}`)
    .join('\n');
}

const FORMAT = 'Answer with a JSON array of objects {"name", "aliases", "description"} in a ```json fence. Names in UPPERCASE as they will appear in dialogue cues; aliases are the short names other characters use.';

/** The main cast for a logline. */
export function charactersPrompt(logline: string, count = 5): Prompt {
  return {
    level: 'characters',
    messages: messages('characters', `Logline: ${clip(logline, LIMITS.logline)}\n\nCreate the ${count} main characters. ${FORMAT}`),
    stop: [END_MARKER],
    maxTokens: 1500,
    shape: charactersShape(count),
  };
}

/** More characters for an existing cast (the "continue" operation on the list). */
export function moreCharactersPrompt(logline: string, existing: readonly Character[], count = 2): Prompt {
  return {
    level: 'characters',
    messages: messages(
      'characters',
      `Logline: ${clip(logline, LIMITS.logline)}\n\nThe cast so far:\n${cast(existing)}\n\nCreate ${count} more characters who are not in the cast so far. ${FORMAT}`,
    ),
    stop: [END_MARKER],
    maxTokens: 800,
    shape: charactersShape(count),
  };
}

/** One new character to take `replaced`'s place (the "regenerate one item" operation). */
export function replaceCharacterPrompt(logline: string, others: readonly Character[], replaced: Character): Prompt {
  return {
    level: 'characters',
    messages: messages(
      'characters',
      `Logline: ${clip(logline, LIMITS.logline)}\n\nThe rest of the cast:\n${cast(others) || '(none)'}\n\n` +
        `Rewrite this character with a fresh take, keeping the name unless it no longer fits: ${replaced.name}: ${clip(replaced.description, LIMITS.description)}\n\n${FORMAT} The array holds exactly one character.`,
    ),
    stop: [END_MARKER],
    maxTokens: 400,
    shape: charactersShape(1),
  };
}
