import type { Story } from '../schema';
import { sceneCast } from '../characterMatch';
import { renderHeading } from '../fountainStore';
import { END_MARKER, LIMITS, clip, messages } from './common';
import type { Prompt } from './types';

export interface SceneContext {
  logline: string;
  heading: string;
  placeName: string;
  placeDescription: string;
  characters: { name: string; aliases: string[]; description: string }[];
  plotElement: string;
  beat: string;
  /** What the previous scene was about (its beat), for continuity. */
  previousSummary: string;
  /** The last lines of the previous scene's draft, when it exists. */
  previousTail: string;
}

/** The last few lines of a draft, bounded in lines and characters. */
export function tailOf(draft: string): string {
  const lines = draft.trimEnd().split('\n').slice(-LIMITS.tailLines).join('\n');
  return lines.length > LIMITS.tailChars ? lines.slice(lines.length - LIMITS.tailChars) : lines;
}

/**
 * Everything scene `index` depends on, and nothing more: the prompt's size is independent of the
 * number of scenes. `previousDraft` lets the pipeline choose which version of the previous scene
 * to continue from (the one on disk when it started, so parallel drafting stays deterministic).
 */
export function sceneContext(story: Story, index: number, previousDraft = story.scenes[index - 1]?.draft ?? ''): SceneContext {
  const beat = story.beats[index];
  const place = story.places.find((p) => p.name.toUpperCase() === beat.place.name.toUpperCase());
  // The previous scene's lines when it has them, else what its beat says happened.
  const previousScene = index > 0 ? previousDraft || story.beats[index - 1].beat : '';
  const present = sceneCast(beat.beat, story.scenes[index]?.draft ?? '', previousScene, story.characters).slice(0, LIMITS.charactersInScene);
  return {
    logline: clip(story.logline, LIMITS.logline),
    heading: renderHeading(beat.place),
    placeName: beat.place.name,
    placeDescription: clip(place?.description ?? '', LIMITS.description),
    characters: present.map((c) => ({ name: c.name, aliases: c.aliases, description: clip(c.description, LIMITS.description) })),
    plotElement: beat.plotElement,
    beat: clip(beat.beat, LIMITS.beat),
    previousSummary: index > 0 ? clip(story.beats[index - 1].beat, LIMITS.beat) : '',
    previousTail: index > 0 ? tailOf(previousDraft) : '',
  };
}

/** The labels of the scene prompt's context lines; a draft line that starts with one echoes the prompt. */
export const SCENE_CONTEXT_LABELS = ['Logline', 'Place', 'Characters', 'Plot element', 'Previous scene', 'The previous scene ended', 'Scene heading', 'Beat'] as const;

function contextBlock(c: SceneContext): string {
  const lines = [`Logline: ${c.logline}`, `Place: ${c.placeName}${c.placeDescription ? `: ${c.placeDescription}` : ''}`];
  if (c.characters.length) {
    lines.push('Characters:');
    for (const ch of c.characters) lines.push(`- ${ch.name}${ch.aliases.length ? ` (${ch.aliases.join(', ')})` : ''}: ${ch.description}`);
  }
  if (c.plotElement) lines.push(`Plot element: ${c.plotElement}`);
  lines.push(`Previous scene: ${c.previousSummary || '(this is the first scene)'}`);
  if (c.previousTail) lines.push(`The previous scene ended:\n${c.previousTail}`);
  lines.push(`Scene heading: ${c.heading}`, `Beat: ${c.beat}`);
  return lines.join('\n');
}

const RULES =
  'Write the scene in Fountain: action paragraphs, character cues in UPPERCASE on their own line, dialogue under them, ' +
  'parentheticals in (brackets). No scene heading, no markdown, no scene numbers.';

/** Keeps the cast to this story's: without it, models reach for the example's names. */
const CAST_RULE = 'Only the characters listed above speak; anyone else present stays silent and unnamed.';

function rules(c: SceneContext): string {
  return c.characters.length ? `${RULES} ${CAST_RULE}` : RULES;
}

export function scenePrompt(context: SceneContext): Prompt {
  return {
    level: 'scene',
    messages: messages('scene', `${contextBlock(context)}\n\n${rules(context)}`),
    stop: [END_MARKER],
    maxTokens: 2000,
  };
}

/** Continues a draft from its last lines (the "continue" operation on a scene). */
export function continueScenePrompt(context: SceneContext, draftSoFar: string): Prompt {
  return {
    level: 'scene',
    messages: messages('scene', `${contextBlock(context)}\n\nThe scene so far ends:\n${tailOf(draftSoFar)}\n\nContinue the scene from there, without repeating it. ${rules(context)}`),
    stop: [END_MARKER],
    maxTokens: 1200,
  };
}
