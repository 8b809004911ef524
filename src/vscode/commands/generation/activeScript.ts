import { posix } from 'node:path';
import * as vscode from 'vscode';
import { applyProposal, makeProposal } from '../../../story/proposal';
import type { Proposal } from '../../../story/proposal';
import type { Story } from '../../../story/schema';
import { readDocument } from './storyAtCursor';
import { notTextContent } from '../../../story/scriptText';

/** The Fountain script a command acts on, read once when the command starts. */
export interface ActiveScript {
  editor: vscode.TextEditor;
  document: vscode.TextDocument;
  story: Story;
}

/** The active Fountain script; otherwise tells the writer to open one and returns undefined. */
export function activeScript(): ActiveScript | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'fountain') {
    void vscode.window.showInformationMessage('Open a Fountain screenplay (.fountain) first.');
    return undefined;
  }
  const text = editor.document.getText();
  const why = notTextContent(text);
  if (why) {
    // Proposals over mojibake would be accepted as text, and saving would write it over the file.
    void vscode.window.showErrorMessage(`${posix.basename(editor.document.uri.path)} is not a Fountain script: ${why}. Dramaturge only writes into UTF-8 text files.`);
    return undefined;
  }
  return { editor, document: editor.document, story: readDocument(text).story };
}

/** A logline is every level's input: without one, ask for it and propose it along with the result. */
export async function withLogline(script: ActiveScript): Promise<{ story: Story; before: Proposal[] } | undefined> {
  if (script.story.logline.trim()) return { story: script.story, before: [] };
  const logline = await vscode.window.showInputBox({ title: 'This screenplay has no logline yet', prompt: 'The story in one or two sentences', ignoreFocusOut: true });
  if (!logline?.trim()) return undefined;
  const p = makeProposal(script.story, { kind: 'logline', value: logline.trim().replace(/\s+/g, ' ') }, { model: 'writer', promptHash: '' });
  return { story: applyProposal(script.story, p), before: [p] };
}
