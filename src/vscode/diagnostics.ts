import * as vscode from 'vscode';
import { ConfigKeys, type Config } from './config';
import type { FountainDocuments } from './fountainDocuments';
import { findMistakes, type Mistake } from '../fountain/likelyMistakes';

/** Shared with the quick fixes, which recognise their diagnostics by source and code. */
export const DIAGNOSTIC_SOURCE = 'Dramaturge';
export const DiagnosticCodes = {
  cueSpelling: 'cue-spelling',
  headingNeedsBlankLine: 'heading-needs-blank-line',
} as const;

/**
 * Warnings for likely mistakes, recomputed on the store's debounced update (never per keystroke):
 * a cue that is probably a misspelt known character, and a scene heading that Fountain reads as
 * something else because no blank line follows it.
 */
export function registerDiagnostics(store: FountainDocuments, config: Config): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('dramaturge');
  const refresh = (document: vscode.TextDocument) => {
    if (!config.diagnosticsEnabled) return;
    collection.set(document.uri, findMistakes(store.get(document)).map(toDiagnostic));
  };
  const refreshAll = () => {
    collection.clear();
    for (const document of store.documents()) refresh(document);
  };
  refreshAll();
  return vscode.Disposable.from(
    collection,
    store.onDidUpdate(refresh),
    store.onDidClose((uri) => collection.delete(uri)),
    config.onDidChange([ConfigKeys.diagnosticsEnabled], refreshAll),
  );
}

function toDiagnostic(mistake: Mistake): vscode.Diagnostic {
  const range = new vscode.Range(mistake.line, mistake.start, mistake.line, mistake.end);
  const diagnostic =
    mistake.kind === 'cueSpelling'
      ? new vscode.Diagnostic(
          range,
          `"${mistake.written}" differs from the much more frequent character ${mistake.suggestion} by ` +
            `${sameLetters(mistake.written, mistake.suggestion) ? 'case only' : 'one letter'}: did you mean ${mistake.suggestion}?`,
          vscode.DiagnosticSeverity.Warning,
        )
      : new vscode.Diagnostic(
          range,
          'This looks like a scene heading, but a scene heading needs a blank line after it; ' +
            'without one Fountain reads it as action or a character cue.',
          vscode.DiagnosticSeverity.Warning,
        );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = mistake.kind === 'cueSpelling' ? DiagnosticCodes.cueSpelling : DiagnosticCodes.headingNeedsBlankLine;
  return diagnostic;
}

function sameLetters(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
