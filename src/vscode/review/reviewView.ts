import * as vscode from 'vscode';
import { blockDisplay } from '../../review/blockDisplay';
import { inlineMarks } from '../../review/changeBlocks';
import type { ReviewController, ReviewProposal } from './reviewController';

/**
 * How open proposals look in the script's own editor. Nothing is written to the document: a
 * small edit inside a line keeps its removed words struck through and its new words shown in
 * place; the old lines of a larger change are struck through where they stand, and its new lines
 * appear right below them in a block of their own (see reviewThreads.ts). The changed lines are
 * marked in the gutter and the overview ruler, and one CodeLens over each proposal offers
 * Accept all / Reject all / Side by side.
 */

export const PROPOSAL_SCHEME = 'dramaturge-proposal';
export const ORIGINAL_SCHEME = 'dramaturge-original';

/** Only the script's own editors carry the overlay; the side-by-side view's panes are virtual documents. */
export function isScript(uri: vscode.Uri): boolean {
  return uri.scheme !== PROPOSAL_SCHEME && uri.scheme !== ORIGINAL_SCHEME;
}

/** The overlay's decoration types: made once by the review feature and disposed with it. */
export class ReviewDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
    textDecoration: 'line-through',
  });
  private readonly removedLine = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    before: {
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
      color: new vscode.ThemeColor('editor.foreground'),
    },
  });
  private readonly target = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    borderStyle: 'solid',
    borderWidth: '0 0 0 3px',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });

  render(controller: ReviewController, editor: vscode.TextEditor): void {
    const document = editor.document;
    const removed: vscode.DecorationOptions[] = [];
    const removedLines: vscode.Range[] = [];
    const inserted: vscode.DecorationOptions[] = [];
    const targets: vscode.Range[] = [];
    const range = (start: number, end: number) => new vscode.Range(document.positionAt(start), document.positionAt(end));
    for (const p of isScript(document.uri) ? controller.list(document.uri) : []) {
      if (p.streaming) {
        targets.push(range(p.span.start, p.span.end));
        continue;
      }
      for (const block of controller.blocks(document, p)) {
        targets.push(range(block.oldStart, block.oldEnd));
        if (blockDisplay(block) === 'words') {
          const marks = inlineMarks(block);
          for (const r of marks.removed) removed.push({ range: range(r.start, r.end) });
          for (const ins of marks.inserted) {
            const at = document.positionAt(ins.at);
            inserted.push({ range: new vscode.Range(at, at), renderOptions: { before: { contentText: ins.text } } });
          }
        } else if (block.oldText) {
          const old = range(block.oldStart, block.oldEnd - (/\r?\n$/.exec(block.oldText)?.[0].length ?? 0));
          removed.push({ range: old });
          removedLines.push(old);
        }
      }
    }
    editor.setDecorations(this.removed, removed);
    editor.setDecorations(this.removedLine, removedLines);
    editor.setDecorations(this.inserted, inserted);
    editor.setDecorations(this.target, targets);
  }

  dispose(): void {
    for (const type of [this.removed, this.removedLine, this.inserted, this.target]) type.dispose();
  }
}

/** One CodeLens row over each proposal: the whole proposal's actions (each block has its own below it). */
export class ProposalCodeLenses implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly controller: ReviewController) {}

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const p of this.controller.list(document.uri)) {
      const blocks = this.controller.blocks(document, p);
      const first = document.positionAt(p.streaming || !blocks.length ? p.span.start : blocks[0].oldStart);
      // New lines hang in a widget under the line before them: the lens goes over that line, so
      // it stays above the widget instead of below a tall one, off screen.
      const inserts = p.streaming || (blocks.length > 0 && !blocks[0].oldText);
      const head = inserts && first.character === 0 && first.line > 0 ? new vscode.Position(first.line - 1, 0) : first;
      const at = new vscode.Range(head, head);
      if (p.streaming) {
        lenses.push(new vscode.CodeLens(at, { title: `$(loading~spin) Writing ${p.label}… (Esc to cancel)`, command: 'dramaturge.cancelGeneration' }));
        continue;
      }
      if (!blocks.length) {
        lenses.push(new vscode.CodeLens(at, { title: `${p.label}: no change — Dismiss`, command: 'dramaturge.review.reject', arguments: [p.id] }));
        continue;
      }
      const n = blocks.length;
      lenses.push(
        new vscode.CodeLens(at, { title: n > 1 ? `Accept all ${n}` : 'Accept', tooltip: `Accept ${p.label}`, command: 'dramaturge.review.accept', arguments: [p.id] }),
        new vscode.CodeLens(at, { title: n > 1 ? `Reject all ${n}` : 'Reject', tooltip: `Reject ${p.label}`, command: 'dramaturge.review.reject', arguments: [p.id] }),
        new vscode.CodeLens(at, { title: `Side by side · ${p.label}`, command: 'dramaturge.review.showSideBySide' }),
      );
      // Informational: an empty command id makes the lens a label, not a button.
      if (p.warning) lenses.push(new vscode.CodeLens(at, { title: `$(warning) ${p.warning}`, tooltip: p.warning, command: '' }));
    }
    return lenses;
  }
}

/**
 * The virtual documents of the side-by-side view: `dramaturge-original:` is the script as it
 * stands (no overlay), `dramaturge-proposal:` the script with its open proposals accepted.
 */
export class ProposalContentProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly controller: ReviewController) {}

  static uriFor(document: vscode.Uri, scheme = PROPOSAL_SCHEME): vscode.Uri {
    return vscode.Uri.from({ scheme, path: document.path, query: document.toString() });
  }

  /** The script a virtual document shows, if it is one of ours. */
  static sourceOf(uri: vscode.Uri): vscode.Uri | undefined {
    return uri.scheme === PROPOSAL_SCHEME || uri.scheme === ORIGINAL_SCHEME ? vscode.Uri.parse(uri.query) : undefined;
  }

  refresh(document: vscode.Uri): void {
    this.emitter.fire(ProposalContentProvider.uriFor(document, PROPOSAL_SCHEME));
    this.emitter.fire(ProposalContentProvider.uriFor(document, ORIGINAL_SCHEME));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    // The script may have been closed (a diff can replace its preview tab): its proposals are still open.
    const source = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.query) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri.query)));
    return uri.scheme === ORIGINAL_SCHEME ? source.getText() : this.controller.proposedText(source);
  }
}

export function findProposal(controller: ReviewController, id: unknown): ReviewProposal | undefined {
  return controller.all().find((p) => p.id === id);
}
