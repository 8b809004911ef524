import type { Beat } from '../schema';
import { END_MARKER, LIMITS, clip, messages } from './common';
import { labelledLine } from './shapes';
import type { Prompt } from './types';

/** A description of one place, informed by the first few beats set there. */
export function placePrompt(logline: string, name: string, beats: readonly Beat[]): Prompt {
  const here = beats.filter((b) => b.place.name.toUpperCase() === name.toUpperCase()).slice(0, LIMITS.placeBeats);
  const scenes = here.length ? `\nScenes here:\n${here.map((b) => `- ${clip(b.beat, LIMITS.beat)}`).join('\n')}` : '';
  return {
    level: 'places',
    messages: messages('place', `Logline: ${clip(logline, LIMITS.logline)}\nPlace: ${name}${scenes}\n\nDescribe the place in two or three sentences, introduced by "Description:".`),
    stop: [END_MARKER],
    maxTokens: 300,
    shape: labelledLine('Description'),
  };
}
