import * as vscode from 'vscode';
import type { FountainDocument } from '../fountain';
import { pageIndexOfLine, type Layout } from '../print';
import type { PageLayouts } from './pageLayouts';
import { Config, ConfigKeys } from './config';
import { isFountain, type FountainDocuments } from './fountainDocuments';
import { GO_TO_SCENE_COMMAND } from './commands/goToScene';

const MAX_HEADING_CHARS = 24;

/**
 * "Sc. 12 · BRICK'S PATIO · p. 34/120" for the scene under the cursor. Cursor moves only read
 * the last parsed model (`peek` + `sceneAt`); while edits are queued the store's debounced update
 * refreshes it, so typing never triggers a parse from here.
 */
export function registerSceneStatusBar(store: FountainDocuments, config: Config, layouts: PageLayouts): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dramaturge.scene', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Dramaturge: Current Scene';
  item.command = GO_TO_SCENE_COMMAND;

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isFountain(editor.document) || !config.statusBarEnabled) {
      item.hide();
      return;
    }
    const model = store.hasPendingEdits(editor.document) ? store.peek(editor.document) : store.get(editor.document);
    if (!model) return;
    const status = sceneStatus(model, layouts.layoutFor(model), editor.selection.active.line);
    item.text = status.text;
    item.tooltip = status.tooltip;
    item.show();
  };
  update();

  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === vscode.window.activeTextEditor) update();
    }),
    store.onDidUpdate((document) => {
      if (document === vscode.window.activeTextEditor?.document) update();
    }),
    config.onDidChange([ConfigKeys.statusBarEnabled, ...Config.printLayoutKeys], update),
  );
}

/** The page figures are the printed layout's (the PDF's): the page the cursor's line prints on, of all body pages. */
export function sceneStatus(model: FountainDocument, layout: Layout, line: number): { text: string; tooltip: string } {
  const total = layout.pages.length;
  const page = pageIndexOfLine(layout, line) + 1;
  const scene = model.sceneAt(line);
  if (!scene) return { text: `p. ${page}/${total}`, tooltip: 'Before the first scene' };
  const number = scene.sceneNumber ?? String(scene.index + 1);
  const place = shorten(scene.location || scene.headingText);
  const text = `Sc. ${number}${place ? ` · ${place}` : ''} · p. ${page}/${total}`;
  const tooltip = [
    scene.heading.trim(),
    scene.synopsis?.trim(),
    scene.characters.length > 0 ? `Characters: ${scene.characters.join(', ')}` : undefined,
    `Scene ${scene.index + 1} of ${model.outline.allScenes.length} · about ${formatDuration(scene.seconds)}`,
    'Click to go to another scene',
  ]
    .filter(Boolean)
    .join('\n');
  return { text, tooltip };
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_HEADING_CHARS ? trimmed : `${trimmed.slice(0, MAX_HEADING_CHARS - 1)}…`;
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}
