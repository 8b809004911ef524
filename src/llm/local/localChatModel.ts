import { basename } from 'node:path';
import {
  ModelError,
  type ChatModel,
  type ChatRequest,
  type ChatResult,
  type ChatStream,
  type ModelErrorKind,
  type ObjectRequest,
  type ObjectResult,
  type StoryLevel,
  type Usage,
} from '../chatModel';
import { createChatStream } from '../chatStream';
import { silentLogger, type ModelLogger } from '../logger';
import { resolveParams, type LevelOverrides, type SamplingSettings } from '../samplingParams';
import { correctionMessages, oneLine, parseAndValidate, toJsonSchema, withJsonInstructions } from '../structuredOutput';
import { addUsage, type UsageLedger } from '../usageLedger';
import { LocalRuntimeError, type LocalRuntime } from './localRuntime';

/**
 * ChatModel over the built-in local runtime (a GGUF run by node-llama-cpp in a child process).
 * Streaming, Cancel, usage and structured output behave as with any endpoint; structure is not
 * asked for in words alone but enforced with a grammar while decoding (`request.shape`).
 */

export const LOCAL_PROVIDER_LABEL = 'Local model';

export interface LocalChatModelOptions {
  logger?: ModelLogger;
  ledger?: UsageLedger;
  /** The user's global sampling settings and per-level overrides (a level's `model` is not used). */
  sampling?: SamplingSettings & { levels?: Partial<Record<StoryLevel, LevelOverrides>> };
}

export class LocalChatModel implements ChatModel {
  private readonly name: string;

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly options: LocalChatModelOptions = {},
  ) {
    this.name = basename(runtime.modelPath).replace(/\.gguf$/i, '');
  }

  get label(): string {
    return `${LOCAL_PROVIDER_LABEL} · ${this.name}`;
  }

  stream(request: ChatRequest, signal?: AbortSignal): ChatStream {
    return createChatStream((push, inner) => this.run(request, inner, push), signal);
  }

  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResult> {
    return this.run(request, signal, undefined);
  }

  async generateObject<T>(request: ObjectRequest<T>, signal?: AbortSignal): Promise<ObjectResult<T>> {
    const schema = toJsonSchema(request.schema);
    // The grammar guarantees the syntax; the instructions still tell the model what the fields mean.
    let messages = withJsonInstructions(request.messages, schema, 'prompt');
    let usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    let problem = '';
    for (let round = 0; round < 2; round++) {
      const result = await this.run({ ...request, messages, shape: { kind: 'json', schema } }, signal, undefined);
      usage = addUsage(usage, result.usage);
      if (result.finishReason === 'length') {
        throw this.error('truncated', `${this.label} stopped at its token limit before the "${request.schemaName}" JSON was complete. Nothing was inserted; raise "dramaturge.model.maxTokens" and try again.`);
      }
      const checked = parseAndValidate(result.text, request.schema);
      if (checked.ok) return { value: checked.value, usage, raw: result.text, model: this.name };
      problem = checked.problem;
      messages = [...messages, ...correctionMessages(result.text, problem, schema)];
    }
    throw this.error('invalidOutput', `${this.label} did not return valid "${request.schemaName}" JSON, even after being shown the problem: ${oneLine(problem)}. Try again, or choose a bigger local model.`);
  }

  private async run(request: ChatRequest, signal: AbortSignal | undefined, push: ((delta: string) => void) | undefined): Promise<ChatResult> {
    const logger = this.options.logger ?? silentLogger;
    const started = Date.now();
    const params = resolveParams({ ...this.options.sampling, model: this.name }, request);
    try {
      const answer = await this.runtime.generate(
        {
          messages: request.messages,
          maxTokens: params.maxTokens,
          temperature: params.temperature,
          topP: params.topP,
          seed: params.seed,
          stop: request.stop,
          shape: request.shape,
        },
        (delta) => push?.(delta),
        signal,
      );
      if (!answer.text.trim()) {
        if (answer.stopReason === 'length') throw this.error('truncated', `${this.label} stopped at its token limit before writing anything. Nothing was inserted; raise "dramaturge.model.maxTokens".`);
        throw this.error('empty', `${this.label} returned an empty answer. Try again, or choose a bigger local model.`, true);
      }
      const usage: Usage = { promptTokens: answer.promptTokens, completionTokens: answer.completionTokens, totalTokens: answer.promptTokens + answer.completionTokens };
      const latency = Date.now() - started;
      logger.info(`request ok · ${this.label} · level ${request.level ?? '-'} · ${latency} ms · tokens ${usage.promptTokens}+${usage.completionTokens}`);
      this.record(request, usage, latency, 'ok');
      return { text: answer.text, finishReason: answer.stopReason, usage, model: this.name };
    } catch (err) {
      const error = this.toModelError(err);
      const latency = Date.now() - started;
      const cancelled = error.kind === 'cancelled';
      const line = `request ${cancelled ? 'cancelled' : 'failed'} · ${this.label} · level ${request.level ?? '-'} · ${latency} ms · ${error.kind}`;
      if (cancelled) logger.info(line);
      else logger.error(`${line} · ${error.message}`);
      this.record(request, { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latency, cancelled ? 'cancelled' : 'error');
      throw error;
    }
  }

  private toModelError(err: unknown): ModelError {
    if (err instanceof ModelError) return err;
    if (!(err instanceof LocalRuntimeError)) return this.error('unknown', `${this.label} failed: ${oneLine(err instanceof Error ? err.message : String(err))}`);
    switch (err.kind) {
      case 'cancelled':
        return this.error('cancelled', 'Cancelled.');
      case 'tooLong':
        return this.error('invalidOutput', `${err.message} Nothing was cut; shorten the inputs (the logline, long descriptions), or raise "dramaturge.local.contextSize" or choose a model with a larger context.`);
      case 'missingRuntime':
        return this.error('modelNotFound', `${err.message} The built-in model needs the platform build of Dramaturge (the .vsix for your system, e.g. dramaturge-linux-x64.vsix), or use another provider.`);
      case 'loadFailed':
        return this.error('modelNotFound', `${err.message} Check that the file is a GGUF model, or set "dramaturge.local.modelFile" to another.`);
      case 'crashed':
        return this.error('server', `${err.message} If it happens again, choose a smaller model or lower "dramaturge.local.contextSize".`, true);
      default:
        return this.error('server', `${this.label} failed: ${oneLine(err.message)}`);
    }
  }

  private error(kind: ModelErrorKind, message: string, retryable = false): ModelError {
    return new ModelError(kind, message, LOCAL_PROVIDER_LABEL, this.name, retryable);
  }

  private record(request: ChatRequest, usage: Usage, latencyMs: number, outcome: 'ok' | 'error' | 'cancelled'): void {
    this.options.ledger?.record({ at: Date.now(), provider: LOCAL_PROVIDER_LABEL, model: this.name, level: request.level ?? 'unspecified', usage, latencyMs, outcome });
  }
}
