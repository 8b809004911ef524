import * as vscode from 'vscode';
import type { FountainDocument, Scene, Section } from '../fountain';
import type { FountainDocuments } from './fountainDocuments';
import { lineRange, toRange, withoutTrailingBlankLines } from './modelRanges';

/**
 * Outline view and breadcrumbs: sections (`#` acts, sequences) nest by depth and hold their
 * scenes. Sections show as namespaces (containers), scenes as events (something happens).
 */
export function registerDocumentSymbols(
  selector: vscode.DocumentSelector,
  store: FountainDocuments,
): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(
    selector,
    { provideDocumentSymbols: (document) => documentSymbols(store.get(document)) },
    { label: 'Fountain' },
  );
}

export function documentSymbols(model: FountainDocument): vscode.DocumentSymbol[] {
  const outline = model.outline;
  return inDocumentOrder(
    outline.scenes.map((scene) => sceneSymbol(model, scene)),
    outline.sections.map((section) => sectionSymbol(model, section)),
  );
}

function sectionSymbol(model: FountainDocument, section: Section): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(
    // DocumentSymbol throws on an empty name, and `#` alone is a valid (empty) section.
    section.title.trim() || '(untitled section)',
    '',
    vscode.SymbolKind.Namespace,
    toRange(model, withoutTrailingBlankLines(model, section.range)),
    lineRange(model, section.line),
  );
  symbol.children = inDocumentOrder(
    section.scenes.map((scene) => sceneSymbol(model, scene)),
    section.sections.map((child) => sectionSymbol(model, child)),
  );
  return symbol;
}

function sceneSymbol(model: FountainDocument, scene: Scene): vscode.DocumentSymbol {
  const title = scene.headingText.trim() || scene.heading.trim() || '(untitled scene)';
  return new vscode.DocumentSymbol(
    scene.sceneNumber ? `${scene.sceneNumber}. ${title}` : title,
    scene.synopsis?.trim() || scene.timeOfDay,
    vscode.SymbolKind.Event,
    toRange(model, withoutTrailingBlankLines(model, scene.range)),
    lineRange(model, scene.line),
  );
}

function inDocumentOrder(...groups: vscode.DocumentSymbol[][]): vscode.DocumentSymbol[] {
  return groups.flat().sort((a, b) => a.range.start.line - b.range.start.line);
}
