import * as vscode from 'vscode';
import { fountainSelector } from '../fountainDocuments';
import { ReviewController } from './reviewController';
import { PROPOSAL_SCHEME, ProposalCodeLenses, ProposalContentProvider, findProposal, renderDecorations } from './reviewView';

/**
 * The review feature: the controller, its decorations, CodeLens and side-by-side view, the
 * accept/reject/navigate commands, and the `dramaturge.hasProposal` context key that shows
 * Accept All / Reject All in the editor title and enables their keybindings.
 */
export function registerReview(): { controller: ReviewController; disposable: vscode.Disposable } {
  const controller = new ReviewController();
  const lenses = new ProposalCodeLenses(controller);
  const content = new ProposalContentProvider(controller);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const dirty = new Set<string>();

  const refreshNow = () => {
    pending = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      if (dirty.has(editor.document.uri.toString()) || controller.list(editor.document.uri).length) renderDecorations(controller, editor);
    }
    for (const key of dirty) content.refresh(vscode.Uri.parse(key));
    dirty.clear();
    lenses.refresh();
    updateContext();
  };
  // Streaming fires many updates a second: redraw at most every 50 ms.
  const refresh = (uri: vscode.Uri) => {
    dirty.add(uri.toString());
    pending ??= setTimeout(refreshNow, 50);
  };
  const updateContext = () => {
    const editor = vscode.window.activeTextEditor;
    const has = !!editor && controller.list(editor.document.uri).length > 0;
    void vscode.commands.executeCommand('setContext', 'dramaturge.hasProposal', has);
  };

  const activeDocument = () => vscode.window.activeTextEditor?.document;
  const documentOf = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

  const acceptCommand = async (id?: number) => {
    const one = id === undefined ? undefined : findProposal(controller, id);
    const document = one ? documentOf(one.uri) : activeDocument();
    if (!document) return false;
    return controller.accept(document, one ? [one] : controller.list(document.uri));
  };
  const rejectCommand = async (id?: number) => {
    const one = id === undefined ? undefined : findProposal(controller, id);
    const document = activeDocument();
    await controller.reject(one ? [one] : document ? [...controller.list(document.uri)] : []);
  };
  const blockCommand = (accept: boolean) => async (id: number, index: number) => {
    const proposal = findProposal(controller, id);
    const document = proposal && documentOf(proposal.uri);
    if (!proposal || !document) return false;
    if (accept) return controller.acceptBlock(document, proposal, index);
    controller.rejectBlock(document, proposal, index);
    return true;
  };
  const navigate = (direction: 1 | -1) => () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const document = editor.document;
    const starts = controller
      .list(document.uri)
      .flatMap((p) => (p.streaming ? [p.span.start] : controller.blocks(document, p).map((b) => b.oldStart)))
      .sort((a, b) => a - b);
    if (!starts.length) return;
    const here = document.offsetAt(editor.selection.active);
    const target = direction === 1 ? starts.find((s) => s > here) ?? starts[0] : [...starts].reverse().find((s) => s < here) ?? starts[starts.length - 1];
    const at = document.positionAt(target);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  const sideBySide = async () => {
    const document = activeDocument();
    if (!document) return;
    const proposed = ProposalContentProvider.uriFor(document.uri);
    const name = document.uri.path.split('/').pop() ?? 'script';
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposed, `${name} ↔ Proposal`, { preview: true });
  };

  const disposable = vscode.Disposable.from(
    controller,
    controller.onDidChange(refresh),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.window.onDidChangeVisibleTextEditors(() => {
      for (const editor of vscode.window.visibleTextEditors) renderDecorations(controller, editor);
    }),
    vscode.languages.registerCodeLensProvider(fountainSelector, lenses),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, content),
    vscode.commands.registerCommand('dramaturge.review.accept', acceptCommand),
    vscode.commands.registerCommand('dramaturge.review.reject', rejectCommand),
    vscode.commands.registerCommand('dramaturge.review.acceptAll', () => acceptCommand()),
    vscode.commands.registerCommand('dramaturge.review.rejectAll', () => rejectCommand()),
    vscode.commands.registerCommand('dramaturge.review.acceptBlock', blockCommand(true)),
    vscode.commands.registerCommand('dramaturge.review.rejectBlock', blockCommand(false)),
    vscode.commands.registerCommand('dramaturge.review.next', navigate(1)),
    vscode.commands.registerCommand('dramaturge.review.previous', navigate(-1)),
    vscode.commands.registerCommand('dramaturge.review.showSideBySide', sideBySide),
    // For the extension-host tests, which run in another module instance than the bundle.
    vscode.commands.registerCommand('dramaturge.review.testApi', () => ({ controller })),
  );
  return { controller, disposable };
}
