import * as vscode from 'vscode';
import type { ChatModel } from '../../llm/chatModel';
import type { Config } from '../config';
import type { ScriptSessions } from '../scriptSessions';
import { SceneSuggestionProvider } from './sceneSuggestionProvider';

/** Registers ghost-text scene suggestions for Fountain documents. */
export function registerInlineSuggestions(
  selector: vscode.DocumentSelector,
  sessions: ScriptSessions,
  config: Config,
  models: { getChatModel(): Promise<ChatModel>; showError(error: unknown): void },
): { provider: SceneSuggestionProvider } & vscode.Disposable {
  const provider = new SceneSuggestionProvider({
    sessions,
    getChatModel: () => models.getChatModel(),
    showError: (error) => models.showError(error),
    mode: () => config.inlineSuggestionsMode,
    debounceMs: () => config.inlineSuggestionsDebounceMs,
  });
  const registration = vscode.languages.registerInlineCompletionItemProvider(selector, provider);
  return {
    provider,
    dispose: () => {
      registration.dispose();
      provider.dispose();
    },
  };
}
