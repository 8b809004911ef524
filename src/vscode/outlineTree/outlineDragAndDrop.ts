import * as vscode from 'vscode';
import type { OutlineNode } from '../../outline/outlineModel';
import { dropTargetLine, moveSceneEdits } from '../../outline/sceneMove';
import type { FountainDocuments } from '../fountainDocuments';
import type { OutlineTreeProvider } from './outlineTreeProvider';

export const OUTLINE_MIME = 'application/vnd.code.tree.dramaturge.outline';

/**
 * Dragging a scene onto another scene puts it before that scene; onto a section, at the start of
 * the section; onto "Scenes", at the end of the script. The whole move is one WorkspaceEdit, so a
 * single undo puts it back.
 */
export class OutlineDragAndDrop implements vscode.TreeDragAndDropController<OutlineNode> {
  readonly dragMimeTypes = [OUTLINE_MIME];
  readonly dropMimeTypes = [OUTLINE_MIME];

  constructor(
    private readonly provider: OutlineTreeProvider,
    private readonly documents: FountainDocuments,
  ) {}

  handleDrag(source: readonly OutlineNode[], dataTransfer: vscode.DataTransfer): void {
    const scenes = source.filter((n) => n.kind === 'scene');
    if (scenes.length) dataTransfer.set(OUTLINE_MIME, new vscode.DataTransferItem(scenes));
  }

  async handleDrop(target: OutlineNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    await this.drop(target, dataTransfer, token);
  }

  /** Resolves to whether the document changed. */
  async drop(target: OutlineNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<boolean> {
    const item = dataTransfer.get(OUTLINE_MIME);
    const document = this.provider.currentDocument;
    if (!item || !document || token.isCancellationRequested) return false;
    const dragged = (item.value as OutlineNode[] | undefined)?.[0];
    if (!dragged || dragged.kind !== 'scene' || target === dragged) return false;
    // Scenes live among scenes and sections; dropping on a character or place means nothing.
    if (target && target.kind !== 'scene' && target.kind !== 'section' && target.id !== 'group:scenes') return false;
    this.provider.refresh(); // node line numbers and indexes describe the current text
    const doc = this.documents.get(document);
    if (dragged.sceneIndex === undefined) return false;
    const edits = moveSceneEdits(doc, dragged.sceneIndex, dropTargetLine(doc, target?.kind === 'group' ? undefined : target));
    if (!edits) return false;
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) {
      edit.replace(document.uri, new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character), e.text);
    }
    return vscode.workspace.applyEdit(edit);
  }
}
