import * as vscode from 'vscode';
import type { ProviderId } from '../llm/providers';

/**
 * API keys live in the editor's SecretStorage only (the OS keychain where there is one), one per
 * provider, so switching from OpenRouter to OpenAI never sends one provider's key to the other.
 * Never in settings, never in logs.
 */
const keyName = (provider: ProviderId) => `dramaturge.apiKey.${provider}`;

export class ApiKeys {
  private readonly seen = new Set<string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(provider: ProviderId): Promise<string | undefined> {
    const key = (await this.storage.get(keyName(provider)))?.trim();
    if (key) this.seen.add(key);
    return key || undefined;
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    this.seen.add(key.trim());
    await this.storage.store(keyName(provider), key.trim());
  }

  /** Every key this session has handled, for redacting logs (a key may still be in flight after a change). */
  knownKeys(): string[] {
    return [...this.seen];
  }

  async delete(provider: ProviderId): Promise<void> {
    await this.storage.delete(keyName(provider));
  }

  /** Fires with the provider whose key changed (also when changed from another window). */
  onDidChange(listener: (provider: ProviderId) => void): vscode.Disposable {
    return this.storage.onDidChange((e) => {
      if (e.key.startsWith('dramaturge.apiKey.')) listener(e.key.slice('dramaturge.apiKey.'.length) as ProviderId);
    });
  }
}
