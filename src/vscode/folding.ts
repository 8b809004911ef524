import * as vscode from 'vscode';
import type { FountainDocument, Section } from '../fountain';
import type { FountainDocuments } from './fountainDocuments';
import { withoutTrailingBlankLines } from './modelRanges';

/**
 * Folds sections, scenes, and multi-line notes and boneyard. Notes and boneyard are the
 * comments of Fountain, so they get the comment kind ("Fold All Block Comments" collapses them).
 */
export function registerFolding(selector: vscode.DocumentSelector, store: FountainDocuments): vscode.Disposable {
  return vscode.languages.registerFoldingRangeProvider(selector, {
    provideFoldingRanges: (document) => foldingRanges(store.get(document)),
  });
}

export function foldingRanges(model: FountainDocument): vscode.FoldingRange[] {
  const ranges: vscode.FoldingRange[] = [];
  const add = (start: number, end: number, kind?: vscode.FoldingRangeKind) => {
    if (end > start) ranges.push(new vscode.FoldingRange(start, end, kind));
  };
  const addSection = (section: Section) => {
    const range = withoutTrailingBlankLines(model, section.range);
    add(range.start, range.end);
    section.sections.forEach(addSection);
  };

  model.outline.sections.forEach(addSection);
  for (const scene of model.outline.allScenes) {
    const range = withoutTrailingBlankLines(model, scene.range);
    add(range.start, range.end);
  }
  for (const block of model.blocks) add(block.range.start, block.range.end, vscode.FoldingRangeKind.Comment);
  return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
}
