import * as vscode from 'vscode';
import { ModelError, type ChatModel } from '../llm/chatModel';
import type { ModelLogger } from '../llm/logger';
import { OpenAIChatModel } from '../llm/openaiChatModel';
import { isProviderId, PROVIDERS, type ProviderId } from '../llm/providers';
import type { UsageLedger } from '../llm/usageLedger';
import { hasLanguageModelApi, LmChatModel } from './lmChatModel';
import type { ModelRuntime } from './localModelRuntime';
import { readModelSettings, type ModelSettings } from './modelSettings';
import type { ApiKeys } from './secrets';

/**
 * Chooses the ChatModel from settings: a runtime by id (the built-in local model) or a configured
 * endpoint; else (provider "auto") the first runtime that is set up, then the editor's own
 * language models; else a clear message saying how to set one up. Rebuilt only when settings or
 * keys change.
 */
export class ModelProvider implements vscode.Disposable {
  private cached: Promise<ChatModel> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly keys: ApiKeys,
    private readonly logger: ModelLogger,
    private readonly ledger: UsageLedger,
    /** Model sources other than the OpenAI-compatible presets, by id (e.g. `local`). */
    private readonly runtimes: readonly ModelRuntime[] = [],
  ) {
    const invalidate = () => (this.cached = undefined);
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(
        (e) => (e.affectsConfiguration('dramaturge.model') || e.affectsConfiguration('dramaturge.local') || e.affectsConfiguration('dramaturge.generation.concurrency')) && invalidate(),
      ),
      vscode.workspace.onDidGrantWorkspaceTrust(invalidate),
      keys.onDidChange(invalidate),
    );
    if (hasLanguageModelApi()) this.subscriptions.push(vscode.lm.onDidChangeChatModels(invalidate));
  }

  /** The model to use now. Rejects with a ModelError whose message says what to set up. */
  getChatModel(): Promise<ChatModel> {
    if (!this.cached) {
      this.cached = this.build(readModelSettings());
      // A failed lookup (no key yet, no editor models) must be retried next time, not cached.
      this.cached.catch(() => (this.cached = undefined));
    }
    return this.cached;
  }

  /** The OpenAI-compatible model configured for `provider` (or the configured one). */
  async endpointModel(settings = readModelSettings(), provider?: ProviderId, model?: string): Promise<OpenAIChatModel> {
    const id = provider ?? (isProviderId(settings.provider) ? settings.provider : undefined);
    if (!id) throw new ModelError('modelNotFound', 'No endpoint is configured: set "dramaturge.model.provider".', 'Dramaturge', '');
    const preset = PROVIDERS[id];
    const apiKey = await this.keys.get(id);
    if (preset.needsKey && !apiKey) {
      throw new ModelError('auth', `${preset.label} needs an API key. Run "Dramaturge: Set API Key".`, preset.label, settings.model);
    }
    const name = model ?? settings.model;
    if (!name) {
      throw new ModelError('modelNotFound', `Choose a ${preset.label} model: run "Dramaturge: Select Model" or set "dramaturge.model.model".`, preset.label, '');
    }
    return new OpenAIChatModel(
      {
        provider: id,
        baseUrl: settings.baseUrl,
        apiKey,
        model: name,
        temperature: settings.temperature,
        topP: settings.topP,
        maxTokens: settings.maxTokens,
        seed: settings.seed,
        levels: settings.levels,
        requestTimeoutMs: settings.requestTimeoutMs,
      },
      { logger: this.logger, ledger: this.ledger },
    );
  }

  /** The editor's models, or none when the API is missing. */
  async editorModels(): Promise<vscode.LanguageModelChat[]> {
    if (!hasLanguageModelApi()) return [];
    try {
      return await vscode.lm.selectChatModels();
    } catch {
      return [];
    }
  }

  private async build(settings: ModelSettings): Promise<ChatModel> {
    const runtime = this.runtimes.find((r) => r.id === settings.provider);
    if (runtime) return runtime.create(settings);
    if (isProviderId(settings.provider)) return this.endpointModel(settings);
    // "auto": a runtime that is set up (a local model file is chosen) keeps the work on this machine.
    const ready = settings.provider === 'auto' ? this.runtimes.find((r) => r.available()) : undefined;
    if (ready) return ready.create(settings);
    const models = await this.editorModels();
    const wanted = settings.model
      ? models.find((m) => m.id === settings.model) ?? models.find((m) => m.family === settings.model)
      : models[0];
    if (wanted) {
      const { temperature, topP, maxTokens, seed, levels } = settings;
      return new LmChatModel(wanted, { logger: this.logger, ledger: this.ledger, requestTimeoutMs: settings.requestTimeoutMs, sampling: { temperature, topP, maxTokens, seed, levels } });
    }
    if (settings.provider === 'vscode') {
      const why = !hasLanguageModelApi()
        ? 'This editor has no Language Model API.'
        : settings.model
          ? `The editor offers no model "${settings.model}".`
          : 'The editor offers no language models (is GitHub Copilot or another model extension installed and signed in?).';
      throw new ModelError('modelNotFound', `${why} Run "Dramaturge: Select Model" to choose one, or set up a local server such as Ollama.`, 'VS Code language model', settings.model);
    }
    throw new ModelError(
      'modelNotFound',
      'No model is set up yet. Run "Dramaturge: Choose Local Model…" to download a model that writes on this machine, or run "Dramaturge: Select Model" to choose a local server (Ollama, LM Studio, vLLM, llama.cpp) or a provider such as OpenAI, or install a model extension such as GitHub Copilot.',
      'Dramaturge',
      '',
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
