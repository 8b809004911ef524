import type { FountainDocument } from '../fountain';
import { characterForCue, charactersIn } from './characterMatch';
import { END_MARKER, LIMITS, SYSTEM, clip } from './prompts/common';
import { OutputError, cleanReply, parseSceneDraft } from './parsers';
import type { Prompt } from './prompts/types';
import { isHeadingLike } from './schema';
import type { Story } from './schema';
import { opensSynopsis } from '../text/scan';

/**
 * The prompt for an inline (ghost-text) suggestion: the next action paragraph or the next exchange
 * of dialogue of the scene under the cursor, from the scene's beat, its place, the characters
 * present with their descriptions, and the lines just before the cursor. Its size is bounded
 * whatever the length of the script, so a suggestion costs the same on page 1 and page 120.
 */

export interface SceneSuggestionContext {
  logline: string;
  heading: string;
  placeName: string;
  placeDescription: string;
  beat: string;
  characters: { name: string; description: string }[];
  /** The scene's lines from its heading (excluded) up to the cursor, at most `LIMITS.tailLines * 2`. */
  before: string;
}

const BEFORE_LINES = LIMITS.tailLines * 2;

/**
 * Context for a suggestion at `line` (0-based) in `doc`, with the bible from `story` when the
 * script has one. Undefined outside a scene.
 */
export function sceneSuggestionContext(doc: FountainDocument, line: number, column: number, story?: Story): SceneSuggestionContext | undefined {
  const scene = doc.sceneAt(line);
  if (!scene || line === scene.line) return undefined;
  const from = Math.max(scene.line + 1, line - BEFORE_LINES + 1);
  const lines = doc.lines.slice(from, line + 1).map((l) => l.text);
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, column);
  const before = lines.filter((text) => !/^\s*=/.test(text)).join('\n').replace(/^\n+/, '').trimEnd();

  const bible = story?.characters ?? [];
  const beat = scene.synopsis ?? '';
  const present: { name: string; description: string }[] = [];
  const add = (name: string, description: string) => {
    if (present.length < LIMITS.charactersInScene && !present.some((p) => p.name === name)) present.push({ name, description: clip(description, LIMITS.description) });
  };
  for (const cue of scene.characters) {
    const entry = characterForCue(cue, bible);
    add(entry?.name ?? cue, entry?.description ?? '');
  }
  for (const c of charactersIn([beat], bible)) add(c.name, c.description);

  const place = story?.places.find((p) => p.name.toUpperCase() === scene.location.toUpperCase());
  return {
    logline: clip(story?.logline || doc.titlePage.find((e) => e.key.toLowerCase() === 'logline')?.value || '', LIMITS.logline),
    heading: scene.heading.trim(),
    placeName: scene.location,
    placeDescription: clip(place?.description ?? '', LIMITS.description),
    beat: clip(beat, LIMITS.beat),
    characters: present,
    before: before.length > LIMITS.tailChars * 2 ? before.slice(before.length - LIMITS.tailChars * 2) : before,
  };
}

export function sceneSuggestionPrompt(c: SceneSuggestionContext): Prompt {
  const facts = [c.logline && `Logline: ${c.logline}`, `Scene heading: ${c.heading}`, `Place: ${c.placeName}${c.placeDescription ? `: ${c.placeDescription}` : ''}`, c.beat && `Beat: ${c.beat}`];
  if (c.characters.length) facts.push('Characters present:', ...c.characters.map((ch) => `- ${ch.name}${ch.description ? `: ${ch.description}` : ''}`));
  const task =
    `${facts.filter(Boolean).join('\n')}\n\nThe scene so far:\n${c.before || '(nothing yet after the heading)'}\n\n` +
    'Write only what comes next in this scene: either ONE action paragraph, or ONE short exchange of dialogue ' +
    '(a character cue in UPPERCASE on its own line, the dialogue under it, at most two speeches). ' +
    `Fountain format, no scene heading, no markdown, no repetition of the text above. End with ${END_MARKER}.`;
  return {
    level: 'inline',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: task },
    ],
    stop: [END_MARKER],
    maxTokens: 160,
  };
}

/**
 * Cleans a model's reply into what may be inserted. The chat-wrapping (preamble, fences, the end
 * marker, closing chatter, reasoning) and the Fountain repairs (cues, labels, a reply cut off at
 * the token limit) are the scene drafts' own cleaner, `parseSceneDraft`; on top of that a
 * suggestion stops before anything that would start a new scene or section, and holds at most one
 * action paragraph or one exchange. Empty when nothing usable is left.
 */
export function cleanSuggestion(reply: string, knownNames: readonly string[] = [], cutOff = false): string {
  let draft: string;
  try {
    draft = parseSceneDraft(untilNewScene(cleanReply(reply)), knownNames, cutOff).draft;
  } catch (error) {
    if (error instanceof OutputError) return '';
    throw error;
  }
  const paragraphs = draft.split(/\n\s*\n/).filter((p) => p.trim());
  if (paragraphs.length === 0) return '';
  const isSpeech = (p: string) => p.includes('\n') && isCueLine(withoutParentheses(p.split('\n')[0]));
  if (!isSpeech(paragraphs[0])) return paragraphs[0];
  const exchange = [paragraphs[0]];
  if (paragraphs[1] && isSpeech(paragraphs[1])) exchange.push(paragraphs[1]);
  return exchange.join('\n\n');
}

/** A cue: a capital letter and no lowercase ASCII letter (the line is one line: no `\n`). */
function isCueLine(line: string): boolean {
  return /[A-Z]/.test(line) && !/[a-z]/.test(line);
}

/** `line` without each `(…)` (an extension such as `(V.O.)`), found in one pass. */
function withoutParentheses(line: string): string {
  let out = '';
  let kept = 0;
  for (let open = line.indexOf('('); open >= 0; ) {
    const close = line.indexOf(')', open + 1);
    if (close < 0) break;
    out += line.slice(kept, open);
    kept = close + 1;
    open = line.indexOf('(', kept);
  }
  return out + line.slice(kept);
}

/** The reply up to the first line that would begin a new scene, section, note or the ending. */
function untilNewScene(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    if (isHeadingLike(line) || /^\s*(#|\[\[|\/\*)/.test(line) || opensSynopsis(line) || /^\s*(FADE OUT|THE END)/i.test(line)) break;
    kept.push(line);
  }
  return kept.join('\n');
}
