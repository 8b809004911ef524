import type { ChatModel, Usage } from './chatModel';

/**
 * One tiny real request, timed: what "Test connection" shows. Uses the `test` level so users
 * can point it at a model override, and so its tokens are accounted apart from story work.
 */
export interface ConnectionReport {
  label: string;
  /** Until the first text arrived. */
  firstTokenMs: number;
  /** Until the answer was complete. */
  totalMs: number;
  reply: string;
  model: string;
  usage: Usage;
}

export const TEST_PROMPT = 'Reply with one short sentence that a screenwriter would enjoy. No preamble.';

export async function testConnection(model: ChatModel, signal?: AbortSignal): Promise<ConnectionReport> {
  const started = performance.now();
  let firstTokenMs: number | undefined;
  const stream = model.stream(
    { level: 'test', maxTokens: 60, messages: [{ role: 'user', content: TEST_PROMPT }] },
    signal,
  );
  for await (const _delta of stream) {
    firstTokenMs ??= performance.now() - started;
  }
  const result = await stream.result;
  const totalMs = performance.now() - started;
  return {
    label: model.label,
    firstTokenMs: Math.round(firstTokenMs ?? totalMs),
    totalMs: Math.round(totalMs),
    reply: result.text.trim(),
    model: result.model,
    usage: result.usage,
  };
}
