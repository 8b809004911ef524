import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, DiagnosticCodes } from './diagnostics';
import type { FountainDocuments } from './fountainDocuments';
import { suggestCueName } from '../fountain/likelyMistakes';

/**
 * Quick fixes for the Fountain diagnostics. The suggestion is recomputed from the current model
 * rather than read back from the message: diagnostics reach this provider as copies, and the text
 * may have changed since they were computed.
 */
export function registerDiagnosticFixes(
  selector: vscode.DocumentSelector,
  store: FountainDocuments,
): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      provideCodeActions(document, _range, context) {
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          const action =
            diagnostic.code === DiagnosticCodes.cueSpelling
              ? replaceCueFix(document, diagnostic, store)
              : diagnostic.code === DiagnosticCodes.headingNeedsBlankLine
                ? blankLineFix(document, diagnostic)
                : undefined;
          if (action) actions.push(action);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}

function replaceCueFix(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  store: FountainDocuments,
): vscode.CodeAction | undefined {
  const written = document.getText(diagnostic.range);
  const suggestion = written ? suggestCueName(store.get(document), written) : undefined;
  if (!suggestion) return undefined;
  const action = new vscode.CodeAction(`Replace with ${suggestion}`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, diagnostic.range, suggestion);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

function blankLineFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
  const line = diagnostic.range.start.line;
  if (line >= document.lineCount) return undefined;
  const action = new vscode.CodeAction('Insert a blank line after the scene heading', vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  // The editor converts '\n' to the document's own line ending.
  action.edit.insert(document.uri, document.lineAt(line).range.end, '\n');
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
