import * as vscode from 'vscode';
import type { OutlineNode } from '../../outline/outlineModel';
import { isFountain, type FountainDocuments } from '../fountainDocuments';
import type { ScriptSessions } from '../scriptSessions';
import type { GenerationActivity } from './generationActivity';
import { registerOutlineNodeCommands } from './nodeCommands';
import { OutlineDragAndDrop } from './outlineDragAndDrop';
import { OutlineTreeProvider, REVEAL_NODE_COMMAND } from './outlineTreeProvider';
import { StoryFactsWatcher } from './storyFactsWatcher';

export const OUTLINE_VIEW_ID = 'dramaturge.outline';
/** Context key for the welcome view: 'noEditor' | 'noStory' | 'story'. */
export const OUTLINE_STATE_KEY = 'dramaturge.outline.state';

/** Cursor moves come in bursts while typing; follow them once they settle. */
const SELECTION_SYNC_MS = 120;

export interface OutlineTree extends vscode.Disposable {
  readonly provider: OutlineTreeProvider;
  readonly dragAndDrop: OutlineDragAndDrop;
  readonly view: vscode.TreeView<OutlineNode>;
}

/**
 * The "Dramaturge" outline view: follows the active Fountain editor, refreshes from the parsed
 * model when it updates, reveals a node's line on click and selects the scene under the cursor.
 */
export function registerOutlineTree(sessions: ScriptSessions, activity: GenerationActivity): OutlineTree {
  const documents: FountainDocuments = sessions.documents;
  const provider = new OutlineTreeProvider(documents, activity);
  const dragAndDrop = new OutlineDragAndDrop(provider, documents);
  const view = vscode.window.createTreeView(OUTLINE_VIEW_ID, { treeDataProvider: provider, dragAndDropController: dragAndDrop, showCollapseAll: true, canSelectMany: false });
  const facts = new StoryFactsWatcher(sessions, () => provider.currentDocument, (document, f) => provider.setFacts(document, f));
  let selectionTimer: ReturnType<typeof setTimeout> | undefined;

  const follow = (editor: vscode.TextEditor | undefined) => {
    // Focus moving to a non-script editor (settings, output) keeps the script's outline.
    if (editor && !isFountain(editor.document)) return;
    if (!editor && provider.currentDocument && !provider.currentDocument.isClosed) return;
    provider.follow(editor?.document);
    facts.schedule(0);
  };

  const syncSelection = (editor: vscode.TextEditor) => {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => {
      if (!view.visible || editor.document !== provider.currentDocument) return;
      const scene = documents.get(editor.document).sceneAt(editor.selection.active.line);
      const node = scene ? provider.sceneNode(scene.index) : undefined;
      if (node && view.selection[0] !== node) void view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }, SELECTION_SYNC_MS);
  };

  const disposables: vscode.Disposable[] = [
    provider,
    view,
    facts,
    provider.onDidChangeState((state) => void vscode.commands.executeCommand('setContext', OUTLINE_STATE_KEY, state)),
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor.document === provider.currentDocument) syncSelection(event.textEditor);
    }),
    view.onDidChangeVisibility((event) => {
      if (!event.visible) return;
      provider.refresh();
      if (vscode.window.activeTextEditor) syncSelection(vscode.window.activeTextEditor);
    }),
    documents.onDidUpdate((document) => {
      if (document !== provider.currentDocument) return;
      provider.refresh();
      facts.schedule();
    }),
    documents.onDidClose((uri) => {
      if (provider.currentDocument?.uri.toString() !== uri.toString()) return;
      provider.follow(vscode.window.visibleTextEditors.find((e) => isFountain(e.document) && !e.document.isClosed)?.document);
    }),
    activity.onDidChange((uri) => {
      if (provider.currentDocument?.uri.toString() === uri.toString()) provider.refresh(true);
    }),
    vscode.commands.registerCommand(REVEAL_NODE_COMMAND, (node?: OutlineNode) => revealNode(provider, node)),
    registerOutlineNodeCommands(provider, sessions, activity),
    { dispose: () => clearTimeout(selectionTimer) },
  ];
  follow(vscode.window.activeTextEditor);
  if (!provider.currentDocument) void vscode.commands.executeCommand('setContext', OUTLINE_STATE_KEY, 'noEditor');

  return {
    provider,
    dragAndDrop,
    view,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}

/** Moves the cursor to the node's line in its script; resolves to the new position. */
async function revealNode(provider: OutlineTreeProvider, node: OutlineNode | undefined): Promise<vscode.Position | undefined> {
  const document = provider.currentDocument;
  if (!node || node.line < 0 || !document) return undefined;
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
  const line = Math.min(node.line, document.lineCount - 1);
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return position;
}
