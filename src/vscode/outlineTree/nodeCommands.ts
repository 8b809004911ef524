import * as vscode from 'vscode';
import type { OutlineNode } from '../../outline/outlineModel';
import { itemId } from '../../story/items';
import type { ScriptSessions } from '../scriptSessions';
import { sceneAtLine } from '../../story/itemAtLine';
import type { GenerationActivity } from './generationActivity';
import type { OutlineTreeProvider } from './outlineTreeProvider';

/**
 * The tree's context-menu and inline actions. Each names its target to the generation command,
 * `{ uri, item }` with the story item id of the node, so the writer's cursor and selection stay
 * where they were; a scene is marked as generating in the tree until the command settles.
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

export function registerOutlineNodeCommands(provider: OutlineTreeProvider, sessions: ScriptSessions, activity: GenerationActivity): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  for (const [id, target] of Object.entries(SCENE_ACTIONS)) {
    disposables.push(
      vscode.commands.registerCommand(id, async (node?: OutlineNode) => {
        const document = await showScript(provider);
        const range = node?.sceneIndex !== undefined ? provider.sceneRange(node.sceneIndex) : undefined;
        if (!document || !node || node.sceneIndex === undefined || !range) return undefined;
        // The outline's scene and the story's are found by the same heading line.
        const scene = sceneAtLine(sessions.get(document).read(), range.start);
        if (scene === undefined) return undefined;
        const busy = activity.begin(document.uri, node.sceneIndex);
        try {
          return await vscode.commands.executeCommand(target, { uri: document.uri, item: itemId({ level: 'scenes', index: scene }) });
        } finally {
          busy.dispose();
        }
      }),
    );
  }
  for (const [id, target] of Object.entries(LEVEL_ACTIONS)) {
    disposables.push(
      vscode.commands.registerCommand(id, async () => {
        const document = await showScript(provider);
        return document ? vscode.commands.executeCommand(target, { uri: document.uri }) : undefined;
      }),
    );
  }
  return vscode.Disposable.from(...disposables);
}

/** Brings the tree's script into view (the review shows there) without touching its cursor. */
async function showScript(provider: OutlineTreeProvider): Promise<vscode.TextDocument | undefined> {
  const document = provider.currentDocument;
  if (!document) return undefined;
  provider.refresh();
  await vscode.window.showTextDocument(document, { preserveFocus: true, preview: false });
  return document;
}
