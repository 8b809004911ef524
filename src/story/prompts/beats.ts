import type { Beat, Character } from '../schema';
import { renderHeading } from '../fountainStore';
import { END_MARKER, LIMITS, clip, messages } from './common';
import { beatsShape, wholeBeatsShape } from './shapes';
import type { Prompt } from './types';

const FORMAT =
  'Answer with a JSON array of objects {"heading", "plotElement", "beat"} in a ```json fence: "heading" is a scene heading ' +
  '(INT. or EXT., PLACE NAME, - TIME OF DAY), "plotElement" one of the structure\'s elements, "beat" one or two sentences of what happens.';

function castLine(characters: readonly Character[]): string {
  return characters.slice(0, LIMITS.listContext).map((c) => c.name).join(', ') || '(none yet)';
}

function beatLine(b: Beat, i: number): string {
  return `${i + 1}. ${renderHeading(b.place)} [${b.plotElement}] ${clip(b.beat, LIMITS.beat)}`;
}

export function beatsPrompt(logline: string, characters: readonly Character[], structure: readonly string[], scenesPerElement = 1): Prompt {
  return {
    level: 'beats',
    messages: messages(
      'beats',
      `Logline: ${clip(logline, LIMITS.logline)}\nCharacters: ${castLine(characters)}\nStructure: ${structure.join(', ')}\n\n` +
        `Write the scene list: about ${scenesPerElement} scene(s) for each element of the structure, in order. ${FORMAT}`,
    ),
    stop: [END_MARKER],
    maxTokens: 3000,
    shape: wholeBeatsShape(structure, scenesPerElement),
  };
}

/** Extends the list after its last beats (only the last few are shown, so the prompt stays bounded). */
export function moreBeatsPrompt(logline: string, characters: readonly Character[], structure: readonly string[], existing: readonly Beat[], count = 3): Prompt {
  const shown = existing.slice(-LIMITS.listContext);
  const offset = existing.length - shown.length;
  return {
    level: 'beats',
    messages: messages(
      'beats',
      `Logline: ${clip(logline, LIMITS.logline)}\nCharacters: ${castLine(characters)}\nStructure: ${structure.join(', ')}\n\n` +
        `The scene list so far ends:\n${shown.map((b, i) => beatLine(b, offset + i)).join('\n')}\n\nContinue the list with the next ${count} scenes. ${FORMAT}`,
    ),
    stop: [END_MARKER],
    maxTokens: 1500,
    shape: beatsShape(structure, count),
  };
}

/** A fresh version of beat `index`, fitted between its neighbours. */
export function replaceBeatPrompt(logline: string, characters: readonly Character[], beats: readonly Beat[], index: number): Prompt {
  const before = index > 0 ? beatLine(beats[index - 1], index - 1) : '(this is the first scene)';
  const after = index + 1 < beats.length ? beatLine(beats[index + 1], index + 1) : '(this is the last scene)';
  return {
    level: 'beats',
    messages: messages(
      'beats',
      `Logline: ${clip(logline, LIMITS.logline)}\nCharacters: ${castLine(characters)}\n\nScene before: ${before}\nScene after: ${after}\n` +
        `Current version of scene ${index + 1}: ${beatLine(beats[index], index)}\n\nWrite a different scene ${index + 1} that fits between them. ${FORMAT} The array holds exactly one scene.`,
    ),
    stop: [END_MARKER],
    maxTokens: 400,
    shape: beatsShape([], 1),
  };
}
