import { APIError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { ModelError, type ModelErrorKind } from './chatModel';
import { redact } from './logger';
import { trimEndOf } from '../text/scan';
import type { Remedies } from './remedies';

/**
 * Turns whatever the SDK, fetch or the socket threw into one ModelError a writer can act on.
 * Every message names the provider and model, says what to do, and never carries the key
 * (server error bodies are redacted, since some echo the key they rejected).
 */

export interface ErrorContext {
  providerLabel: string;
  model: string;
  /** The endpoint, already stripped of any credentials (see `displayUrl`). */
  baseUrl: string;
  timeoutMs: number;
  maxTokens?: number;
  unreachableHint: string;
  hasKey: boolean;
  secrets: readonly (string | undefined)[];
  /** How to fix things where this model is used (editor settings or CLI flags). */
  remedies: Remedies;
}

export interface ClassifiedFailure {
  error: ModelError;
  /** Worth another attempt (before any text reached the caller). */
  retryable: boolean;
  /** What the server asked us to wait, if it said. */
  retryAfterMs?: number;
  status?: number;
}

/** Why our own controller aborted an attempt; lets us tell a timeout from a user's cancel. */
export type AbortCause = 'timeout' | 'cancelled';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

export function labelOf(ctx: Pick<ErrorContext, 'providerLabel' | 'model'>): string {
  return `${ctx.providerLabel} · ${ctx.model}`;
}

export function makeError(kind: ModelErrorKind, message: string, ctx: ErrorContext, retryable = false): ModelError {
  return new ModelError(kind, redact(message, ctx.secrets), ctx.providerLabel, ctx.model, retryable);
}

export function classify(err: unknown, ctx: ErrorContext, abortCause: AbortCause | undefined): ClassifiedFailure {
  const label = labelOf(ctx);
  if (err instanceof ModelError) return { error: err, retryable: err.retryable };
  if (abortCause === 'cancelled') {
    return { error: makeError('cancelled', 'Cancelled.', ctx), retryable: false };
  }
  if (abortCause === 'timeout' || err instanceof APIConnectionTimeoutError) {
    const seconds = Math.round(ctx.timeoutMs / 100) / 10;
    return {
      error: makeError(
        'timeout',
        `${label} sent nothing for ${seconds} s, so the request was stopped. The server may be busy or still loading the model: try again, or ${ctx.remedies.raiseTimeout}.`,
        ctx,
      ),
      retryable: false,
    };
  }
  if (err instanceof APIUserAbortError) {
    return { error: makeError('cancelled', 'Cancelled.', ctx), retryable: false };
  }
  if (err instanceof APIError && typeof err.status === 'number') return classifyStatus(err, ctx);

  const code = findCode(err);
  if (code && UNREACHABLE_CODES.has(code)) {
    return {
      error: makeError('unreachable', `Could not reach ${ctx.providerLabel} at ${ctx.baseUrl} (${code}). ${ctx.unreachableHint}`, ctx),
      retryable: false,
    };
  }
  if ((code && BROKEN_CODES.has(code)) || chainMentions(err, /terminated|socket hang up|other side closed|premature close/i)) {
    return {
      error: makeError('network', `The connection to ${label} broke off before the answer was complete. Nothing was inserted; try again.`, ctx, true),
      retryable: true,
    };
  }
  const text = serverText(err, ctx);
  return {
    error: makeError('unknown', `${label} failed: ${trimEndOf(text || 'unknown error', '.')}.`, ctx),
    retryable: false,
  };
}

function classifyStatus(err: APIError, ctx: ErrorContext): ClassifiedFailure {
  const label = labelOf(ctx);
  const status = err.status as number;
  const detail = serverText(err, ctx);
  const suffix = detail ? ` Server said: ${detail}` : '';
  if (status === 401 || status === 403) {
    const what = ctx.hasKey
      ? `${ctx.providerLabel} rejected the API key (HTTP ${status}). ${ctx.remedies.setKey}`
      : `${ctx.providerLabel} needs an API key (HTTP ${status}). ${ctx.remedies.setKey}`;
    return { error: makeError('auth', what, ctx), retryable: false, status };
  }
  if (status === 404) {
    return {
      error: makeError(
        'modelNotFound',
        `${ctx.providerLabel} at ${ctx.baseUrl} has no model "${ctx.model}" (HTTP 404). ${ctx.remedies.pickModel}`,
        ctx,
      ),
      retryable: false,
      status,
    };
  }
  if (status === 429) {
    const retryAfterMs = retryAfterFrom(err.headers);
    const wait = retryAfterMs !== undefined ? ` Wait about ${Math.ceil(retryAfterMs / 1000)} s and try again,` : ' Wait a little and try again,';
    return {
      error: makeError('rateLimited', `${label} is rate-limiting requests (HTTP 429).${wait} or choose another model.${suffix}`, ctx, true),
      retryable: true,
      retryAfterMs,
      status,
    };
  }
  if (status === 408 || status === 409 || status >= 500) {
    return {
      error: makeError('server', `${label} had a server error (HTTP ${status}). Try again in a moment.${suffix}`, ctx, true),
      retryable: true,
      retryAfterMs: retryAfterFrom(err.headers),
      status,
    };
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'content_filter' || /content[ _-]?(filter|management|policy)/i.test(detail)) {
    return { error: contentFilterError(ctx), retryable: false, status };
  }
  const contextHint = /context (length|window)|too many tokens|maximum context/i.test(detail)
    ? ' The prompt is longer than the model accepts: choose a model with a larger context or shorten the material.'
    : '';
  return {
    error: makeError('unknown', `${label} refused the request (HTTP ${status}).${contextHint}${suffix}`, ctx),
    retryable: false,
    status,
  };
}

export function contentFilterError(ctx: ErrorContext): ModelError {
  return makeError(
    'contentFilter',
    `${labelOf(ctx)}'s content filter stopped the answer. Nothing was inserted; rephrase the request or use another model.`,
    ctx,
  );
}

export function truncatedError(ctx: ErrorContext, what: string): ModelError {
  const limit = ctx.maxTokens !== undefined ? ` (max tokens ${ctx.maxTokens})` : '';
  return makeError(
    'truncated',
    `${labelOf(ctx)} stopped at its token limit${limit} before ${what} was complete. Nothing was inserted; ${ctx.remedies.raiseMaxTokens} and try again.`,
    ctx,
  );
}

/** The answer grew past the length the caller allows for it (a runaway or endless stream). */
export function overLimitError(ctx: ErrorContext, maxChars: number): ModelError {
  return makeError(
    'overLimit',
    `${labelOf(ctx)}'s answer passed ${maxChars.toLocaleString('en-US')} characters, the most this level accepts, so it was stopped there. Nothing was inserted; try again, or ${ctx.remedies.raiseAnswerLimit} if the answer really needs to be that long.`,
    ctx,
  );
}

export function emptyError(ctx: ErrorContext): ModelError {
  return makeError('empty', `${labelOf(ctx)} returned an empty answer. Try again, or pick another model.`, ctx, true);
}

/** Retry-After as seconds or an HTTP date; `retry-after-ms` (OpenAI's) wins when present. */
export function retryAfterFrom(headers: Headers | undefined): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** What a URL may carry that is secret: its password and every query value (`?api-key=…`). */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    return [decodeURIComponent(u.password), u.password, ...[...u.searchParams.values()], ...u.search.slice(1).split('&').map((p) => p.slice(p.indexOf('=') + 1))].filter(Boolean);
  } catch {
    return [];
  }
}

/** A URL fit to show: no user:password, no query (where some providers put keys). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return trimEndOf(u.toString(), '/');
  } catch {
    return url;
  }
}

function serverText(err: unknown, ctx: ErrorContext): string {
  const raw = err instanceof APIError ? extractApiMessage(err) : err instanceof Error ? err.message : String(err);
  const oneLine = redact(raw, ctx.secrets).replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

function extractApiMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  // The SDK's own message starts with the status; drop it, we say that ourselves.
  return err.message.replace(/^\d{3}\s*/, '').replace(/^status code \(no body\)$/, '');
}

function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || seen.has(e)) continue;
    seen.add(e);
    yield e;
    if (typeof e === 'object') {
      queue.push((e as { cause?: unknown }).cause);
      const errors = (e as { errors?: unknown }).errors;
      if (Array.isArray(errors)) queue.push(...errors);
    }
  }
}

function findCode(err: unknown): string | undefined {
  for (const e of causes(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || BROKEN_CODES.has(code))) return code;
  }
  return undefined;
}

function chainMentions(err: unknown, pattern: RegExp): boolean {
  for (const e of causes(err)) {
    if (e instanceof Error && pattern.test(e.message)) return true;
  }
  return false;
}
