import { z } from 'zod';
import type { AnswerShape } from '../../llm/chatModel';
import { toJsonSchema } from '../../llm/structuredOutput';

/**
 * The shape of each structured level's answer, for runtimes that constrain decoding with a
 * grammar (the built-in local model). They describe exactly the text the parsers already read:
 * a JSON array for characters and beats, one labelled line for logline, title and place.
 * So even a 135M-parameter model answers in a readable form on the first try, and HTTP
 * endpoints, which ignore the shape, are read by the same parsers.
 */

/** One labelled line, e.g. `Title: The Last Lamp`, closed by a line break. No note or boneyard markup. */
export function labelledLine(label: string): AnswerShape {
  return { kind: 'gbnf', grammar: `root ::= ${JSON.stringify(`${label}: `)} [^\\n\\r\\[\\]<>*/] [^\\n\\r\\[\\]<>]* "\\n"` };
}

const NameText = z.string().min(1).max(40);

/** A list of 1…max characters: `[{"name", "aliases", "description"}]`. */
export function charactersShape(max: number): AnswerShape {
  const character = z.object({ name: NameText, aliases: z.array(NameText).max(3), description: z.string().min(1).max(300) });
  return { kind: 'json', schema: toJsonSchema(z.array(character).min(1).max(Math.max(1, max))) };
}

/** A list of 1…max beats whose plot element is one of the structure's (any text when there is none). */
export function beatsShape(structure: readonly string[], max: number): AnswerShape {
  const plotElement = structure.length ? z.enum(structure as [string, ...string[]]) : z.string().min(1).max(60);
  return { kind: 'json', schema: toJsonSchema(z.array(beatObject(plotElement)).min(1).max(Math.max(1, max))) };
}

/**
 * A whole beat list: `perElement` beats for each element of the structure, in its order. What the
 * answer checks ask of a whole list (every element covered, in order) is then decided by the
 * grammar, so a small local model cannot miss it; HTTP endpoints ignore the shape and are checked.
 */
export function wholeBeatsShape(structure: readonly string[], perElement: number): AnswerShape {
  if (!structure.length) return beatsShape(structure, perElement);
  const slots = structure.flatMap((element) => Array.from({ length: Math.max(1, perElement) }, () => toJsonSchema(beatObject(z.literal(element)))));
  return { kind: 'json', schema: { type: 'array', prefixItems: slots, minItems: slots.length, maxItems: slots.length } };
}

function beatObject(plotElement: z.ZodType) {
  return z.object({ heading: z.string().min(4).max(80), plotElement, beat: z.string().min(1).max(400) });
}
