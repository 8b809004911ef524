import * as vscode from 'vscode';
import { checkEndpointUrl } from '../../llm/endpointUrl';
import { MODEL_SECTION, readModelSettings } from '../modelSettings';

/**
 * "Dramaturge: Set Endpoint URL…": the base URL of an OpenAI-compatible server, typed in an input
 * box that checks it as you type, and stored with the user (global) target. `dramaturge.model.baseUrl`
 * is machine-scoped and never read from a workspace, so that is the only place it counts; the
 * editor files it where machine settings belong: the user settings in desktop VS Code, the
 * server's Machine settings in code-server (verified by test/e2e/ui-setup.js). Another command (or a keybinding) may pass
 * `{ url }` to skip the box; an empty url removes the setting.
 */
export interface SetEndpointUrlArgs {
  url?: string;
}

export function registerSetEndpointUrlCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('dramaturge.setEndpointUrl', async (args?: SetEndpointUrlArgs) => {
    const typed = args?.url ?? (await askForUrl());
    if (typed === undefined) return false;
    const config = vscode.workspace.getConfiguration(MODEL_SECTION);
    if (!typed.trim()) {
      await config.update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage('Removed the endpoint URL: the provider\'s usual address is used.');
      return true;
    }
    const checked = checkEndpointUrl(typed);
    if (!checked.ok) {
      void vscode.window.showErrorMessage(`Dramaturge: ${checked.problem}`);
      return false;
    }
    await config.update('baseUrl', checked.url, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(`Dramaturge will send requests to ${checked.url} (saved in your settings for this machine).`);
    return true;
  });
}

function askForUrl(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Endpoint URL (OpenAI-compatible)',
    prompt: 'The server\'s base URL, ending in /v1. Saved in your user settings; the API key, if any, goes in Dramaturge: Set API Key.',
    placeHolder: 'http://127.0.0.1:11434/v1',
    value: readModelSettings().baseUrl ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (!text.trim()) return undefined; // empty: remove the setting
      const checked = checkEndpointUrl(text);
      if (!checked.ok) return { message: checked.problem, severity: vscode.InputBoxValidationSeverity.Error };
      return checked.hint ? { message: checked.hint, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
}
