import * as vscode from 'vscode';
import { aiHighlights } from '../../provenance';
import type { Highlight, ModelOrigin } from '../../provenance';
import type { Config } from '../config';
import { ConfigKeys } from '../config';
import { isFountain } from '../fountainDocuments';
import type { AuthorshipTracker } from './authorshipTracker';

/** Redraw once typing pauses: the classification reads the whole document. */
const REDRAW_MS = 250;

/** The underlines drawn in one editor, by kind: what the extension-host tests compare. */
export interface DrawnHighlights {
  model: vscode.Range[];
  modelEdited: vscode.Range[];
}

/**
 * Show AI-Written Text: a subtle dotted underline under words the model wrote and the writer
 * kept, a dashed one under model words the writer changed, and a hover with the model, the date
 * and the prompt hash. Off by default; the toggle flips `dramaturge.authorship.showAIText`.
 */
export class AITextDecorations implements vscode.Disposable {
  private readonly kept = vscode.window.createTextEditorDecorationType({
    borderWidth: '0 0 1px 0',
    borderStyle: 'dotted',
    borderColor: new vscode.ThemeColor('dramaturge.aiTextUnderline'),
  });
  private readonly edited = vscode.window.createTextEditorDecorationType({
    borderWidth: '0 0 1px 0',
    borderStyle: 'dashed',
    borderColor: new vscode.ThemeColor('dramaturge.aiEditedTextUnderline'),
  });
  private readonly drawn = new Map<vscode.TextEditor, DrawnHighlights>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tracker: AuthorshipTracker,
    private readonly config: Config,
  ) {
    this.disposables.push(
      this.kept,
      this.edited,
      tracker.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule(0)),
      config.onDidChange([ConfigKeys.showAIText], () => this.schedule(0)),
    );
    this.schedule(0);
  }

  /** What is drawn in `editor` now (empty while the toggle is off). */
  highlights(editor: vscode.TextEditor): DrawnHighlights {
    return this.drawn.get(editor) ?? { model: [], modelEdited: [] };
  }

  /** Redraws at once (the toggle command waits for it). */
  redraw(): void {
    clearTimeout(this.timer);
    this.drawn.clear();
    for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(delay = REDRAW_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.redraw(), delay);
  }

  private draw(editor: vscode.TextEditor): void {
    if (!isFountain(editor.document)) return;
    if (!this.config.showAIText) {
      editor.setDecorations(this.kept, []);
      editor.setDecorations(this.edited, []);
      return;
    }
    const document = editor.document;
    const { authorship } = this.tracker.current(document);
    const highlights = aiHighlights(document.getText(), authorship);
    const options = (kind: Highlight['kind']) =>
      highlights
        .filter((h) => h.kind === kind)
        .map((h) => ({ range: new vscode.Range(document.positionAt(h.start), document.positionAt(h.end)), hoverMessage: hover(kind, authorship.origins.get(h.origin)) }));
    const kept = options('model');
    const edited = options('modelEdited');
    editor.setDecorations(this.kept, kept);
    editor.setDecorations(this.edited, edited);
    this.drawn.set(editor, { model: kept.map((o) => o.range), modelEdited: edited.map((o) => o.range) });
  }
}

function hover(kind: Highlight['kind'], origin: ModelOrigin | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown(kind === 'model' ? '**AI-written**, kept as the model wrote it' : '**AI-written, then edited** by you');
  if (origin) {
    md.appendMarkdown('\n\n');
    md.appendText(`Model: ${origin.model}\nAccepted: ${origin.at.replace('T', ' ').slice(0, 16)} UTC${origin.item ? `\nFor: ${origin.item}` : ''}${origin.promptHash ? `\nPrompt hash: ${origin.promptHash}` : ''}${origin.seed !== undefined ? `\nSeed: ${origin.seed}` : ''}`);
  }
  return md;
}
