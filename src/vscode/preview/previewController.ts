import * as vscode from 'vscode';
import { LivePages, type LayoutOptions, type PagesUpdate } from '../../print';
import type { FountainDocuments } from '../fountainDocuments';

/** What the controller needs of a webview: posting data and hearing back. A panel's webview is one. */
export interface PreviewView {
  postMessage(message: PreviewMessage): Thenable<boolean>;
  readonly onDidReceiveMessage: vscode.Event<unknown>;
}

export type PreviewMessage = { type: 'pages'; update: PagesUpdate } | { type: 'reveal'; line: number };

/** Scroll events within this long of our own scrolling are echoes, not the writer's. */
const ECHO_MS = 400;

/**
 * One script's preview: lays out its pages from the one parsed model (never parsing again),
 * sends the pages that changed after each update, and keeps the preview and the editor in step.
 * Messages from the webview are data, checked before use.
 */
export class PreviewController implements vscode.Disposable {
  private readonly pages: LivePages;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private editorScrolledAt = 0;
  private previewScrolledAt = 0;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly store: FountainDocuments,
    private readonly view: PreviewView,
    options: LayoutOptions = {},
  ) {
    this.pages = new LivePages(options);
    this.disposables.push(
      view.onDidReceiveMessage((message) => void this.receive(message)),
      store.onDidUpdate((updated) => {
        if (updated === this.document || updated.uri.toString() === this.document.uri.toString()) this.refresh();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.editorScrolled(event)),
    );
  }

  /** New print settings (paper, scene numbers, CONTINUED): the preview is laid out again and redrawn. */
  setOptions(options: LayoutOptions): void {
    this.pages.setOptions(options);
    this.refresh();
  }

  /** Lays out what changed since last time and sends it; nothing when the preview is not ready yet. */
  refresh(): void {
    const update = this.pages.update(this.store.get(this.document));
    if (update && this.ready) void this.view.postMessage({ type: 'pages', update });
  }

  async receive(message: unknown): Promise<void> {
    if (!message || typeof message !== 'object') return;
    const { type, line } = message as { type?: unknown; line?: unknown };
    if (type === 'ready') {
      this.ready = true;
      this.pages.update(this.store.get(this.document));
      const snapshot = this.pages.snapshot();
      if (snapshot) await this.view.postMessage({ type: 'pages', update: snapshot });
      const editor = this.editor();
      if (editor) this.revealInPreview(editor.visibleRanges[0]?.start.line ?? 0);
      return;
    }
    if (!isLine(line, this.document.lineCount)) return;
    if (type === 'jump') await this.jump(line);
    else if (type === 'scrolled') this.previewScrolled(line);
  }

  /** A click in the preview: the editor shows that line, with the cursor at its start. */
  async jump(line: number): Promise<vscode.TextEditor> {
    const position = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: this.editor()?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private previewScrolled(line: number): void {
    if (Date.now() - this.editorScrolledAt < ECHO_MS) return;
    const editor = this.editor();
    if (!editor) return;
    this.previewScrolledAt = Date.now();
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  }

  private editorScrolled(event: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (event.textEditor.document !== this.document || event.visibleRanges.length === 0) return;
    if (Date.now() - this.previewScrolledAt < ECHO_MS) return;
    this.editorScrolledAt = Date.now();
    this.revealInPreview(event.visibleRanges[0].start.line);
  }

  private revealInPreview(line: number): void {
    if (this.ready) void this.view.postMessage({ type: 'reveal', line });
  }

  private editor(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === this.document);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function isLine(value: unknown, lineCount: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < lineCount;
}
