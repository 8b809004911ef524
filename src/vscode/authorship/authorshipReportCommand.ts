import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReport, reportMarkdown } from '../../provenance';
import { isFountain } from '../fountainDocuments';
import type { ScriptSessions } from '../scriptSessions';
import type { AuthorshipTracker } from './authorshipTracker';

/**
 * Authorship Report: who wrote what in the active script, as a Markdown document beside it
 * (with its preview), ready to save, print or adapt. Returns the report document.
 */
export async function showAuthorshipReport(sessions: ScriptSessions, tracker: AuthorshipTracker, target?: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
  const script = target ?? vscode.window.activeTextEditor?.document;
  if (!script || !isFountain(script)) {
    void vscode.window.showInformationMessage('Open a Fountain screenplay to report who wrote what.');
    return undefined;
  }
  const loaded = tracker.current(script);
  const session = sessions.get(script);
  const report = buildReport(script.getText(), session.model, loaded.authorship, loaded.models, { file: path.basename(script.uri.path), layout: session.read().layout });
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: reportMarkdown(report) });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  // The rendered preview reads better; the text stays open to edit before it is sent anywhere.
  void vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => undefined);
  return doc;
}
