import * as vscode from 'vscode';
import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from '../../llm/providers';
import { readModelSettings } from '../modelSettings';
import type { ApiKeys } from '../secrets';

/**
 * "Dramaturge: Set API Key": asks for the key in a password box and keeps it in SecretStorage
 * for one provider. An empty answer removes the stored key. Tests and other commands may pass
 * `{ provider, key }` to skip the prompts.
 */
export interface SetApiKeyArgs {
  provider?: ProviderId;
  key?: string;
}

export function registerSetApiKeyCommand(keys: ApiKeys): vscode.Disposable {
  return vscode.commands.registerCommand('dramaturge.setApiKey', async (args?: SetApiKeyArgs) => {
    const provider = args?.provider ?? (await pickProvider());
    if (!provider) return false;
    const preset = PROVIDERS[provider];
    const key =
      args?.key ??
      (await vscode.window.showInputBox({
        title: `${preset.label} API key`,
        prompt: `Stored in the editor's secret storage, never in settings. ${preset.needsKey ? '' : 'This provider usually needs none; set one only if your server was started with a key. '}Leave empty to remove the stored key.`,
        password: true,
        ignoreFocusOut: true,
        placeHolder: provider === 'openai' ? 'sk-…' : 'API key',
      }));
    if (key === undefined) return false;
    if (!key.trim()) {
      await keys.delete(provider);
      void vscode.window.showInformationMessage(`Removed the stored ${preset.label} API key.`);
      return true;
    }
    await keys.set(provider, key);
    void vscode.window.showInformationMessage(`Stored the ${preset.label} API key in the editor's secret storage.`);
    return true;
  });
}

async function pickProvider(): Promise<ProviderId | undefined> {
  const current = readModelSettings().provider;
  if (isProviderId(current)) return current;
  const picked = await vscode.window.showQuickPick(
    PROVIDER_IDS.map((id) => ({ label: PROVIDERS[id].label, description: PROVIDERS[id].needsKey ? 'needs a key' : 'key optional', id })),
    { title: 'Set the API key for which provider?' },
  );
  return picked?.id;
}
