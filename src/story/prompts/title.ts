import { END_MARKER, LIMITS, clip, messages } from './common';
import { labelledLine } from './shapes';
import type { Prompt } from './types';

export function titlePrompt(logline: string): Prompt {
  return {
    level: 'title',
    messages: messages('title', `Logline: ${clip(logline, LIMITS.logline)}\n\nWrite a title (at most six words), introduced by "Title:".`),
    stop: [END_MARKER],
    maxTokens: 60,
    shape: labelledLine('Title'),
  };
}
