import * as vscode from 'vscode';
import { join } from 'node:path';
import { DEFAULT_HUB_URL } from '../llm/local/modelCatalog';
import { LOCAL_SECTION } from './localModelRuntime';
import { MODEL_SECTION } from './modelSettings';

/**
 * What the three local-model commands (Choose, Use a GGUF File, Remove) share: where downloaded
 * models live, which file is configured, and how a chosen file becomes the model Dramaturge uses.
 */

/**
 * `<global storage>/models`: the extension's own folder on the machine its host runs on (in a
 * remote window, the remote machine, where the model runs too), never a workspace.
 */
export function modelsFolder(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  if (uri.scheme === 'file') return join(uri.fsPath, 'models');
  if (uri.scheme === 'vscode-remote') return join(uri.path, 'models');
  throw new Error(`This editor keeps extension data at ${uri.toString()}, which is not a folder on disk; the built-in local model needs one.`);
}

/** The model file set in the user (global) settings, the only place it is read from. */
export function configuredModelFile(): string {
  const value = vscode.workspace.getConfiguration(LOCAL_SECTION).inspect<string>('modelFile')?.globalValue;
  return typeof value === 'string' ? value.trim() : '';
}

/** `dramaturge.local.hubUrl` (user settings only): Hugging Face, or a mirror of it. */
export function hubUrl(): string {
  const value = vscode.workspace.getConfiguration(LOCAL_SECTION).inspect<string>('hubUrl')?.globalValue;
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value.trim()) ? value.trim() : DEFAULT_HUB_URL;
}

export interface ModelInUse {
  ok: true;
  file: string;
  /** The provider before, when it was switched to `local`. */
  switchedFrom?: string;
}

/**
 * Makes `file` the built-in model: `dramaturge.local.modelFile` in the user settings, and the
 * provider. "auto" (or unset) is left alone: it already picks the local model whenever this file
 * is set and exists, and still falls back to the editor's models if the file is removed later.
 * Another provider chosen in the user settings is switched to "local", since the writer has just
 * asked for this model; a workspace's own provider setting is left alone and named.
 */
export async function useModelFile(file: string, label: string): Promise<ModelInUse> {
  await vscode.workspace.getConfiguration(LOCAL_SECTION).update('modelFile', file, vscode.ConfigurationTarget.Global);
  const model = vscode.workspace.getConfiguration(MODEL_SECTION);
  const provider = model.inspect<string>('provider');
  let switchedFrom: string | undefined;
  if (provider?.globalValue && provider.globalValue !== 'auto' && provider.globalValue !== 'local') {
    switchedFrom = provider.globalValue;
    await model.update('provider', 'local', vscode.ConfigurationTarget.Global);
  }
  const workspaceProvider = provider?.workspaceFolderValue ?? provider?.workspaceValue;
  const notes = [
    switchedFrom ? `The provider was "${switchedFrom}"; it is now "local".` : '',
    workspaceProvider && workspaceProvider !== 'local' && workspaceProvider !== 'auto'
      ? `This workspace's settings choose provider "${workspaceProvider}"; set it to "local" or "auto" there to use this model here.`
      : '',
  ].filter(Boolean);
  void vscode.window.showInformationMessage(`Dramaturge: the built-in model is now ${label} (${file}).${notes.length ? ` ${notes.join(' ')}` : ''}`);
  return { ok: true, file, switchedFrom };
}

/** A failed command's result, for callers and tests. */
export interface CommandFailure {
  ok: false;
  kind: string;
  message: string;
}
