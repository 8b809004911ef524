import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as PdfModule from '../../print/pdf';
import type { Config } from '../config';
import { isFountain, type FountainDocuments } from '../fountainDocuments';
import { getLog } from '../log';
import type { PageLayouts } from '../pageLayouts';

export const EXPORT_PDF_COMMAND = 'dramaturge.exportPdf';

/**
 * pdfkit and fontkit weigh about 1.2 MB, so they live in their own bundle (`dist/print-pdf.js`),
 * loaded on the first export and never at activation.
 */
function loadPdfWriter(): typeof PdfModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'print-pdf.js')) as typeof PdfModule;
}

/**
 * "Export PDF…": lays out the active script (the page layout the status bar counts) and writes it
 * with progress and Cancel. An optional Uri ending in `.pdf` skips the save dialog (the explorer,
 * keybindings, tests); it resolves to the Uri written, or undefined. The file is replaced only
 * once the whole PDF is ready, so Cancel or a failure leaves an existing file as it was.
 */
export function registerExportPdfCommand(store: FountainDocuments, config: Config, layouts: PageLayouts): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_PDF_COMMAND, (target?: unknown) => exportPdf(store, config, layouts, target instanceof vscode.Uri ? target : undefined));
}

async function exportPdf(store: FountainDocuments, config: Config, layouts: PageLayouts, target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isFountain(editor.document)) {
    void vscode.window.showInformationMessage('Export PDF works on a Fountain screenplay: open a .fountain file first.');
    return undefined;
  }
  const document = editor.document;
  // Only ever write a `.pdf`: a Uri of anything else (the script itself, say) is never overwritten.
  const given = target && /\.pdf$/i.test(target.path) ? target : undefined;
  const uri =
    given ??
    (await vscode.window.showSaveDialog({
      title: `Export PDF (${config.printPaper === 'a4' ? 'A4' : 'US Letter'})`,
      defaultUri: pdfBeside(document.uri),
      filters: { PDF: ['pdf'] },
      saveLabel: 'Export',
    }));
  if (!uri) return undefined;
  const model = store.get(document);
  const name = path.posix.basename(uri.path);
  const log = getLog();
  try {
    const pdf = loadPdfWriter();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          let reported = 0;
          return await pdf.renderPdf(model, {
            layout: layouts.layoutFor(model),
            watermark: config.printWatermark || undefined,
            fallbackFonts: config.printFallbackFonts,
            fontsDir: pdf.bundledFontsDir(__dirname),
            signal: controller.signal,
            onProgress: (done, total) => {
              const percent = (100 * done) / total;
              progress.report({ message: `page ${done} of ${total}`, increment: percent - reported });
              reported = percent;
            },
            warn: (message) => log.warn(message),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    if (uri.scheme === 'file') pdf.writeFileAtomic(uri.fsPath, result.bytes);
    else await vscode.workspace.fs.writeFile(uri, result.bytes);
    for (const w of result.warnings) log.warn(w);
    const pages = `${result.layout.pages.length} page${result.layout.pages.length === 1 ? '' : 's'}`;
    if (result.warnings.length > 0) {
      void vscode.window.showWarningMessage(`Exported ${pages} to ${name}, but ${result.warnings[0]}${result.warnings.length > 1 ? ` (and ${result.warnings.length - 1} more lines; see the Dramaturge log)` : ''}`);
    } else void vscode.window.showInformationMessage(`Exported ${pages} to ${name}.`);
    return uri;
  } catch (error) {
    if (error instanceof Error && error.name === 'PrintCancelled') {
      void vscode.window.showInformationMessage(`Export cancelled; ${name} was not written.`);
      return undefined;
    }
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`Export PDF to ${uri.toString(true)} failed: ${reason}`);
    void vscode.window.showErrorMessage(`Could not export ${name}: ${reason}`);
    return undefined;
  }
}

function pdfBeside(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, 'screenplay.pdf') : undefined;
  }
  return uri.with({ path: uri.path.replace(/(\.[^./]*)?$/, '.pdf') });
}
