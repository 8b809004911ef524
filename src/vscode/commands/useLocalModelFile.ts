import { basename } from 'node:path';
import * as vscode from 'vscode';
import { checkGgufFile } from '../../llm/local/ggufFile';
import { useModelFile, type CommandFailure, type ModelInUse } from '../localModelFiles';

/**
 * "Dramaturge: Use a GGUF File…": a model file already on this machine becomes the built-in model,
 * after a check of its first four bytes (`GGUF`). Another command may pass `{ file }` to skip the
 * dialog. The file stays where it is; Remove Local Model never deletes it.
 */
export interface UseLocalModelFileArgs {
  file?: string;
}

export function registerUseLocalModelFileCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('dramaturge.useLocalModelFile', async (args?: UseLocalModelFileArgs): Promise<ModelInUse | CommandFailure | undefined> => {
    const file = args?.file ?? (await askForFile());
    if (!file) return undefined;
    try {
      await checkGgufFile(file);
    } catch (err) {
      const message = (err as Error).message;
      void vscode.window.showErrorMessage(`Dramaturge: ${message}`);
      return { ok: false, kind: 'notGguf', message };
    }
    return useModelFile(file, basename(file));
  });
}

async function askForFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Dramaturge: Use a GGUF Model File',
    openLabel: 'Use This Model',
    canSelectMany: false,
    canSelectFolders: false,
    filters: { 'GGUF models': ['gguf'] },
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  // In a remote window the dialog browses the remote machine, where the extension host and the model run.
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}
