import * as vscode from 'vscode';
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
} from '../llm/chatModel';
import { resolveParams, type LevelOverrides, type SamplingSettings } from '../llm/samplingParams';
import { createChatStream } from '../llm/chatStream';
import { silentLogger, type ModelLogger } from '../llm/logger';
import { correctionMessages, oneLine, parseAndValidate, toJsonSchema, withJsonInstructions } from '../llm/structuredOutput';
import { addUsage, type UsageLedger } from '../llm/usageLedger';

/**
 * ChatModel over VS Code's Language Model API (`vscode.lm`): the models the editor already has
 * (e.g. GitHub Copilot), no key needed. Requests must come from a user action, since the first
 * one may show a consent dialog. The API has no system role and no structured output, so system
 * text goes first as a user message and JSON is asked for in the prompt.
 */

const PROVIDER = 'VS Code language model';

/** Whether this editor has the Language Model API at all (older VS Code, some forks don't). */
export function hasLanguageModelApi(): boolean {
  return typeof (vscode as { lm?: { selectChatModels?: unknown } }).lm?.selectChatModels === 'function';
}

export class LmChatModel implements ChatModel {
  constructor(
    private readonly chat: vscode.LanguageModelChat,
    private readonly options: {
      logger?: ModelLogger;
      ledger?: UsageLedger;
      requestTimeoutMs?: number;
      /** The user's global sampling settings and per-level overrides (a level's `model` is not used here). */
      sampling?: SamplingSettings & { levels?: Partial<Record<StoryLevel, LevelOverrides>> };
    } = {},
  ) {}

  get label(): string {
    return `${this.chat.vendor} · ${this.chat.name}`;
  }

  get id(): string {
    return this.chat.id;
  }

  stream(request: ChatRequest, signal?: AbortSignal): ChatStream {
    return createChatStream((push, inner) => this.run(request, inner, push), signal);
  }

  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResult> {
    return this.run(request, signal, undefined);
  }

  async generateObject<T>(request: ObjectRequest<T>, signal?: AbortSignal): Promise<ObjectResult<T>> {
    const jsonSchema = toJsonSchema(request.schema);
    let messages = withJsonInstructions(request.messages, jsonSchema, 'prompt');
    let usage: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    let problem = '';
    let truncated = false;
    for (let round = 0; round < 2; round++) {
      const result = await this.run({ ...request, messages }, signal, undefined);
      usage = addUsage(usage, result.usage);
      const checked = parseAndValidate(result.text, request.schema);
      if (checked.ok) return { value: checked.value, usage, raw: result.text, model: result.model };
      ({ problem, truncated } = checked);
      messages = [...messages, ...correctionMessages(result.text, problem, jsonSchema)];
    }
    if (truncated) {
      throw this.error('truncated', `${this.label} stopped before the "${request.schemaName}" JSON was complete. Nothing was inserted; try again or choose another model.`);
    }
    throw this.error('invalidOutput', `${this.label} did not return valid "${request.schemaName}" JSON, even after being shown the problem: ${oneLine(problem)}. Try again, or choose another model.`);
  }

  private error(kind: ModelErrorKind, message: string, retryable = false): ModelError {
    return new ModelError(kind, message, PROVIDER, this.chat.name, retryable);
  }

  private async run(request: ChatRequest, signal: AbortSignal | undefined, push: ((d: string) => void) | undefined): Promise<ChatResult> {
    const logger = this.options.logger ?? silentLogger;
    const started = Date.now();
    const cts = new vscode.CancellationTokenSource();
    let cause: 'cancelled' | 'timeout' | undefined;
    const onAbort = () => {
      cause ??= 'cancelled';
      cts.cancel();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = this.options.requestTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        cause ??= 'timeout';
        cts.cancel();
      }, timeoutMs);
    };
    // System text goes first, as a user turn: the API has no system role.
    const messages = request.messages.map((m) =>
      m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content),
    );
    const params = resolveParams({ ...this.options.sampling, model: this.chat.id }, request);
    const modelOptions: Record<string, unknown> = {};
    if (params.temperature !== undefined) modelOptions.temperature = params.temperature;
    if (params.topP !== undefined) modelOptions.top_p = params.topP;
    if (params.maxTokens !== undefined) modelOptions.max_tokens = params.maxTokens;
    try {
      if (cause) throw new vscode.CancellationError();
      arm();
      const response = await this.chat.sendRequest(
        messages,
        { justification: 'Dramaturge writes the part of the screenplay you asked for.', modelOptions },
        cts.token,
      );
      let text = '';
      // Don't rely on the provider ending its stream when the token is cancelled: stop waiting
      // the moment it is, so Cancel is immediate whatever the model does.
      const cancelled = new Promise<never>((_, reject) => cts.token.onCancellationRequested(() => reject(new vscode.CancellationError())));
      cancelled.catch(() => undefined);
      const deltas = response.text[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await Promise.race([deltas.next(), cancelled]);
          if (next.done) break;
          arm();
          text += next.value;
          if (request.maxChars !== undefined && text.length > request.maxChars) {
            cts.cancel();
            throw this.error(
              'overLimit',
              `${this.label}'s answer passed ${request.maxChars.toLocaleString('en-US')} characters, the most this level accepts, so it was stopped there. Nothing was inserted; try again, or raise "dramaturge.generation.maxAnswerChars" if the answer really needs to be that long.`,
            );
          }
          push?.(next.value);
        }
      } finally {
        if (cts.token.isCancellationRequested) void deltas.return?.(undefined);
      }
      if (cause) throw new vscode.CancellationError();
      if (!text.trim()) throw this.error('empty', `${this.label} returned an empty answer. Try again, or pick another model.`, true);
      const usage = await this.countUsage(request, text);
      const result: ChatResult = { text, finishReason: 'stop', usage, model: this.chat.id };
      const latency = Date.now() - started;
      logger.info(`request ok · ${this.label} · level ${request.level ?? '-'} · ${latency} ms · tokens ${usage.promptTokens}+${usage.completionTokens}`);
      this.record(request, usage, latency, 'ok');
      return result;
    } catch (err) {
      const error = this.toModelError(err, cause, timeoutMs);
      const latency = Date.now() - started;
      const outcome = error.kind === 'cancelled' ? 'cancelled' : 'error';
      const line = `request ${outcome === 'cancelled' ? 'cancelled' : 'failed'} · ${this.label} · level ${request.level ?? '-'} · ${latency} ms · ${error.kind}`;
      if (outcome === 'cancelled') logger.info(line);
      else logger.error(`${line} · ${error.message}`);
      this.record(request, { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latency, outcome);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }

  /** Maps the API's errors to ours, each with a way forward. */
  private toModelError(err: unknown, cause: 'cancelled' | 'timeout' | undefined, timeoutMs: number): ModelError {
    if (err instanceof ModelError) return err;
    if (cause === 'timeout') {
      return this.error('timeout', `${this.label} sent nothing for ${Math.round(timeoutMs / 1000)} s, so the request was stopped. Try again, or raise "dramaturge.model.requestTimeout".`);
    }
    if (cause === 'cancelled' || err instanceof vscode.CancellationError) return this.error('cancelled', 'Cancelled.');
    if (err instanceof vscode.LanguageModelError) {
      switch (err.code) {
        case vscode.LanguageModelError.NoPermissions.name:
          return this.error('noPermission', `Dramaturge may not use ${this.label} yet. Run the command again and choose "Allow" when asked, or pick another model with "Dramaturge: Select Model".`);
        case vscode.LanguageModelError.NotFound.name:
          return this.error('modelNotFound', `${this.label} is no longer available (was its extension disabled or signed out?). Run "Dramaturge: Select Model" to pick another.`);
        case vscode.LanguageModelError.Blocked.name:
          return this.error('blocked', `${this.label} refused the request: its quota or policy blocks it for now. Wait a while, or choose another model with "Dramaturge: Select Model".`);
        default:
          return this.error('unknown', `${this.label} failed: ${oneLine(err.message)}`);
      }
    }
    return this.error('unknown', `${this.label} failed: ${oneLine(err instanceof Error ? err.message : String(err))}`);
  }

  private async countUsage(request: ChatRequest, text: string): Promise<Usage> {
    try {
      const prompt = await Promise.all(request.messages.map((m) => this.chat.countTokens(m.content)));
      const promptTokens = prompt.reduce((a, b) => a + b, 0);
      const completionTokens = await this.chat.countTokens(text);
      return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
    } catch {
      const promptTokens = Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4);
      const completionTokens = Math.ceil(text.length / 4);
      return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
    }
  }

  private record(request: ChatRequest, usage: Usage, latencyMs: number, outcome: 'ok' | 'error' | 'cancelled'): void {
    this.options.ledger?.record({ at: Date.now(), provider: PROVIDER, model: this.chat.id, level: request.level ?? 'unspecified', usage, latencyMs, outcome });
  }
}
