import { END_MARKER, LIMITS, clip, messages } from './common';
import { labelledLine } from './shapes';
import type { Prompt } from './types';

/** Drafts a logline from the writer's premise (a phrase, a paragraph, or a rough logline). */
export function loglinePrompt(premise: string): Prompt {
  return {
    level: 'logline',
    messages: messages('logline', `Premise: ${clip(premise.trim(), LIMITS.logline * 4)}\n\nWrite one logline (one sentence, at most 50 words), introduced by "Logline:".`),
    stop: [END_MARKER],
    maxTokens: 200,
    shape: labelledLine('Logline'),
  };
}
