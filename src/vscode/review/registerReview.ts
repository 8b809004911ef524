import * as vscode from 'vscode';
import { fountainSelector } from '../fountainDocuments';
import { ReviewController } from './reviewController';
import { ORIGINAL_SCHEME, PROPOSAL_SCHEME, ProposalCodeLenses, ProposalContentProvider, findProposal, ReviewDecorations } from './reviewView';
import type { ConfirmReplace } from './reviewController';
import { BlockComment, ProposalThreads } from './reviewThreads';

/**
 * The review feature: the controller, its decorations, proposed-lines widgets, CodeLens and
 * side-by-side view, the accept/reject/navigate commands, and the `dramaturge.hasProposal` context
 * key that shows Accept All / Reject All in the editor title and enables their keybindings.
 */
export function registerReview(confirmReplace?: ConfirmReplace): { controller: ReviewController; disposable: vscode.Disposable } {
  const controller = new ReviewController(confirmReplace);
  const decorations = new ReviewDecorations();
  const lenses = new ProposalCodeLenses(controller);
  const content = new ProposalContentProvider(controller);
  const threads = new ProposalThreads(controller);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const dirty = new Set<string>();

  const refreshNow = () => {
    pending = undefined;
    for (const editor of vscode.window.visibleTextEditors) {
      if (dirty.has(editor.document.uri.toString()) || controller.list(editor.document.uri).length) decorations.render(controller, editor);
    }
    for (const key of dirty) {
      const uri = vscode.Uri.parse(key);
      content.refresh(uri);
      const document = documentOf(uri);
      if (document) threads.render(document);
      else if (!controller.list(uri).length) threads.forget(uri);
    }
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
    const uri = activeScriptUri();
    void vscode.commands.executeCommand('setContext', 'dramaturge.hasProposal', !!uri && controller.list(uri).length > 0);
  };

  const documentOf = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  /** The script in the active editor, or the one the active side-by-side view shows. */
  const activeScriptUri = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && (ProposalContentProvider.sourceOf(uri) ?? uri);
  };
  /** A script may be closed while its proposals stay open (closing the tab never drops them). */
  const openScript = async (uri: vscode.Uri | undefined) => (uri ? documentOf(uri) ?? (await vscode.workspace.openTextDocument(uri)) : undefined);

  const acceptCommand = async (id?: number) => {
    const one = id === undefined ? undefined : findProposal(controller, id);
    const document = await openScript(one?.uri ?? activeScriptUri());
    if (!document) return false;
    return controller.accept(document, one ? [one] : controller.list(document.uri));
  };
  const rejectCommand = async (id?: number) => {
    const one = id === undefined ? undefined : findProposal(controller, id);
    const uri = activeScriptUri();
    await controller.reject(one ? [one] : uri ? [...controller.list(uri)] : []);
  };
  const blockCommand = (accept: boolean) => async (id: number, index: number) => {
    const proposal = findProposal(controller, id);
    const document = await openScript(proposal?.uri);
    if (!proposal || !document) return false;
    if (accept) return controller.acceptBlock(document, proposal, index);
    controller.rejectBlock(document, proposal, index);
    return true;
  };
  const commentCommand = (accept: boolean) => (comment: BlockComment) => blockCommand(accept)(comment.proposalId, comment.blockIndex);
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
    const uri = activeScriptUri();
    if (!uri) return;
    // Both sides are virtual documents: the original pane shows the script as it stands, without
    // the overlay; a pinned tab, so it never replaces (and closes) the script's preview tab.
    const original = ProposalContentProvider.uriFor(uri, ORIGINAL_SCHEME);
    const proposed = ProposalContentProvider.uriFor(uri, PROPOSAL_SCHEME);
    const name = uri.path.split('/').pop() ?? 'script';
    await vscode.commands.executeCommand('vscode.diff', original, proposed, `${name} ↔ Proposal`, { preview: false });
  };

  const disposable = vscode.Disposable.from(
    controller,
    decorations,
    threads,
    controller.onDidChange(refresh),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.window.onDidChangeVisibleTextEditors(() => {
      for (const editor of vscode.window.visibleTextEditors) decorations.render(controller, editor);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => controller.list(d.uri).length && refresh(d.uri)),
    // The original pane follows the writer's typing.
    vscode.workspace.onDidChangeTextDocument((e) => controller.list(e.document.uri).length && refresh(e.document.uri)),
    vscode.languages.registerCodeLensProvider(fountainSelector, lenses),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, content),
    vscode.workspace.registerTextDocumentContentProvider(ORIGINAL_SCHEME, content),
    vscode.commands.registerCommand('dramaturge.review.accept', acceptCommand),
    vscode.commands.registerCommand('dramaturge.review.reject', rejectCommand),
    vscode.commands.registerCommand('dramaturge.review.acceptAll', () => acceptCommand()),
    vscode.commands.registerCommand('dramaturge.review.rejectAll', () => rejectCommand()),
    vscode.commands.registerCommand('dramaturge.review.acceptBlock', blockCommand(true)),
    vscode.commands.registerCommand('dramaturge.review.rejectBlock', blockCommand(false)),
    vscode.commands.registerCommand('dramaturge.review.acceptComment', commentCommand(true)),
    vscode.commands.registerCommand('dramaturge.review.rejectComment', commentCommand(false)),
    vscode.commands.registerCommand('dramaturge.review.next', navigate(1)),
    vscode.commands.registerCommand('dramaturge.review.previous', navigate(-1)),
    vscode.commands.registerCommand('dramaturge.review.showSideBySide', sideBySide),
  );
  return { controller, disposable };
}
