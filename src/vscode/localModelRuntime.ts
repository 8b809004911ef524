import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelError, type ChatModel } from '../llm/chatModel';
import { DEFAULT_LOCAL_CONTEXT, createLocalModel } from '../llm/local/createLocalModel';
import { LOCAL_PROVIDER_LABEL, LocalChatModel } from '../llm/local/localChatModel';
import type { LocalRuntime } from '../llm/local/localRuntime';
import type { ModelLogger } from '../llm/logger';
import type { UsageLedger } from '../llm/usageLedger';
import type { ModelSettings } from './modelSettings';

/**
 * The built-in local model as one of the model runtimes the provider chooses from. It owns the
 * LocalRuntime (and so the child process): one at a time, rebuilt when its settings change,
 * stopped when idle for `dramaturge.local.idleUnloadMinutes` and when the extension deactivates.
 */

export const LOCAL_SECTION = 'dramaturge.local';

/** A source of models the provider can pick by id, besides the OpenAI-compatible presets. */
export interface ModelRuntime {
  readonly id: string;
  readonly label: string;
  /** Whether it can answer without further setup (so provider "auto" may choose it). */
  available(): boolean;
  create(settings: ModelSettings): ChatModel;
}

interface LocalSettings {
  modelFile: string;
  contextSize: number;
  idleUnloadMs: number;
  threads: number;
  sequences: number;
}

/**
 * `dramaturge.local.modelFile` is machine-scoped and read from user settings only: a cloned
 * project must not make the editor load a file of its choosing into native code.
 */
function readLocalSettings(): Omit<LocalSettings, 'modelFile'> & { configuredFile: string } {
  const config = vscode.workspace.getConfiguration(LOCAL_SECTION);
  const file = config.inspect<string>('modelFile');
  const num = (key: string, fallback: number, min: number) => {
    const v = config.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
  };
  const concurrency = vscode.workspace.getConfiguration('dramaturge.generation').get<unknown>('concurrency');
  return {
    configuredFile: (typeof file?.globalValue === 'string' ? file.globalValue : '').trim(),
    contextSize: Math.round(num('contextSize', DEFAULT_LOCAL_CONTEXT, 256)),
    idleUnloadMs: Math.round(num('idleUnloadMinutes', 5, 0) * 60_000),
    threads: Math.round(num('threads', 0, 0)),
    sequences: typeof concurrency === 'number' && Number.isInteger(concurrency) && concurrency >= 1 ? Math.min(concurrency, 8) : 4,
  };
}

export class LocalModelRuntime implements ModelRuntime, vscode.Disposable {
  readonly id = 'local';
  readonly label = LOCAL_PROVIDER_LABEL;
  private current: { key: string; runtime: LocalRuntime } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly workerPath: string,
    private readonly logger: ModelLogger,
    private readonly ledger: UsageLedger,
    /** DRAMATURGE_MODEL_FILE: used when provider "local" is chosen and no file is set (npm start, tests). */
    private readonly envModelFile: string | undefined = process.env.DRAMATURGE_MODEL_FILE,
  ) {
    // New settings take effect on the next request; the old process is stopped now.
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(LOCAL_SECTION) || e.affectsConfiguration('dramaturge.generation.concurrency')) this.stop();
    });
  }

  /** A configured model file that exists: only then may "auto" choose the local model. */
  available(): boolean {
    const file = readLocalSettings().configuredFile;
    return !!file && existsSync(file);
  }

  create(settings: ModelSettings): ChatModel {
    const { configuredFile, ...local } = readLocalSettings();
    const modelFile = configuredFile || this.envModelFile?.trim() || '';
    if (!modelFile) {
      throw new ModelError('modelNotFound', 'No local model is set up yet. Run "Dramaturge: Choose Local Model…" to download one, or "Dramaturge: Use a GGUF File…" for one on this machine.', LOCAL_PROVIDER_LABEL, '');
    }
    if (!existsSync(modelFile)) {
      throw new ModelError('modelNotFound', `The local model file ${modelFile} does not exist. Run "Dramaturge: Choose Local Model…" to download one, or "Dramaturge: Use a GGUF File…" for one on this machine.`, LOCAL_PROVIDER_LABEL, '');
    }
    // The process (and the loaded model) is kept as long as the model file and runtime settings
    // stay the same; sampling settings only change the ChatModel over it.
    const key = JSON.stringify({ modelFile, local });
    if (this.current?.key !== key) {
      this.stop();
      this.current = { key, runtime: createLocalModel({ modelPath: modelFile, workerPath: this.workerPath, ...local, logger: this.logger }).runtime };
    }
    const { temperature, topP, maxTokens, seed, levels } = settings;
    return new LocalChatModel(this.current.runtime, { logger: this.logger, ledger: this.ledger, sampling: { temperature, topP, maxTokens, seed, levels } });
  }

  private stop(): void {
    this.current?.runtime.dispose();
    this.current = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.stop();
  }
}
