import type { ChatMessage } from '../../llm/chatModel';
import { EXAMPLES } from './examples.generated';

/** Every level's reply ends with this marker, so parsers can drop what a chatty model adds after it. */
export const END_MARKER = '<end>';

/** Bounds that keep every prompt the same size however long the screenplay gets. */
export const LIMITS = {
  description: 400,
  beat: 300,
  logline: 400,
  charactersInScene: 8,
  tailLines: 8,
  tailChars: 800,
  listContext: 12,
  placeBeats: 3,
} as const;

export const SYSTEM =
  'You are a professional screenwriter collaborating on a screenplay, written in Fountain format. ' +
  'Answer with exactly what is asked, in the format of the example, with no commentary before or after, ' +
  `and finish with ${END_MARKER} on its own line.`;

/** Shortens to a word boundary, so one overlong hand-written field cannot blow the context. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

export function example(name: string): string {
  const text = EXAMPLES[name];
  if (text === undefined) throw new Error(`Missing few-shot example prompts/${name}.md`);
  return text;
}

export function messages(exampleName: string, task: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Example:\n\n${example(exampleName)}\n\n---\n\n${task}` },
  ];
}
