import * as vscode from 'vscode';
import { textArg } from './generationContext';
import type { GenerationCommand } from './generationContext';

/** Creates a script holding just the logline, then proposes a title for it. */
export const newScreenplayFromLogline: GenerationCommand = () => async (arg?: unknown) => {
  const logline = textArg(arg) ?? (await vscode.window.showInputBox({ title: 'New Screenplay from Logline', prompt: 'The story in one or two sentences', ignoreFocusOut: true }))?.trim();
  if (!logline) return;
  const document = await createScreenplay(logline);
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('dramaturge.generateTitle');
};

/** A new script beside the open folder's others, holding just the logline; the title comes as a proposal. */
async function createScreenplay(logline: string): Promise<vscode.TextDocument> {
  const content = `Logline: ${logline.replace(/\s+/g, ' ')}\n`;
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
