/**
 * Model access for the whole extension, built once in `activate()`:
 *
 *   const models = registerModelAccess(context);
 *   const chat = await models.getChatModel();          // ChatModel, or rejects with a ModelError
 *   const signal = abortSignalFrom(token);             // VS Code CancellationToken → AbortSignal
 *   for await (const delta of chat.stream({ level: 'scene', messages }, signal)) …
 *   models.showError(err);                             // one clear message with a fixing button
 *   models.ledger / models.log                         // session token usage / "Dramaturge" log
 *
 * It registers "Dramaturge: Set API Key", "Select Model", "Test Model Connection" and the
 * token-usage status bar item. Which model `getChatModel` returns follows `dramaturge.model.*`
 * (see modelProvider.ts); the per-level overrides are applied per request from `request.level`.
 */
import * as vscode from 'vscode';
import type { ChatModel, StoryLevel } from '../llm/chatModel';
import { redactingLogger } from '../llm/logger';
import { UsageLedger } from '../llm/usageLedger';
import { registerSelectModelCommands } from './commands/selectModel';
import { registerSetApiKeyCommand } from './commands/setApiKey';
import { registerSetEndpointUrlCommand } from './commands/setEndpointUrl';
import { getLog } from './log';
import { showModelError } from './modelErrors';
import { LocalModelRuntime } from './localModelRuntime';
import { ModelProvider } from './modelProvider';
import { ApiKeys } from './secrets';
import { registerUsageStatus } from './usageStatus';

export interface ModelAccess {
  /** `level` is accepted for symmetry with requests; overrides are applied per request. */
  getChatModel(level?: StoryLevel): Promise<ChatModel>;
  readonly ledger: UsageLedger;
  readonly log: vscode.LogOutputChannel;
  readonly keys: ApiKeys;
  showError(err: unknown): void;
}

export function registerModelAccess(context: vscode.ExtensionContext): ModelAccess {
  const log = getLog();
  const ledger = new UsageLedger();
  const keys = new ApiKeys(context.secrets);
  // The model layer redacts its own key; this also covers keys read or set later in the session.
  const logger = redactingLogger(log, () => keys.knownKeys());
  // The built-in local model: its child process is stopped on deactivate with the subscriptions.
  const local = new LocalModelRuntime(context.asAbsolutePath('dist/localRuntime.mjs'), logger, ledger);
  const provider = new ModelProvider(keys, logger, ledger, [local]);
  context.subscriptions.push(
    local,
    provider,
    registerSetApiKeyCommand(keys),
    registerSetEndpointUrlCommand(),
    registerSelectModelCommands(provider, keys),
    registerUsageStatus(ledger),
  );
  return {
    getChatModel: () => provider.getChatModel(),
    ledger,
    log,
    keys,
    showError: showModelError,
  };
}

/** A CancellationToken as an AbortSignal: the model layer only knows signals. */
export function abortSignalFrom(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
