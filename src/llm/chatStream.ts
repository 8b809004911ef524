import type { ChatResult, ChatStream } from './chatModel';

/**
 * A ChatStream fed by a producer. The producer starts on first use (iterating, or reading
 * `result`) and runs to completion on its own, so a caller may read `result` without iterating.
 * If the producer fails, iteration throws and `result` rejects: text already seen must be thrown
 * away by the caller (the review layer never shows half an answer).
 * Breaking out of the loop early aborts the producer (and its HTTP request).
 */
export type Producer = (push: (delta: string) => void, signal: AbortSignal) => Promise<ChatResult>;

export function createChatStream(producer: Producer, outerSignal?: AbortSignal): ChatStream {
  const controller = new AbortController();
  const queue: string[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let started: Promise<ChatResult> | undefined;
  let iterating = false;

  const onOuterAbort = () => controller.abort(outerSignal?.reason);
  const start = (): Promise<ChatResult> => {
    if (started) return started;
    if (outerSignal?.aborted) controller.abort(outerSignal.reason);
    else outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    started = producer((delta) => {
      queue.push(delta);
      wake?.();
    }, controller.signal).then(
      (result) => {
        finished = true;
        wake?.();
        return result;
      },
      (err) => {
        finished = true;
        failure = err;
        wake?.();
        throw err;
      },
    );
    started.finally(() => outerSignal?.removeEventListener('abort', onOuterAbort)).catch(() => undefined);
    // Callers who only iterate never look at `result`; its rejection must not crash the process.
    started.catch(() => undefined);
    return started;
  };

  return {
    get result() {
      return start();
    },
    [Symbol.asyncIterator](): AsyncIterator<string> {
      if (iterating) throw new Error('A ChatStream can be iterated only once.');
      iterating = true;
      start();
      return {
        async next(): Promise<IteratorResult<string>> {
          for (;;) {
            if (queue.length > 0) return { value: queue.shift() as string, done: false };
            if (finished) {
              if (failure !== undefined) throw failure;
              return { value: undefined, done: true };
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
        },
        async return(): Promise<IteratorResult<string>> {
          if (!finished) controller.abort(new Error('The stream consumer stopped reading.'));
          return { value: undefined, done: true };
        },
      };
    },
  };
}
