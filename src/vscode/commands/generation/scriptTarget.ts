import { posix } from 'node:path';
import * as vscode from 'vscode';
import { applyProposal, makeProposal } from '../../../story/proposal';
import type { Proposal } from '../../../story/proposal';
import type { Story } from '../../../story/schema';
import { parseItemId } from '../../../story/items';
import type { ItemRef } from '../../../story/items';
import type { ReadResult } from '../../../story/storyReader';
import { notTextContent } from '../../../story/scriptText';
import type { ScriptSession, ScriptSessions } from '../../scriptSessions';
import { itemAtLine, sceneAtLine } from '../../../story/itemAtLine';

/**
 * The argument that names a command's target without the cursor: what the outline tree's actions
 * pass, and what another extension or a keybinding may pass. `item` is a story item id
 * (`title`, `characters/2`, `scenes/4`).
 */
export interface ScriptItemArg {
  uri: vscode.Uri | string;
  item?: string;
  /** For Show Alternatives: how many. */
  count?: number;
}

/** The script and story item a command acts on, resolved once when the command starts. */
export interface ScriptTarget {
  session: ScriptSession;
  document: vscode.TextDocument;
  /** The story as it was when the command started, with where each item sits. */
  read: ReadResult;
  story: Story;
  /** The item named by the argument, else the one at the cursor. */
  item: ItemRef | undefined;
  /** The scene named by the argument, else the one the cursor is in. */
  scene: number | undefined;
  /** The editor the command was run from; absent when the argument named the script. */
  editor?: vscode.TextEditor;
}

export function isScriptItemArg(arg: unknown): arg is ScriptItemArg {
  if (!arg || typeof arg !== 'object' || !('uri' in arg)) return false;
  const uri = (arg as ScriptItemArg).uri;
  return typeof uri === 'string' || uri instanceof vscode.Uri;
}

/**
 * The script the argument names (opened if need be) and its item, else the active editor's script
 * and the item at its cursor. Tells the writer what is wrong and returns undefined when there is
 * no Fountain script to act on.
 */
export async function resolveTarget(sessions: ScriptSessions, arg: unknown): Promise<ScriptTarget | undefined> {
  if (isScriptItemArg(arg)) {
    const uri = typeof arg.uri === 'string' ? vscode.Uri.parse(arg.uri) : arg.uri;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    if (!usable(document)) return undefined;
    const session = sessions.get(document);
    const read = session.read();
    const item = arg.item ? parseItemId(arg.item) : undefined;
    const scene = item && (item.level === 'scenes' || item.level === 'beats') ? item.index : undefined;
    return { session, document, read, story: read.story, item, scene };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(OPEN_ONE);
    return undefined;
  }
  if (!usable(editor.document)) return undefined;
  const session = sessions.get(editor.document);
  const read = session.read();
  const line = editor.selection.active.line;
  return { session, document: editor.document, read, story: read.story, item: itemAtLine(read, line), scene: sceneAtLine(read, line), editor };
}

const OPEN_ONE = 'Open a Fountain screenplay (.fountain) first.';

function usable(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'fountain') {
    void vscode.window.showInformationMessage(OPEN_ONE);
    return false;
  }
  const why = notTextContent(document.getText());
  if (why) {
    // Proposals over mojibake would be accepted as text, and saving would write it over the file.
    void vscode.window.showErrorMessage(`${posix.basename(document.uri.path)} is not a Fountain script: ${why}. Dramaturge only writes into UTF-8 text files.`);
    return false;
  }
  return true;
}

/** A logline is every level's input: without one, ask for it and propose it along with the result. */
export async function withLogline(script: ScriptTarget): Promise<{ story: Story; before: Proposal[] } | undefined> {
  if (script.story.logline.trim()) return { story: script.story, before: [] };
  const logline = await vscode.window.showInputBox({ title: 'This screenplay has no logline yet', prompt: 'The story in one or two sentences', ignoreFocusOut: true });
  if (!logline?.trim()) return undefined;
  const p = makeProposal(script.story, { kind: 'logline', value: logline.trim().replace(/\s+/g, ' ') }, { model: 'writer', promptHash: '' });
  return { story: applyProposal(script.story, p), before: [p] };
}
