import OpenAI from 'openai';
import type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResult,
  ChatStream,
  FinishReason,
  ObjectRequest,
  ObjectResult,
  StoryLevel,
  Usage,
} from './chatModel';
import { ModelError } from './chatModel';
import { createChatStream } from './chatStream';
import {
  classify,
  contentFilterError,
  displayUrl,
  emptyError,
  labelOf,
  makeError,
  truncatedError,
  type AbortCause,
  type ClassifiedFailure,
  type ErrorContext,
} from './errors';
import { correctionMessages, oneLine, parseAndValidate, toJsonSchema, withJsonInstructions } from './structuredOutput';
import { redactingLogger, silentLogger, type ModelLogger } from './logger';
import { PROVIDERS, resolveBaseUrl, type ProviderId, type ProviderPreset } from './providers';
import { addUsage, type UsageLedger } from './usageLedger';

/**
 * ChatModel over any OpenAI-compatible HTTP endpoint, on the official `openai` SDK.
 *
 * Every call streams under the hood (even `complete`), so the request timeout means "the server
 * went silent for this long" rather than "the whole answer took this long": a slow local model
 * writing a long scene is fine, a hung one is caught. Retries are ours, not the SDK's, so they
 * can be bounded, logged, honour Retry-After, and never repeat after text reached the caller.
 *
 * Precedence of sampling settings, most specific first: the user's per-level override
 * (`levels[level]`), then what the caller put in the request, then the user's global settings.
 */

export interface SamplingSettings {
  model?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}
export type LevelOverrides = SamplingSettings;

export interface RetryPolicy {
  /** Extra attempts after the first, for 429/5xx/broken connections/empty answers. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the writer is told to come back later. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 };
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface OpenAIModelConfig extends SamplingSettings {
  provider: ProviderId;
  /** Defaults to the preset's URL (local servers, OpenAI, OpenRouter). */
  baseUrl?: string;
  apiKey?: string;
  model: string;
  levels?: Partial<Record<StoryLevel, LevelOverrides>>;
  /** Longest silence allowed: before the first token, and between tokens. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface OpenAIModelDeps {
  logger?: ModelLogger;
  ledger?: UsageLedger;
  capabilities?: EndpointCapabilities;
}

/**
 * What an endpoint turned out not to support, learnt from its 400s, so later requests skip the
 * failed attempt. Shared per process: the same server gives the same answer to every model object.
 */
export class EndpointCapabilities {
  private readonly noJsonSchema = new Set<string>();
  private readonly noStreamUsage = new Set<string>();
  jsonSchema(baseUrl: string): boolean {
    return !this.noJsonSchema.has(baseUrl);
  }
  markNoJsonSchema(baseUrl: string): void {
    this.noJsonSchema.add(baseUrl);
  }
  streamUsage(baseUrl: string): boolean {
    return !this.noStreamUsage.has(baseUrl);
  }
  markNoStreamUsage(baseUrl: string): void {
    this.noStreamUsage.add(baseUrl);
  }
}
export const sharedCapabilities = new EndpointCapabilities();

export interface ResolvedParams {
  model: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

/** The sampling settings a request runs with. Shared by every ChatModel so levels mean the same everywhere. */
export function resolveParams(
  config: SamplingSettings & { model: string; levels?: Partial<Record<StoryLevel, LevelOverrides>> },
  request: ChatRequest,
): ResolvedParams {
  const level = request.level ? config.levels?.[request.level] : undefined;
  const pick = <K extends keyof SamplingSettings>(key: K): SamplingSettings[K] =>
    level?.[key] ?? (request as SamplingSettings)[key] ?? config[key];
  return {
    model: pick('model') || config.model,
    temperature: pick('temperature'),
    topP: pick('topP'),
    maxTokens: pick('maxTokens'),
    seed: pick('seed'),
  };
}

/** The SDK's own timeout would cut long streams; ours (idle-based) is the one that counts. */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

class SchemaRejected extends Error {}
class AttemptFailure extends Error {
  constructor(readonly failure: ClassifiedFailure) {
    super(failure.error.message);
  }
}

export class OpenAIChatModel implements ChatModel {
  readonly preset: ProviderPreset;
  readonly baseUrl: string;
  private readonly client: OpenAI;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly logger: ModelLogger;
  private readonly capabilities: EndpointCapabilities;

  constructor(
    private readonly config: OpenAIModelConfig,
    private readonly deps: OpenAIModelDeps = {},
  ) {
    this.preset = PROVIDERS[config.provider];
    const baseUrl = resolveBaseUrl(config.provider, config.baseUrl);
    if (!baseUrl) {
      throw new ModelError(
        'unreachable',
        `${this.preset.label} needs a base URL: set "dramaturge.model.baseUrl".`,
        this.preset.label,
        config.model,
      );
    }
    this.baseUrl = baseUrl;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.capabilities = deps.capabilities ?? sharedCapabilities;
    this.logger = redactingLogger(deps.logger ?? silentLogger, () => [config.apiKey]);
    const key = config.apiKey?.trim() || undefined;
    this.client = new OpenAI({
      // The SDK insists on a credential; with no key we send none at all (header removed below).
      apiKey: key ?? 'no-key',
      baseURL: this.baseUrl,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
      logLevel: 'off',
      defaultHeaders: {
        ...(key ? {} : { Authorization: null }),
        ...(this.preset.extraHeaders?.(key) ?? {}),
      },
    });
  }

  get label(): string {
    return `${this.preset.label} · ${this.config.model}`;
  }

  get model(): string {
    return this.config.model;
  }

  stream(request: ChatRequest, signal?: AbortSignal): ChatStream {
    return createChatStream((push, innerSignal) => this.run(request, innerSignal, push), signal);
  }

  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResult> {
    return this.run(request, signal, undefined);
  }

  async generateObject<T>(request: ObjectRequest<T>, signal?: AbortSignal): Promise<ObjectResult<T>> {
    const params = resolveParams(this.config, request);
    const ctx = this.errorContext(params);
    const jsonSchema = toJsonSchema(request.schema);
    const name = request.schemaName.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'answer';
    let mode: 'schema' | 'prompt' = this.preset.jsonSchema && this.capabilities.jsonSchema(this.baseUrl) ? 'schema' : 'prompt';
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
        result = await this.run({ ...request, messages }, signal, undefined, responseFormat);
      } catch (err) {
        if (!(err instanceof SchemaRejected)) throw err;
        this.capabilities.markNoJsonSchema(this.baseUrl);
        this.logger.warn(`${this.preset.label} at ${displayUrl(this.baseUrl)} rejected response_format json_schema; asking for JSON in the prompt from now on.`);
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
        this.logger.info(`${labelOf(ctx)}: reply for "${name}" was not valid (${oneLine(lastProblem)}); asking once more.`);
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

  /** Model ids the endpoint offers (`GET /models`), sorted. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const ctx = this.errorContext({ model: this.config.model });
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const onAbort = () => {
      cause ??= 'cancelled';
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      cause ??= 'timeout';
      controller.abort();
    }, this.timeoutMs);
    try {
      const ids: string[] = [];
      for await (const m of this.client.models.list({ signal: controller.signal, maxRetries: 0 })) ids.push(m.id);
      return ids.sort((a, b) => a.localeCompare(b));
    } catch (err) {
      const failure = classify(err, ctx, cause);
      if (failure.error.kind === 'modelNotFound') {
        throw makeError('modelNotFound', `${this.preset.label} at ${ctx.baseUrl} does not list models (HTTP 404). Type the model name in "dramaturge.model.model".`, ctx);
      }
      throw failure.error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private errorContext(params: Pick<ResolvedParams, 'model' | 'maxTokens'>): ErrorContext {
    return {
      providerLabel: this.preset.label,
      model: params.model,
      baseUrl: displayUrl(this.baseUrl),
      timeoutMs: this.timeoutMs,
      maxTokens: params.maxTokens,
      unreachableHint: this.preset.unreachableHint,
      hasKey: Boolean(this.config.apiKey?.trim()),
      secrets: [this.config.apiKey],
    };
  }

  /** One logical request: attempts with bounded retries, then one ledger entry and one log line. */
  private async run(
    request: ChatRequest,
    signal: AbortSignal | undefined,
    push: ((delta: string) => void) | undefined,
    responseFormat?: object,
  ): Promise<ChatResult> {
    const params = resolveParams(this.config, request);
    const ctx = this.errorContext(params);
    const label = labelOf(ctx);
    const started = Date.now();
    let delivered = false;
    const deliver = push
      ? (delta: string) => {
          delivered = true;
          push(delta);
        }
      : undefined;
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const result = await this.attempt(request, params, ctx, signal, deliver, responseFormat);
        const latency = Date.now() - started;
        const u = result.usage;
        this.logger.info(
          `request ok · ${label} · level ${request.level ?? '-'} · ${latency} ms · tokens ${u.promptTokens}+${u.completionTokens}${u.estimated ? ' (estimated)' : ''} · finish ${result.finishReason}${attempt > 1 ? ` · attempt ${attempt}` : ''}`,
        );
        this.record(request, result.model, u, latency, 'ok');
        return result;
      } catch (err) {
        const failure: ClassifiedFailure = err instanceof AttemptFailure ? err.failure : classify(err, ctx, undefined);
        const status = failure.status;
        const serverSaid = failure.error.message;
        if (responseFormat && (status === 400 || status === 422) && /response_format|json_schema|schema|structured/i.test(serverSaid)) {
          throw new SchemaRejected(serverSaid);
        }
        if (status === 400 && /stream_options|include_usage/i.test(serverSaid) && this.capabilities.streamUsage(this.baseUrl)) {
          this.capabilities.markNoStreamUsage(this.baseUrl);
          this.logger.warn(`${this.preset.label} at ${ctx.baseUrl} rejected stream_options; token counts will be estimated.`);
          attempt--;
          continue;
        }
        const delay = this.retryDelay(failure, attempt);
        if (delay !== undefined && !delivered && !signal?.aborted) {
          this.logger.warn(`request retry · ${label} · ${failure.error.kind}${status ? ` (HTTP ${status})` : ''} · waiting ${delay} ms before attempt ${attempt + 1}`);
          try {
            await sleep(delay, signal);
            continue;
          } catch {
            /* cancelled while waiting: fall through to report the cancel */
          }
        }
        const error = signal?.aborted ? makeError('cancelled', 'Cancelled.', ctx) : failure.error;
        const latency = Date.now() - started;
        const outcome = error.kind === 'cancelled' ? 'cancelled' : 'error';
        const line = `request ${outcome === 'cancelled' ? 'cancelled' : 'failed'} · ${label} · level ${request.level ?? '-'} · ${latency} ms · ${error.kind}${status ? ` (HTTP ${status})` : ''}${attempt > 1 ? ` · after ${attempt} attempts` : ''}${outcome === 'error' ? ` · ${error.message}` : ''}`;
        if (outcome === 'cancelled') this.logger.info(line);
        else this.logger.error(line);
        this.record(request, params.model, { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latency, outcome);
        throw error;
      }
    }
  }

  /** Undefined when the failure should not be retried now. */
  private retryDelay(failure: ClassifiedFailure, attempt: number): number | undefined {
    if (!failure.retryable || attempt > this.retry.maxRetries) return undefined;
    if (failure.retryAfterMs !== undefined) {
      return failure.retryAfterMs <= this.retry.maxRetryAfterMs ? failure.retryAfterMs : undefined;
    }
    const exponential = this.retry.baseDelayMs * 2 ** (attempt - 1);
    const jitter = 0.8 + Math.random() * 0.4;
    return Math.round(Math.min(this.retry.maxDelayMs, exponential * jitter));
  }

  private record(request: ChatRequest, model: string, usage: Usage, latencyMs: number, outcome: 'ok' | 'error' | 'cancelled'): void {
    this.deps.ledger?.record({
      at: Date.now(),
      provider: this.preset.label,
      model,
      level: request.level ?? 'unspecified',
      usage,
      latencyMs,
      outcome,
    });
  }

  private async attempt(
    request: ChatRequest,
    params: ResolvedParams,
    ctx: ErrorContext,
    signal: AbortSignal | undefined,
    deliver: ((delta: string) => void) | undefined,
    responseFormat: object | undefined,
  ): Promise<ChatResult> {
    if (signal?.aborted) throw new AttemptFailure(classify(undefined, ctx, 'cancelled'));
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const onAbort = () => {
      cause ??= 'cancelled';
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        cause ??= 'timeout';
        controller.abort();
      }, this.timeoutMs);
    };
    const wantUsage = this.preset.streamUsage && this.capabilities.streamUsage(this.baseUrl);
    const body: Record<string, unknown> = {
      model: params.model,
      messages: request.messages.map((m: ChatMessage) => ({ role: m.role, content: m.content })),
      stream: true,
      ...(wantUsage ? { stream_options: { include_usage: true } } : {}),
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      ...(params.topP !== undefined ? { top_p: params.topP } : {}),
      // OpenAI's newer models refuse max_tokens; other servers only know max_tokens.
      ...(params.maxTokens !== undefined
        ? this.preset.id === 'openai' || this.preset.id === 'azure'
          ? { max_completion_tokens: params.maxTokens }
          : { max_tokens: params.maxTokens }
        : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      ...(request.stop?.length ? { stop: request.stop } : {}),
      ...(responseFormat ? { response_format: responseFormat } : {}),
    };
    arm();
    try {
      const stream = await this.client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, {
        signal: controller.signal,
        maxRetries: 0,
        timeout: SDK_TIMEOUT_MS,
      });
      let text = '';
      let finish: string | null | undefined;
      let usage: OpenAI.CompletionUsage | undefined;
      let answeredBy = params.model;
      for await (const chunk of stream) {
        arm();
        if (chunk.model) answeredBy = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          deliver?.(delta);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
      }
      if (cause) throw new Error(`aborted (${cause})`);
      if (!finish) {
        // A stream that ends without saying why was cut, however cleanly the socket closed.
        throw new AttemptFailure(classify(Object.assign(new Error('terminated'), { code: 'ECONNRESET' }), ctx, undefined));
      }
      const finishReason = mapFinish(finish);
      if (finishReason === 'content_filter') throw new AttemptFailure({ error: contentFilterError(ctx), retryable: false });
      if (!text.trim()) {
        if (finishReason === 'length') throw new AttemptFailure({ error: truncatedError(ctx, 'the answer'), retryable: false });
        throw new AttemptFailure({ error: emptyError(ctx), retryable: true });
      }
      return {
        text,
        finishReason,
        usage: usage ? fromApiUsage(usage) : estimateUsage(request.messages, text),
        model: answeredBy,
      };
    } catch (err) {
      if (err instanceof AttemptFailure) throw err;
      throw new AttemptFailure(classify(err, ctx, cause));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Whatever happened, the HTTP request must not outlive this attempt.
      controller.abort();
    }
  }
}

function mapFinish(reason: string): FinishReason {
  return reason === 'stop' || reason === 'length' || reason === 'content_filter' ? reason : 'other';
}

function fromApiUsage(u: OpenAI.CompletionUsage): Usage {
  const prompt = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: u.total_tokens ?? prompt + completion };
}

/** About four characters a token for English prose: enough for a budget display, flagged as such. */
export function estimateUsage(messages: readonly ChatMessage[], text: string): Usage {
  const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
  const promptTokens = Math.ceil(promptChars / 4);
  const completionTokens = Math.ceil(text.length / 4);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { toJsonSchema };

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
