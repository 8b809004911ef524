import * as vscode from 'vscode';
import type { Scene } from '../../fountain';
import { isFountain, type FountainDocuments } from '../fountainDocuments';

export const GO_TO_SCENE_COMMAND = 'dramaturge.goToScene';

interface ScenePick extends vscode.QuickPickItem {
  scene: Scene;
}

/**
 * "Dramaturge: Go to Scene…": a quick pick of the scenes of the active script with their page
 * and synopsis. An optional 0-based scene index skips the pick (keybindings, the outline tree,
 * tests). Resolves to the heading position it moved to, or undefined when it did not move.
 */
export function registerGoToSceneCommand(store: FountainDocuments): vscode.Disposable {
  return vscode.commands.registerCommand(GO_TO_SCENE_COMMAND, async (sceneIndex?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isFountain(editor.document)) {
      void vscode.window.showInformationMessage('Go to Scene works in a Fountain screenplay: open a .fountain file first.');
      return undefined;
    }
    const scenes = store.get(editor.document).outline.allScenes;
    if (typeof sceneIndex === 'number') {
      const scene = scenes[sceneIndex];
      return scene ? reveal(editor, scene) : undefined;
    }
    if (scenes.length === 0) {
      void vscode.window.showInformationMessage('This script has no scene headings yet (e.g. "INT. HOUSE - DAY").');
      return undefined;
    }
    const picked = await pickScene(scenes, editor.selection.active.line);
    return picked ? reveal(editor, picked) : undefined;
  });
}

async function pickScene(scenes: readonly Scene[], cursorLine: number): Promise<Scene | undefined> {
  const items: ScenePick[] = scenes.map((scene) => ({
    scene,
    label: `${scene.sceneNumber ?? scene.index + 1}. ${scene.headingText.trim() || scene.heading.trim()}`,
    description: `p. ${Math.max(1, Math.floor(scene.page))}`,
    detail: scene.synopsis?.trim() || (scene.characters.length > 0 ? scene.characters.join(', ') : undefined),
  }));
  const quickPick = vscode.window.createQuickPick<ScenePick>();
  quickPick.title = 'Go to Scene';
  quickPick.placeholder = 'Type a location, a character or part of a synopsis';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = items;
  // Start on the scene the cursor is in, so arrow keys move to its neighbours.
  const current = [...items].reverse().find((item) => item.scene.line <= cursorLine);
  if (current) quickPick.activeItems = [current];
  return new Promise<Scene | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.scene ?? quickPick.activeItems[0]?.scene);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

function reveal(editor: vscode.TextEditor, scene: Scene): vscode.Position {
  const position = new vscode.Position(scene.line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  return position;
}
