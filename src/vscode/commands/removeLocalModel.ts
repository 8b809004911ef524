import { rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { formatBytes } from '../../llm/local/modelCatalog';
import { listStoredModels, type StoredModelFile } from '../../llm/local/modelDownload';
import { LOCAL_SECTION } from '../localModelRuntime';
import { configuredModelFile, modelsFolder } from '../localModelFiles';

/**
 * "Dramaturge: Remove Local Model": deletes downloaded models (and unfinished downloads) from the
 * extension's global storage, to free their space. If the model in use goes, its setting is cleared.
 * Files chosen with Use a GGUF File… live elsewhere and are never touched. Another command may pass
 * `{ names }` (file names in the models folder) to skip the list.
 */
export interface RemoveLocalModelArgs {
  names?: string[];
}

export interface RemoveLocalModelOutcome {
  removed: string[];
  freedBytes: number;
  clearedSetting: boolean;
}

type Item = vscode.QuickPickItem & { stored: StoredModelFile };

export function registerRemoveLocalModelCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('dramaturge.removeLocalModel', async (args?: RemoveLocalModelArgs): Promise<RemoveLocalModelOutcome | undefined> => {
    const folder = modelsFolder(context);
    const stored = await listStoredModels(folder);
    if (stored.length === 0) {
      void vscode.window.showInformationMessage(`Dramaturge: no downloaded models in ${folder}.`);
      return { removed: [], freedBytes: 0, clearedSetting: false };
    }
    const current = configuredModelFile();
    const chosen = args?.names ? stored.filter((s) => args.names!.includes(s.name)) : await pick(stored, current);
    if (!chosen || chosen.length === 0) return undefined;
    const outcome: RemoveLocalModelOutcome = { removed: [], freedBytes: 0, clearedSetting: false };
    for (const s of chosen) {
      try {
        await rm(s.path, { force: true });
      } catch (err) {
        void vscode.window.showErrorMessage(`Dramaturge: could not delete ${s.path}: ${(err as Error).message}`);
        continue;
      }
      outcome.removed.push(s.name);
      outcome.freedBytes += s.bytes;
      if (s.path === current) outcome.clearedSetting = true;
    }
    if (outcome.clearedSetting) {
      await vscode.workspace.getConfiguration(LOCAL_SECTION).update('modelFile', undefined, vscode.ConfigurationTarget.Global);
    }
    if (outcome.removed.length > 0) {
      void vscode.window.showInformationMessage(
        `Dramaturge: removed ${outcome.removed.join(', ')}; ${formatBytes(outcome.freedBytes)} freed.${outcome.clearedSetting ? ' It was the model in use: choose another with "Dramaturge: Choose Local Model…".' : ''}`,
      );
    }
    return outcome;
  });
}

async function pick(stored: StoredModelFile[], current: string): Promise<StoredModelFile[] | undefined> {
  const items: Item[] = stored.map((s) => ({
    label: s.name,
    description: `${formatBytes(s.bytes)}${s.partial ? ' · unfinished download' : ''}${s.path === current ? ' · in use' : ''}`,
    stored: s,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Dramaturge: Remove Local Model',
    placeHolder: 'Models to delete from this machine (their space is freed)',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked?.map((i) => i.stored);
}
