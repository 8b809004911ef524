import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { silentLogger, type ModelLogger } from '../logger';
import { CONFIG_ENV, type FromChild, type RuntimeConfig, type RuntimeFailure, type ToChild } from './protocol';

/**
 * The parent half of the built-in model: owns the child process that runs node-llama-cpp, starts
 * it on the first request, restarts it after a crash, stops it after an idle time and on dispose.
 * A crash, an out-of-memory kill or a model that will not load reject the requests in flight with
 * a LocalRuntimeError; the editor or CLI around it never goes down.
 */

export interface LocalRuntimeOptions extends RuntimeConfig {
  /** The bundled child entry (`dist/localRuntime.mjs`). */
  workerPath: string;
  /** Unload the model after this long without requests; 0 keeps it loaded. */
  idleUnloadMs: number;
  logger?: ModelLogger;
}

export type LocalRuntimeErrorKind = RuntimeFailure | 'crashed' | 'loadFailed' | 'missingRuntime' | 'cancelled';

export class LocalRuntimeError extends Error {
  constructor(
    readonly kind: LocalRuntimeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LocalRuntimeError';
  }
}

import type { GenerateRequest } from './protocol';
export type { GenerateRequest };

export interface GenerateResult {
  text: string;
  stopReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

interface Pending {
  onChunk: (text: string) => void;
  resolve: (result: GenerateResult) => void;
  reject: (err: Error) => void;
}

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  /** Set when the process has gone: a crash, a kill, or our own unload. */
  exited: boolean;
}

export class LocalRuntime {
  private child: Child | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly logger: ModelLogger;

  constructor(private readonly options: LocalRuntimeOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get modelPath(): string {
    return this.options.modelPath;
  }

  /** The running child's process id, or undefined while the model is not loaded. */
  get pid(): number | undefined {
    return this.child && !this.child.exited ? this.child.process.pid : undefined;
  }

  /** Streams one answer. Aborting the signal stops decoding in the child and rejects at once. */
  async generate(request: GenerateRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    if (signal?.aborted) throw new LocalRuntimeError('cancelled', 'Cancelled.');
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    const done = new Promise<GenerateResult>((resolve, reject) => this.pending.set(id, { onChunk, resolve, reject }));
    const onAbort = () => {
      // Don't wait for the child: the caller hears "cancelled" now, the child stops at its next token.
      this.post({ type: 'abort', id });
      this.settle(id)?.reject(new LocalRuntimeError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const child = this.ensureChild();
      await Promise.race([child.ready, done]);
      if (this.pending.has(id)) this.post({ type: 'generate', id, ...request });
      return await done;
    } catch (err) {
      this.settle(id);
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.armIdle();
    }
  }

  /** Stops the child and frees the model's memory; the next request loads it again. */
  unload(): void {
    clearTimeout(this.idleTimer);
    const child = this.child;
    this.child = undefined;
    if (!child || child.exited) return;
    child.exited = true;
    this.failAll(new LocalRuntimeError('cancelled', 'The local model was unloaded.'));
    this.post({ type: 'exit' }, child);
    // A child stuck in native code gets a moment to exit cleanly, then is killed.
    const kill = setTimeout(() => child.process.kill('SIGKILL'), 2000);
    kill.unref();
    child.process.once('exit', () => clearTimeout(kill));
  }

  dispose(): void {
    this.unload();
  }

  private ensureChild(): Child {
    if (this.child && !this.child.exited) return this.child;
    if (!existsSync(this.options.workerPath)) {
      throw new LocalRuntimeError('missingRuntime', `The local model runtime is missing (${this.options.workerPath}).`);
    }
    const { workerPath, idleUnloadMs: _idle, logger: _logger, ...config } = this.options;
    this.logger.info(`local model: starting its process for ${config.modelPath}`);
    const proc = fork(workerPath, [], {
      env: { ...process.env, [CONFIG_ENV]: JSON.stringify(config satisfies RuntimeConfig), ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    let markReady!: () => void;
    let failLoad!: (err: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failLoad = reject;
    });
    ready.catch(() => undefined);
    const child: Child = { process: proc, ready, exited: false };
    proc.on('message', (msg: FromChild) => this.onMessage(msg, markReady, failLoad));
    proc.on('error', (err) => failLoad(new LocalRuntimeError('crashed', `The local model's process could not start: ${err.message}`)));
    proc.on('exit', (code, sig) => {
      const ours = child.exited;
      child.exited = true;
      if (this.child === child) this.child = undefined;
      if (ours) return;
      const how = sig ? `was killed (${sig}${sig === 'SIGKILL' ? ', often a sign of running out of memory' : ''})` : `stopped (exit code ${code})`;
      const tail = lastLine(stderr);
      const err = new LocalRuntimeError('crashed', `The local model's process ${how}${tail ? `: ${tail}` : ''}. It will start again on the next request.`);
      this.logger.error(err.message);
      failLoad(err);
      this.failAll(err);
    });
    this.child = child;
    return child;
  }

  private onMessage(msg: FromChild, markReady: () => void, failLoad: (err: Error) => void): void {
    switch (msg.type) {
      case 'ready':
        this.logger.info(`local model: loaded in ${msg.loadMs} ms, context ${msg.contextSize} tokens per sequence (trained with ${msg.trainContextSize})`);
        markReady();
        return;
      case 'fatal': {
        const err = new LocalRuntimeError('loadFailed', `The local model could not be loaded: ${msg.message}`);
        failLoad(err);
        this.failAll(err);
        return;
      }
      case 'chunk':
        this.pending.get(msg.id)?.onChunk(msg.text);
        return;
      case 'done': {
        const p = this.settle(msg.id);
        if (!p) return;
        if (msg.stopReason === 'abort') p.reject(new LocalRuntimeError('cancelled', 'Cancelled.'));
        else p.resolve({ text: msg.text, stopReason: msg.stopReason, promptTokens: msg.promptTokens, completionTokens: msg.completionTokens });
        return;
      }
      case 'failed':
        this.settle(msg.id)?.reject(new LocalRuntimeError(msg.kind, msg.message));
        return;
    }
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }

  private post(message: ToChild, child = this.child): void {
    if (!child || child.exited || !child.process.connected) return;
    child.process.send(message, (err) => err && this.logger.warn(`local model: could not reach its process: ${err.message}`));
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.pending.size > 0 || !this.options.idleUnloadMs) return;
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0 && this.child) {
        this.logger.info('local model: unloaded after being idle');
        this.unload();
      }
    }, this.options.idleUnloadMs);
    this.idleTimer.unref();
  }
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  ).slice(0, 300);
}
