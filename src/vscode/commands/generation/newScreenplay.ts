import * as vscode from 'vscode';
import { textArg } from './generationContext';
import type { GenerationCommand } from './generationContext';

/** Starts a script holding just the logline (in the open empty Fountain file, if any), then proposes a title. */
export const newScreenplayFromLogline: GenerationCommand = () => async (arg?: unknown) => {
  const logline = textArg(arg) ?? (await vscode.window.showInputBox({ title: 'New Screenplay from Logline', prompt: 'The story in one or two sentences', ignoreFocusOut: true }))?.trim();
  if (!logline) return;
  const empty = openEmptyScript();
  const document = empty ? await startIn(empty, logline) : await createScreenplay(logline);
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('dramaturge.generateTitle');
};

function loglineLine(logline: string): string {
  return `Logline: ${logline.replace(/\s+/g, ' ')}\n`;
}

/**
 * An open Fountain file with nothing in it (the active one first): the writer made it for this
 * screenplay, so it is used rather than a new file beside it.
 */
function openEmptyScript(): vscode.TextDocument | undefined {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
  return editors.find((e) => e && e.document.languageId === 'fountain' && e.document.getText().trim() === '')?.document;
}

/** Writes the logline into the empty script, as one undo step, keeping its line endings. */
async function startIn(document: vscode.TextDocument, logline: string): Promise<vscode.TextDocument> {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), loglineLine(logline).replace(/\n/g, eol));
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not write the logline into ${document.uri.path}.`);
  return document;
}

/** A new script beside the open folder's others, holding just the logline; the title comes as a proposal. */
async function createScreenplay(logline: string): Promise<vscode.TextDocument> {
  const content = loglineLine(logline);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return vscode.workspace.openTextDocument({ language: 'fountain', content });
  const slug = logline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 5).join('-') || 'screenplay';
  for (let n = 0; ; n++) {
    const uri = vscode.Uri.joinPath(folder.uri, `${slug}${n ? `-${n + 1}` : ''}.fountain`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
      return vscode.workspace.openTextDocument(uri);
    }
  }
}
