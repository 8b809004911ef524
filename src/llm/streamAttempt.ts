import type OpenAI from 'openai';
import type { ChatMessage, ChatResult, FinishReason, Usage } from './chatModel';
import { classify, contentFilterError, emptyError, overLimitError, truncatedError, type ClassifiedFailure, type ErrorContext } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { SDK_TIMEOUT_MS } from './openaiClient';

/**
 * One HTTP attempt at a chat completion: send the streaming request, read the server-sent events
 * under an idle timeout, pass each text delta on, and judge the finished answer. Whether to try
 * again is the caller's decision; every failure leaves here classified, as an AttemptFailure.
 */

export class AttemptFailure extends Error {
  constructor(readonly failure: ClassifiedFailure) {
    super(failure.error.message);
  }
}

export interface StreamAttempt {
  client: OpenAI;
  body: Record<string, unknown>;
  /** The prompt, to estimate usage from when the server reports none. */
  messages: readonly ChatMessage[];
  /** The model asked for, reported as the answering one until the server names another. */
  model: string;
  ctx: ErrorContext;
  /** Longest silence allowed: before the first token, and between tokens. */
  timeoutMs: number;
  signal: AbortSignal | undefined;
  deliver: ((delta: string) => void) | undefined;
  /** See ChatRequest. */
  allowTruncated?: boolean;
  maxChars?: number;
}

export async function streamAttempt(a: StreamAttempt): Promise<ChatResult> {
  const { ctx, signal, deliver } = a;
  if (signal?.aborted) throw new AttemptFailure(classify(undefined, ctx, 'cancelled'));
  const watchdog = new IdleWatchdog(signal, a.timeoutMs);
  watchdog.arm();
  try {
    const stream = await a.client.chat.completions.create(a.body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, {
      signal: watchdog.signal,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    let answeredBy = a.model;
    for await (const chunk of stream) {
      watchdog.arm();
      if (chunk.model) answeredBy = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        // Leaving the loop closes the stream, so the server stops writing too.
        if (a.maxChars !== undefined && text.length > a.maxChars) throw new AttemptFailure({ error: overLimitError(ctx, a.maxChars), retryable: false });
        deliver?.(delta);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    if (watchdog.cause) throw new Error(`aborted (${watchdog.cause})`);
    if (!finish) {
      // A stream that ends without saying why was cut, however cleanly the socket closed.
      throw new AttemptFailure(classify(Object.assign(new Error('terminated'), { code: 'ECONNRESET' }), ctx, undefined));
    }
    const finishReason = mapFinish(finish);
    if (finishReason === 'content_filter') throw new AttemptFailure({ error: contentFilterError(ctx), retryable: false });
    if (finishReason === 'length' && (!a.allowTruncated || !text.trim())) throw new AttemptFailure({ error: truncatedError(ctx, 'the answer'), retryable: false });
    if (!text.trim()) {
      throw new AttemptFailure({ error: emptyError(ctx), retryable: true });
    }
    return {
      text,
      finishReason,
      usage: usage ? fromApiUsage(usage) : estimateUsage(a.messages, text),
      model: answeredBy,
    };
  } catch (err) {
    if (err instanceof AttemptFailure) throw err;
    throw new AttemptFailure(classify(err, ctx, watchdog.cause));
  } finally {
    watchdog.dispose();
    // Whatever happened, the HTTP request must not outlive this attempt.
    watchdog.controller.abort();
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
