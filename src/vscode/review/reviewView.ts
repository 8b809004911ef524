import * as vscode from 'vscode';
import { inlineMarks } from '../../review/changeBlocks';
import type { ReviewController, ReviewProposal } from './reviewController';

/**
 * How open proposals look in the editor: removed words struck through, inserted words shown in
 * place as injected text (nothing is written to the document), the target marked in the gutter
 * and overview ruler, and a CodeLens "Accept | Reject" over every change block.
 */

export const PROPOSAL_SCHEME = 'dramaturge-proposal';

const removedStyle = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
  textDecoration: 'line-through',
});
const insertedStyle = vscode.window.createTextEditorDecorationType({
  before: {
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    color: new vscode.ThemeColor('editor.foreground'),
  },
});
const targetStyle = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  borderColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
  borderStyle: 'solid',
  borderWidth: '0 0 0 3px',
  overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
  overviewRulerLane: vscode.OverviewRulerLane.Left,
});

/** Injected text is one visual line: show line breaks as ⏎ so the shape of the insertion is visible. */
function visible(text: string): string {
  return text.replace(/\r?\n/g, '⏎ ');
}

export function renderDecorations(controller: ReviewController, editor: vscode.TextEditor): void {
  const document = editor.document;
  const removed: vscode.DecorationOptions[] = [];
  const inserted: vscode.DecorationOptions[] = [];
  const targets: vscode.Range[] = [];
  for (const p of controller.list(document.uri)) {
    targets.push(new vscode.Range(document.positionAt(p.span.start), document.positionAt(p.span.end)));
    for (const block of controller.blocks(document, p)) {
      const marks = inlineMarks(block);
      for (const r of marks.removed) removed.push({ range: new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)) });
      for (const ins of marks.inserted) {
        const at = document.positionAt(ins.at);
        inserted.push({ range: new vscode.Range(at, at), renderOptions: { before: { contentText: visible(ins.text) } } });
      }
    }
  }
  editor.setDecorations(removedStyle, removed);
  editor.setDecorations(insertedStyle, inserted);
  editor.setDecorations(targetStyle, targets);
}

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
      const head = new vscode.Range(document.positionAt(p.span.start), document.positionAt(p.span.start));
      if (p.streaming) {
        lenses.push(new vscode.CodeLens(head, { title: `$(loading~spin) Writing ${p.label}… (Esc to cancel)`, command: 'dramaturge.cancelGeneration' }));
        continue;
      }
      const blocks = this.controller.blocks(document, p);
      if (!blocks.length) {
        lenses.push(new vscode.CodeLens(head, { title: `${p.label}: no change — Dismiss`, command: 'dramaturge.review.reject', arguments: [p.id] }));
        continue;
      }
      blocks.forEach((block, index) => {
        const at = new vscode.Range(document.positionAt(block.oldStart), document.positionAt(block.oldStart));
        lenses.push(
          new vscode.CodeLens(at, { title: 'Accept', tooltip: `Accept this change (${p.label})`, command: 'dramaturge.review.acceptBlock', arguments: [p.id, index] }),
          new vscode.CodeLens(at, { title: 'Reject', tooltip: `Reject this change (${p.label})`, command: 'dramaturge.review.rejectBlock', arguments: [p.id, index] }),
        );
        if (index === 0) {
          if (blocks.length > 1) lenses.push(new vscode.CodeLens(at, { title: `Accept all ${blocks.length}`, command: 'dramaturge.review.accept', arguments: [p.id] }));
          lenses.push(new vscode.CodeLens(at, { title: `Side by side · ${p.label}`, command: 'dramaturge.review.showSideBySide' }));
        }
      });
    }
    return lenses;
  }
}

/** The virtual document `dramaturge-proposal:` shows a script with its open proposals accepted. */
export class ProposalContentProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly controller: ReviewController) {}

  static uriFor(document: vscode.Uri): vscode.Uri {
    return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: document.path, query: document.toString() });
  }

  refresh(document: vscode.Uri): void {
    this.emitter.fire(ProposalContentProvider.uriFor(document));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const source = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.query);
    return source ? this.controller.proposedText(source) : '';
  }
}

export function findProposal(controller: ReviewController, id: unknown): ReviewProposal | undefined {
  return controller.all().find((p) => p.id === id);
}
