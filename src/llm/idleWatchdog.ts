import type { AbortCause } from './errors';

/**
 * An abort controller for one HTTP request that fires when the caller cancels or when the server
 * stays silent for `timeoutMs`. Re-arming on every chunk makes the limit an idle limit, so a slow
 * model writing a long scene is fine and only a hung one is stopped. `cause` records which came
 * first, so a timeout can be told from a cancel.
 */
export class IdleWatchdog {
  readonly controller = new AbortController();
  private abortCause: AbortCause | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => {
    this.abortCause ??= 'cancelled';
    this.controller.abort();
  };

  constructor(
    private readonly outer: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cause(): AbortCause | undefined {
    return this.abortCause;
  }

  /** (Re)starts the silence countdown. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.abortCause ??= 'timeout';
      this.controller.abort();
    }, this.timeoutMs);
  }

  /** Stops the countdown and stops listening to the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}
