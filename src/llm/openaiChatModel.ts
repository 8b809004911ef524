import type OpenAI from 'openai';
import type { ChatModel, ChatRequest, ChatResult, ChatStream, ObjectRequest, ObjectResult, StoryLevel, Usage } from './chatModel';
import { ModelError } from './chatModel';
import { createChatStream } from './chatStream';
import { chatCompletionBody } from './chatCompletionBody';
import { sharedCapabilities, type EndpointCapabilities } from './endpointCapabilities';
import { classify, displayUrl, labelOf, makeError, urlSecrets, type ClassifiedFailure, type ErrorContext } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { redactingLogger, silentLogger, type ModelLogger } from './logger';
import { generateObjectOverChat, rejectsResponseFormat, SchemaRejected } from './objectGeneration';
import { createOpenAIClient } from './openaiClient';
import { EDITOR_REMEDIES, type Remedies } from './remedies';
import { PROVIDERS, resolveBaseUrl, type ProviderId, type ProviderPreset } from './providers';
import { DEFAULT_RETRY, retryDelay, sleep, type RetryPolicy } from './retryPolicy';
import { resolveParams, type LevelOverrides, type ResolvedParams, type SamplingSettings } from './samplingParams';
import { AttemptFailure, streamAttempt } from './streamAttempt';
import type { UsageLedger } from './usageLedger';

// Everything callers have always imported from here stays importable from here.
export { EndpointCapabilities, sharedCapabilities } from './endpointCapabilities';
export { isStrictCompatible } from './objectGeneration';
export { DEFAULT_RETRY, type RetryPolicy } from './retryPolicy';
export { resolveParams, type LevelOverrides, type ResolvedParams, type SamplingSettings } from './samplingParams';
export { estimateUsage } from './streamAttempt';
export { toJsonSchema } from './structuredOutput';

/**
 * ChatModel over any OpenAI-compatible HTTP endpoint, on the official `openai` SDK.
 *
 * Every call streams under the hood (even `complete`), so the request timeout means "the server
 * went silent for this long" rather than "the whole answer took this long": a slow local model
 * writing a long scene is fine, a hung one is caught. Retries are ours, not the SDK's, so they
 * can be bounded, logged, honour Retry-After, and never repeat after text reached the caller.
 *
 * Sampling settings are resolved by `resolveParams` (samplingParams.ts); the wire format lives in
 * chatCompletionBody.ts, one streamed attempt in streamAttempt.ts, backoff in retryPolicy.ts and
 * the structured-output fallback in objectGeneration.ts. This class ties them together: one
 * logical request, its retries, its log line and its ledger entry.
 */

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
  /** How error messages tell the writer to fix things; the editor's commands and settings unless given. */
  remedies?: Remedies;
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
        `${this.preset.label} needs a base URL: ${(deps.remedies ?? EDITOR_REMEDIES).setBaseUrl}.`,
        this.preset.label,
        config.model,
      );
    }
    this.baseUrl = baseUrl;
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.capabilities = deps.capabilities ?? sharedCapabilities;
    this.logger = redactingLogger(deps.logger ?? silentLogger, () => [config.apiKey, ...urlSecrets(config.baseUrl)]);
    this.client = createOpenAIClient(this.preset, this.baseUrl, config.apiKey);
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
    return generateObjectOverChat(request, {
      ctx: this.errorContext(resolveParams(this.config, request)),
      logger: this.logger,
      jsonSchemaSupported: this.preset.jsonSchema && this.capabilities.jsonSchema(this.baseUrl),
      complete: (req, responseFormat) => this.run(req, signal, undefined, responseFormat),
      rememberNoJsonSchema: () => this.capabilities.markNoJsonSchema(this.baseUrl),
    });
  }

  /** Model ids the endpoint offers (`GET /models`), sorted. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const ctx = this.errorContext({ model: this.config.model });
    const watchdog = new IdleWatchdog(signal, this.timeoutMs);
    watchdog.arm();
    try {
      const ids: string[] = [];
      for await (const m of this.client.models.list({ signal: watchdog.signal, maxRetries: 0 })) ids.push(m.id);
      return ids.sort((a, b) => a.localeCompare(b));
    } catch (err) {
      const failure = classify(err, ctx, watchdog.cause);
      if (failure.error.kind === 'modelNotFound') {
        throw makeError('modelNotFound', `${this.preset.label} at ${ctx.baseUrl} does not list models (HTTP 404). Type the model name in "dramaturge.model.model".`, ctx);
      }
      throw failure.error;
    } finally {
      watchdog.dispose();
    }
  }

  private errorContext(params: Pick<ResolvedParams, 'model' | 'maxTokens'>): ErrorContext {
    const remedies = this.deps.remedies ?? EDITOR_REMEDIES;
    const hint = this.preset.unreachableHint;
    return {
      providerLabel: this.preset.label,
      model: params.model,
      baseUrl: displayUrl(this.baseUrl),
      timeoutMs: this.timeoutMs,
      maxTokens: params.maxTokens,
      unreachableHint: typeof hint === 'string' ? hint : hint(remedies),
      hasKey: Boolean(this.config.apiKey?.trim()),
      secrets: [this.config.apiKey, ...urlSecrets(this.config.baseUrl)],
      remedies,
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
        if (responseFormat && rejectsResponseFormat(status, serverSaid)) {
          throw new SchemaRejected(serverSaid);
        }
        if (status === 400 && /stream_options|include_usage/i.test(serverSaid) && this.capabilities.streamUsage(this.baseUrl)) {
          this.capabilities.markNoStreamUsage(this.baseUrl);
          this.logger.warn(`${this.preset.label} at ${ctx.baseUrl} rejected stream_options; token counts will be estimated.`);
          attempt--;
          continue;
        }
        const delay = retryDelay(this.retry, failure, attempt);
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

  private attempt(
    request: ChatRequest,
    params: ResolvedParams,
    ctx: ErrorContext,
    signal: AbortSignal | undefined,
    deliver: ((delta: string) => void) | undefined,
    responseFormat: object | undefined,
  ): Promise<ChatResult> {
    const body = chatCompletionBody(request, params, {
      providerId: this.preset.id,
      includeUsage: this.preset.streamUsage && this.capabilities.streamUsage(this.baseUrl),
      responseFormat,
    });
    return streamAttempt({
      client: this.client,
      body,
      messages: request.messages,
      model: params.model,
      ctx,
      timeoutMs: this.timeoutMs,
      signal,
      deliver,
      allowTruncated: request.allowTruncated,
      maxChars: request.maxChars,
    });
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
}
