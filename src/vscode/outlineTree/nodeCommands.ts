import * as vscode from 'vscode';
import type { OutlineNode } from '../../outline/outlineModel';
import type { GenerationActivity } from './generationActivity';
import type { OutlineTreeProvider } from './outlineTreeProvider';

/**
 * The tree's context-menu and inline actions. The generation commands work on the item at the
 * cursor, so each action puts the cursor in the node's text, then runs the command, and marks the
 * scene as generating in the tree until the command settles.
 */
const SCENE_ACTIONS: Record<string, string> = {
  'dramaturge.outline.generateScene': 'dramaturge.generateSceneAtCursor',
  'dramaturge.outline.regenerateScene': 'dramaturge.regenerateThis',
  'dramaturge.outline.showAlternatives': 'dramaturge.showAlternatives',
  'dramaturge.outline.continueScene': 'dramaturge.continueScene',
};

const LEVEL_ACTIONS: Record<string, string> = {
  'dramaturge.outline.generateTitle': 'dramaturge.generateTitle',
  'dramaturge.outline.generateCharacters': 'dramaturge.generateCharacters',
  'dramaturge.outline.generatePlaces': 'dramaturge.generatePlaces',
  'dramaturge.outline.generateBeats': 'dramaturge.generateBeats',
};

export function registerOutlineNodeCommands(provider: OutlineTreeProvider, activity: GenerationActivity): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  for (const [id, target] of Object.entries(SCENE_ACTIONS)) {
    disposables.push(
      vscode.commands.registerCommand(id, async (node?: OutlineNode) => {
        const editor = await editorAt(provider, node, (n, document) => {
          // A body line (not the heading or synopsis), so the command addresses the scene's text.
          const scene = n.sceneIndex !== undefined ? provider.sceneRange(n.sceneIndex) : undefined;
          return scene ? Math.min(scene.end, document.lineCount - 1) : n.line;
        });
        if (!editor || node?.sceneIndex === undefined) return undefined;
        const busy = activity.begin(editor.document.uri, node.sceneIndex);
        try {
          return await vscode.commands.executeCommand(target);
        } finally {
          busy.dispose();
        }
      }),
    );
  }
  for (const [id, target] of Object.entries(LEVEL_ACTIONS)) {
    disposables.push(
      vscode.commands.registerCommand(id, async (node?: OutlineNode) => {
        if (!(await editorAt(provider, node, (n) => Math.max(0, n.line)))) return undefined;
        return vscode.commands.executeCommand(target);
      }),
    );
  }
  return vscode.Disposable.from(...disposables);
}

async function editorAt(provider: OutlineTreeProvider, node: OutlineNode | undefined, lineOf: (node: OutlineNode, document: vscode.TextDocument) => number): Promise<vscode.TextEditor | undefined> {
  const document = provider.currentDocument;
  if (!document) return undefined;
  provider.refresh();
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
  if (node) {
    const position = new vscode.Position(Math.min(lineOf(node, document), document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
