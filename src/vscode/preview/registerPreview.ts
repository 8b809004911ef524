import * as vscode from 'vscode';
import { Config } from '../config';
import { isFountain, type FountainDocuments } from '../fountainDocuments';
import { PreviewController } from './previewController';
import { previewHtml } from './previewHtml';

export const OPEN_PREVIEW_COMMAND = 'dramaturge.openPreviewToSide';

/**
 * "Open Preview to the Side": a webview beside the script showing its printed pages. One preview
 * per script; asking again brings it forward. It closes with its script. It lays out with the
 * print settings the PDF and the status bar use, so its pages are the PDF's.
 */
export function registerPreview(store: FountainDocuments, extensionUri: vscode.Uri, config: Config): vscode.Disposable {
  const open = new Map<string, { panel: vscode.WebviewPanel; controller: PreviewController }>();
  const command = vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (resource?: unknown) => {
    const document = resource instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString()) : vscode.window.activeTextEditor?.document;
    if (!document || !isFountain(document)) {
      void vscode.window.showInformationMessage('The preview shows a Fountain screenplay: open a .fountain file first.');
      return undefined;
    }
    const key = document.uri.toString();
    const existing = open.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel('dramaturge.preview', `Preview ${baseName(document.uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media', 'preview')],
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'dramaturge.svg');
    const controller = new PreviewController(document, store, panel.webview, config.printLayout);
    panel.webview.html = previewHtml(panel.webview, extensionUri);
    open.set(key, { panel, controller });
    panel.onDidDispose(() => {
      controller.dispose();
      open.delete(key);
    });
    return panel;
  });
  const closer = store.onDidClose((uri) => open.get(uri.toString())?.panel.dispose());
  const settings = config.onDidChange(Config.printLayoutKeys, () => {
    for (const { controller } of open.values()) controller.setOptions(config.printLayout);
  });
  return vscode.Disposable.from(command, closer, settings, {
    dispose: () => {
      for (const { panel } of open.values()) panel.dispose();
    },
  });
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
