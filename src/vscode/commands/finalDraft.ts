import * as vscode from 'vscode';
import { FdxError, decodeFdx, fdxToFountain, fountainToFdx } from '../../fdx';
import { isFountain, type FountainDocuments } from '../fountainDocuments';

export const EXPORT_FINAL_DRAFT_COMMAND = 'dramaturge.exportFinalDraft';
export const OPEN_FINAL_DRAFT_COMMAND = 'dramaturge.openFinalDraft';

/**
 * "Export Final Draft…" writes the active script as `.fdx`; "Open Final Draft File…" converts an
 * `.fdx` to Fountain and opens it as a new, unsaved script, so nothing on disk is replaced until
 * the writer saves. Both take an optional Uri (the explorer's context menu passes the file);
 * Export resolves to the Uri it wrote, Open to the new document.
 */
export function registerFinalDraftCommands(store: FountainDocuments): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(EXPORT_FINAL_DRAFT_COMMAND, (target?: unknown) => exportFinalDraft(store, target instanceof vscode.Uri ? target : undefined)),
    vscode.commands.registerCommand(OPEN_FINAL_DRAFT_COMMAND, (source?: unknown) => openFinalDraft(source instanceof vscode.Uri ? source : undefined)),
  );
}

async function exportFinalDraft(store: FountainDocuments, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isFountain(editor.document)) {
    void vscode.window.showInformationMessage('Export Final Draft works on a Fountain screenplay: open a .fountain file first.');
    return undefined;
  }
  const document = editor.document;
  // Only ever write a `.fdx`: a Uri of anything else (the script itself, say) is never overwritten.
  const given = target && /\.fdx$/i.test(target.path) ? target : undefined;
  const uri =
    given ??
    (await vscode.window.showSaveDialog({
      title: 'Export Final Draft',
      defaultUri: withExtension(document.uri, '.fdx'),
      filters: { 'Final Draft': ['fdx'] },
      saveLabel: 'Export',
    }));
  if (!uri) return undefined;
  const model = store.get(document);
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fountainToFdx(model)));
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not write ${baseName(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Exported ${model.outline.allScenes.length} scenes to ${baseName(uri)}. Notes, sections and synopses other than scene summaries are not part of a Final Draft file.`);
  return uri;
}

async function openFinalDraft(source: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  const uri =
    source ??
    (
      await vscode.window.showOpenDialog({
        title: 'Open Final Draft File',
        canSelectMany: false,
        filters: { 'Final Draft': ['fdx'] },
        openLabel: 'Convert to Fountain',
      })
    )?.[0];
  if (!uri) return undefined;
  let fountain: string;
  try {
    fountain = fdxToFountain(decodeFdx(await vscode.workspace.fs.readFile(uri)));
  } catch (error) {
    const reason = error instanceof FdxError || error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Could not open ${baseName(uri)}: ${reason}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'fountain', content: fountain });
  await vscode.window.showTextDocument(document);
  return document;
}

function withExtension(uri: vscode.Uri, extension: string): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, 'screenplay' + extension) : undefined;
  }
  return uri.with({ path: uri.path.replace(/(\.[^./]*)?$/, extension) });
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
