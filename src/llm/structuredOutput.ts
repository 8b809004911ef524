import { z, type ZodType } from 'zod';
import type { ChatMessage } from './chatModel';
import { extractJson } from './jsonExtract';

/**
 * The model-independent half of structured output: how JSON is asked for, how an answer is read
 * and checked, and what is said back when it is wrong. Both ChatModel implementations use it.
 */

/** JSON Schema for the zod schema, without the `$schema` key some servers choke on. */
export function toJsonSchema(schema: ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The instructions go into the first system message: several chat templates reject a second one. */
export function withJsonInstructions(
  messages: readonly ChatMessage[],
  jsonSchema: Record<string, unknown>,
  mode: 'schema' | 'prompt',
): ChatMessage[] {
  const instruction =
    mode === 'schema'
      ? 'Answer with a single JSON value only: no commentary, no code fences.'
      : `Answer with a single JSON value only, no commentary and no code fences. It must match this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
  const out = messages.map((m) => ({ ...m }));
  const system = out.find((m) => m.role === 'system');
  if (system) system.content = `${system.content}\n\n${instruction}`;
  else out.unshift({ role: 'system', content: instruction });
  return out;
}

export type CheckedOutput<T> = { ok: true; value: T } | { ok: false; problem: string; truncated: boolean };

export function parseAndValidate<T>(text: string, schema: ZodType<T>): CheckedOutput<T> {
  const extracted = extractJson(text);
  if (!extracted.ok) return { ok: false, problem: extracted.message, truncated: extracted.reason === 'truncated' };
  const checked = schema.safeParse(extracted.value);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, problem: z.prettifyError(checked.error), truncated: false };
}

export function correctionMessages(previousReply: string, problem: string, jsonSchema: Record<string, unknown>): ChatMessage[] {
  return [
    { role: 'assistant', content: previousReply },
    {
      role: 'user',
      content: `Your reply could not be used: ${problem}\nReply again with only the corrected, complete JSON, matching this JSON Schema:\n${JSON.stringify(jsonSchema)}`,
    },
  ];
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 240)}…` : flat;
}
