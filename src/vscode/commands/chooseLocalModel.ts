import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MODEL_CATALOG, catalogModel, formatBytes, modelDownloadUrl, modelTreeUrl, type CatalogModel } from '../../llm/local/modelCatalog';
import { ModelDownloadError, downloadModelFile, fetchHubFileInfo, listStoredModels, partPathOf, type StoredModelFile } from '../../llm/local/modelDownload';
import { abortSignalFrom } from '../modelAccess';
import { configuredModelFile, hubUrl, modelsFolder, useModelFile, type CommandFailure, type ModelInUse } from '../localModelFiles';

/**
 * "Dramaturge: Choose Local Model…": a short list of models that run on an ordinary machine (size,
 * memory, licence, source), downloaded from Hugging Face into the extension's global storage with a
 * cancellable progress notification, resumed where an earlier download stopped, checked against its
 * sha256 after a free-disk check, then set as the built-in model. Another command may pass `{ id }`
 * (a catalog id) to skip the list.
 */
export interface ChooseLocalModelArgs {
  id?: string;
}

export type ChooseLocalModelOutcome = ModelInUse | CommandFailure | undefined;

type Item = vscode.QuickPickItem & { model?: CatalogModel; action?: 'file' | 'remove' };

export function registerChooseLocalModelCommand(context: vscode.ExtensionContext): vscode.Disposable {
  /** Files being downloaded in this window: a second Choose of the same model waits for nothing. */
  const downloading = new Set<string>();
  return vscode.commands.registerCommand('dramaturge.chooseLocalModel', async (args?: ChooseLocalModelArgs): Promise<ChooseLocalModelOutcome> => {
    let folder: string;
    try {
      folder = modelsFolder(context);
    } catch (err) {
      return fail('storage', (err as Error).message);
    }
    let model: CatalogModel | undefined;
    if (args?.id) {
      model = catalogModel(args.id);
      if (!model) return fail('unknown', `No model "${args.id}" in the list; known: ${MODEL_CATALOG.map((m) => m.id).join(', ')}.`);
    } else {
      const picked = await pick(folder);
      if (picked?.action === 'file') return vscode.commands.executeCommand<ChooseLocalModelOutcome>('dramaturge.useLocalModelFile');
      if (picked?.action === 'remove') return void (await vscode.commands.executeCommand('dramaturge.removeLocalModel'));
      model = picked?.model;
    }
    if (!model) return undefined;
    const dest = join(folder, model.file);
    if (!existsSync(dest)) {
      if (downloading.has(dest)) return fail('busy', `${model.label} is already being downloaded; see the progress notification.`);
      downloading.add(dest);
      try {
        await download(model, dest);
      } catch (err) {
        return reportFailure(err, model);
      } finally {
        downloading.delete(dest);
      }
    }
    return useModelFile(dest, model.label);
  });
}

async function pick(folder: string): Promise<Item | undefined> {
  const stored = await listStoredModels(folder).catch(() => [] as StoredModelFile[]);
  const current = configuredModelFile();
  const items: Item[] = MODEL_CATALOG.map((model) => {
    const path = join(folder, model.file);
    const has = stored.find((s) => s.path === path);
    const part = stored.find((s) => s.path === partPathOf(path));
    const state = path === current ? 'in use' : has ? 'downloaded' : part ? `${formatBytes(part.bytes)} downloaded, resumes` : '';
    // What matters first comes first: a narrow quick pick cuts the ends of lines.
    return {
      label: `${has ? '$(check)' : '$(cloud-download)'} ${model.label}`,
      description: [formatBytes(model.sizeBytes), `needs ~${model.ramGb} GB RAM`, state, model.blurb].filter(Boolean).join(' · '),
      detail: `${model.licence} · huggingface.co/${model.repo}`,
      model,
    };
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(file) Use a GGUF File…', description: 'a model already on this machine', action: 'file' });
  if (stored.length > 0) items.push({ label: '$(trash) Remove Local Model…', description: `${stored.length} in ${folder}`, action: 'remove' });
  return vscode.window.showQuickPick(items, {
    title: 'Dramaturge: Choose Local Model',
    placeHolder: 'A model to run on this machine; bigger ones write better and need more memory',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
}

async function download(model: CatalogModel, dest: string): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Downloading ${model.label}`, cancellable: true },
    async (progress, token) => {
      const signal = abortSignalFrom(token);
      const hub = hubUrl();
      let { sha256, sizeBytes } = model;
      if (!sha256) {
        progress.report({ message: 'reading its checksum from the Hub…' });
        ({ sha256, sizeBytes } = await fetchHubFileInfo(modelTreeUrl(model, hub), model.file, signal));
      }
      let shown = 0;
      let lastReport = 0;
      await downloadModelFile({
        url: modelDownloadUrl(model, hub),
        dest,
        sha256,
        sizeBytes,
        signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastReport < 250 && p.done < p.total) return;
          lastReport = now;
          const percent = p.phase === 'downloading' ? (p.done / p.total) * 100 : 100;
          const message =
            p.phase === 'downloading'
              ? `${formatBytes(p.done)} of ${formatBytes(p.total)}${p.resumedFrom > 0 ? ` (resumed at ${formatBytes(p.resumedFrom)})` : ''}`
              : `checking its sha256… ${Math.floor((p.done / p.total) * 100)}%`;
          progress.report({ increment: Math.max(0, percent - shown), message });
          shown = Math.max(shown, percent);
        },
      });
    },
  );
}

function fail(kind: string, message: string): CommandFailure {
  void vscode.window.showErrorMessage(`Dramaturge: ${message}`);
  return { ok: false, kind, message };
}

function reportFailure(err: unknown, model: CatalogModel): CommandFailure {
  if (!(err instanceof ModelDownloadError)) return fail('error', `Could not download ${model.label}: ${err instanceof Error ? err.message : String(err)}`);
  if (err.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`Dramaturge: ${err.message}`);
    return { ok: false, kind: err.kind, message: err.message };
  }
  if (err.kind === 'diskSpace' || err.kind === 'diskFull') {
    void vscode.window.showErrorMessage(`Dramaturge: ${err.message}`, 'Remove Local Model…').then((choice) => {
      if (choice) void vscode.commands.executeCommand('dramaturge.removeLocalModel');
    });
    return { ok: false, kind: err.kind, message: err.message };
  }
  return fail(err.kind, err.message);
}
