import * as vscode from 'vscode';
import { ModelError } from '../../llm/chatModel';
import { PROVIDER_IDS, PROVIDERS, isProviderId, resolveBaseUrl, type ProviderId } from '../../llm/providers';
import { testConnection, type ConnectionReport } from '../../llm/testConnection';
import { displayUrl } from '../../llm/errors';
import type { ModelProvider } from '../modelProvider';
import { MODEL_SECTION, readModelSettings } from '../modelSettings';
import { showModelError } from '../modelErrors';
import type { ApiKeys } from '../secrets';

/**
 * "Dramaturge: Select Model" lists what can be used right now: the configured endpoint's
 * `/models` and the editor's own models, plus "Test connection" and "Change provider…".
 * "Dramaturge: Test Model Connection" sends one tiny request and reports latency and the reply;
 * it resolves to `{ ok, report | error }` so tests (and callers) can check the outcome.
 */

export type TestConnectionOutcome = { ok: true; report: ConnectionReport } | { ok: false; kind: string; message: string };

type Item = vscode.QuickPickItem & { action?: 'test' | 'provider' | 'url'; endpointModel?: string; editorModel?: string };

export function registerSelectModelCommands(models: ModelProvider, keys: ApiKeys): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('dramaturge.selectModel', () => selectModel(models, keys)),
    vscode.commands.registerCommand('dramaturge.testConnection', () => runTestConnection(models)),
  );
}

async function selectModel(models: ModelProvider, keys: ApiKeys): Promise<void> {
  const settings = readModelSettings();
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Dramaturge: Select Model';
  pick.placeholder = 'Choose the model the co-writer uses';
  pick.matchOnDescription = true;
  const fixed: Item[] = [
    { label: '$(pulse) Test connection', description: 'send one tiny request and show latency and reply', action: 'test' },
    { label: '$(server) Change provider…', description: currentProviderText(settings.provider), action: 'provider' },
  ];
  let endpointItems: Item[] = [];
  let editorItems: Item[] = [];
  const render = () => (pick.items = [...fixed, ...endpointItems, ...editorItems]);
  render();
  pick.busy = true;
  pick.show();

  const endpointId = isProviderId(settings.provider) ? settings.provider : undefined;
  const loading: Promise<void>[] = [];
  if (endpointId) {
    const url = resolveBaseUrl(endpointId, settings.baseUrl);
    fixed.push({ label: '$(link) Endpoint URL…', description: url ? displayUrl(url) : 'not set: type the server\'s address', action: 'url' });
    render();
    const heading: Item = { label: `${PROVIDERS[endpointId].label}${url ? ` · ${displayUrl(url)}` : ''}`, kind: vscode.QuickPickItemKind.Separator };
    loading.push(
      models
        .endpointModel(settings, endpointId, settings.model || 'unset')
        .then((m) => m.listModels())
        .then(
          (ids) => {
            endpointItems = [
              heading,
              ...ids.map((id) => ({ label: id, description: id === settings.model ? 'current' : undefined, endpointModel: id })),
            ];
          },
          (err) => {
            endpointItems = [heading, { label: `$(warning) ${err instanceof Error ? err.message : String(err)}` }];
          },
        )
        .then(() => void render()),
    );
  }
  loading.push(
    models.editorModels().then((list) => {
      if (list.length === 0) return;
      editorItems = [
        { label: 'Editor models (no key needed)', kind: vscode.QuickPickItemKind.Separator },
        ...list.map((m) => ({
          label: m.name,
          description: `${m.vendor} · ${m.family}${settings.provider === 'vscode' && settings.model === m.id ? ' · current' : ''}`,
          editorModel: m.id,
        })),
      ];
      render();
    }),
  );
  void Promise.allSettled(loading).then(() => (pick.busy = false));

  const chosen = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return;
  const config = vscode.workspace.getConfiguration(MODEL_SECTION);
  if (chosen.action === 'test') {
    await runTestConnection(models);
  } else if (chosen.action === 'url') {
    if (await vscode.commands.executeCommand('dramaturge.setEndpointUrl')) await selectModel(models, keys);
  } else if (chosen.action === 'provider') {
    const provider = await pickProvider();
    if (!provider) return;
    await config.update('provider', provider, vscode.ConfigurationTarget.Global);
    // Servers without a usual address (a custom endpoint, Azure) are useless until it is typed.
    if (isProviderId(provider) && !resolveBaseUrl(provider, readModelSettings().baseUrl) && !(await vscode.commands.executeCommand('dramaturge.setEndpointUrl'))) return;
    if (isProviderId(provider) && PROVIDERS[provider].needsKey && !(await keys.get(provider))) {
      await vscode.commands.executeCommand('dramaturge.setApiKey', { provider });
    }
    await selectModel(models, keys);
  } else if (chosen.endpointModel) {
    await config.update('model', chosen.endpointModel, vscode.ConfigurationTarget.Global);
  } else if (chosen.editorModel) {
    await config.update('provider', 'vscode', vscode.ConfigurationTarget.Global);
    await config.update('model', chosen.editorModel, vscode.ConfigurationTarget.Global);
  }
}

async function runTestConnection(models: ModelProvider): Promise<TestConnectionOutcome> {
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Dramaturge: testing the model connection…', cancellable: true },
      async (_progress, token) => {
        const model = await models.getChatModel();
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await testConnection(model, controller.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    void vscode.window.showInformationMessage(
      `${report.label}: answered in ${report.totalMs} ms (first word after ${report.firstTokenMs} ms): “${report.reply}”`,
    );
    return { ok: true, report };
  } catch (err) {
    showModelError(err);
    const e = err instanceof ModelError ? err : undefined;
    return { ok: false, kind: e?.kind ?? 'unknown', message: e?.message ?? String(err) };
  }
}

function currentProviderText(provider: string): string {
  if (provider === 'auto') return "now: the local model if one is set up, else the editor's models";
  if (provider === 'local') return 'now: the built-in local model';
  if (provider === 'vscode') return "now: the editor's models";
  return `now: ${isProviderId(provider) ? PROVIDERS[provider].label : provider}`;
}

async function pickProvider(): Promise<ProviderId | 'vscode' | 'local' | 'auto' | undefined> {
  const items = [
    { label: 'Built-in local model', description: 'a GGUF file run on this machine · no key, no server · dramaturge.local.modelFile', id: 'local' as const },
    { label: "Editor's models", description: 'GitHub Copilot and other model extensions · no key', id: 'vscode' as const },
    ...PROVIDER_IDS.map((id) => ({
      label: PROVIDERS[id].label,
      description: [PROVIDERS[id].defaultBaseUrl, PROVIDERS[id].needsKey ? 'needs a key' : 'no key'].filter(Boolean).join(' · '),
      id,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Where should the model come from?' });
  return picked?.id;
}
