import type { ClassifiedFailure } from './errors';

/**
 * How long to wait before trying a failed request again, if at all. Retries are ours, not the
 * SDK's, so they can be bounded, logged and honour Retry-After.
 */

export interface RetryPolicy {
  /** Extra attempts after the first, for 429/5xx/broken connections/empty answers. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the writer is told to come back later. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 };

/** Undefined when the failure should not be retried now. */
export function retryDelay(policy: RetryPolicy, failure: ClassifiedFailure, attempt: number): number | undefined {
  if (!failure.retryable || attempt > policy.maxRetries) return undefined;
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : undefined;
  }
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  const jitter = 0.8 + Math.random() * 0.4;
  return Math.round(Math.min(policy.maxDelayMs, exponential * jitter));
}

/** Rejects as soon as the signal aborts, so a cancel during backoff is not kept waiting. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
