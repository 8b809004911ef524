import type { ChatRequest, ChatResult, ObjectRequest, ObjectResult, Usage } from './chatModel';
import { labelOf, makeError, truncatedError, type ErrorContext } from './errors';
import type { ModelLogger } from './logger';
import { correctionMessages, oneLine, parseAndValidate, toJsonSchema, withJsonInstructions } from './structuredOutput';
import { addUsage } from './usageLedger';

/**
 * Structured output over an OpenAI-compatible chat endpoint: ask with `response_format`
 * json_schema where the endpoint takes it, fall back to asking in the prompt (and remember that)
 * where it refuses, and show the model its mistake once before giving up.
 */

/** Thrown by the request runner when the server refused the response_format it was sent. */
export class SchemaRejected extends Error {}

/** A 400/422 whose text blames the response format: the endpoint does not do json_schema. */
export function rejectsResponseFormat(status: number | undefined, serverSaid: string): boolean {
  return (status === 400 || status === 422) && /response_format|json_schema|schema|structured/i.test(serverSaid);
}

export interface ObjectGenerationEnv {
  ctx: ErrorContext;
  logger: ModelLogger;
  /** Whether the endpoint is believed to accept response_format json_schema. */
  jsonSchemaSupported: boolean;
  /** One logical request; throws SchemaRejected when the server refuses `responseFormat`. */
  complete(request: ChatRequest, responseFormat: object | undefined): Promise<ChatResult>;
  /** Remembers that the endpoint refused json_schema, so later requests ask in the prompt straight away. */
  rememberNoJsonSchema(): void;
}

export async function generateObjectOverChat<T>(request: ObjectRequest<T>, env: ObjectGenerationEnv): Promise<ObjectResult<T>> {
  const { ctx, logger } = env;
  const jsonSchema = toJsonSchema(request.schema);
  const name = request.schemaName.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'answer';
  let mode: 'schema' | 'prompt' = env.jsonSchemaSupported ? 'schema' : 'prompt';
  let messages = withJsonInstructions(request.messages, jsonSchema, mode);
  let usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let lastProblem = '';
  let lastWasTruncated = false;
  for (let round = 0; round < 2; round++) {
    const responseFormat =
      mode === 'schema'
        ? { type: 'json_schema' as const, json_schema: { name, schema: jsonSchema, strict: isStrictCompatible(jsonSchema) } }
        : undefined;
    let result: ChatResult;
    try {
      result = await env.complete({ ...request, messages }, responseFormat);
    } catch (err) {
      if (!(err instanceof SchemaRejected)) throw err;
      env.rememberNoJsonSchema();
      logger.warn(`${ctx.providerLabel} at ${ctx.baseUrl} rejected response_format json_schema; asking for JSON in the prompt from now on.`);
      mode = 'prompt';
      messages = withJsonInstructions(request.messages, jsonSchema, mode);
      round--;
      continue;
    }
    usage = addUsage(usage, result.usage);
    if (result.finishReason === 'length') throw truncatedError(ctx, `the "${name}" JSON`);
    const checked = parseAndValidate(result.text, request.schema);
    if (checked.ok) return { value: checked.value, usage, raw: result.text, model: result.model };
    lastProblem = checked.problem;
    lastWasTruncated = checked.truncated;
    if (round === 0) {
      logger.info(`${labelOf(ctx)}: reply for "${name}" was not valid (${oneLine(lastProblem)}); asking once more.`);
      messages = [...messages, ...correctionMessages(result.text, lastProblem, jsonSchema)];
    }
  }
  if (lastWasTruncated) throw truncatedError(ctx, `the "${name}" JSON`);
  throw makeError(
    'invalidOutput',
    `${labelOf(ctx)} did not return valid "${name}" JSON, even after being shown the problem: ${oneLine(lastProblem)}. Try again, or choose a stronger model.`,
    ctx,
  );
}

/**
 * OpenAI's strict mode accepts only schemas whose objects list every property as required and
 * forbid extra ones, with an object at the root; anything else is sent non-strict.
 */
export function isStrictCompatible(schema: Record<string, unknown>): boolean {
  if (schema.type !== 'object') return false;
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.every(visit);
    if (!node || typeof node !== 'object') return true;
    const n = node as Record<string, unknown>;
    if (n.type === 'object' || n.properties) {
      const props = Object.keys((n.properties as object) ?? {});
      const required = new Set((n.required as string[]) ?? []);
      if (n.additionalProperties !== false || !props.every((p) => required.has(p))) return false;
    }
    return Object.values(n).every(visit);
  };
  return visit(schema);
}
