import type { FountainDocument } from '../fountain';
import { endWithout } from '../text/scan';

/**
 * Moving a scene's whole text (heading through the line before the next scene or section) to
 * before another line, expressed as two non-overlapping edits on the ORIGINAL text so the caller
 * can apply them as one WorkspaceEdit (one undo step). Scenes carry their own trailing blank
 * lines; a block that has none (the last scene of a file) gets one, so the heading that follows it
 * stays a heading.
 */

export interface LineEdit {
  /** Replace [start, end) given as (line, character) pairs… */
  start: { line: number; character: number };
  end: { line: number; character: number };
  /** …with this text. */
  text: string;
}

/**
 * `targetLine`: the line the scene should start on, in the original text (a scene heading or a
 * section line), or `lineCount` for the end of the document. Returns undefined when the move
 * would change nothing.
 */
export function moveSceneEdits(doc: FountainDocument, sceneIndex: number, targetLine: number): LineEdit[] | undefined {
  const scene = doc.outline.allScenes[sceneIndex];
  if (!scene) return undefined;
  const { start, end } = scene.range;
  const lines = doc.lines;
  const lastLine = doc.lineCount - 1;
  if (targetLine >= start && targetLine <= end + 1) return undefined; // onto itself or just after it

  let block = lines.slice(start, end + 1).map((l) => l.text);
  // Trailing blank lines separate this scene from the next; keep exactly the ones it has, or one.
  if (block[block.length - 1].trim() !== '') block = [...block, ''];
  const text = block.join('\n') + '\n';

  // Remove the block with its line terminator; the last block has none, so take the one before it.
  const remove: LineEdit =
    end < lastLine
      ? { start: { line: start, character: 0 }, end: { line: end + 1, character: 0 }, text: '' }
      : { start: { line: start - 1, character: lines[start - 1]?.text.length ?? 0 }, end: { line: end, character: lines[end].text.length }, text: '' };
  if (end === lastLine && start === 0) return undefined;

  let insert: LineEdit;
  if (targetLine <= lastLine) {
    insert = { start: { line: targetLine, character: 0 }, end: { line: targetLine, character: 0 }, text };
  } else {
    // At the end of the document: the last line may not end with a newline, and may not be blank.
    const last = lines[lastLine].text;
    const lead = last.trim() === '' ? '\n' : '\n\n';
    insert = { start: { line: lastLine, character: last.length }, end: { line: lastLine, character: last.length }, text: lead + oneFinalNewline(text) };
  }
  return [remove, insert];
}

/** The target line for dropping onto a node: before a scene, at a section's first scene, or the end. */
export function dropTargetLine(doc: FountainDocument, target: { kind: string; line: number; sceneIndex?: number } | undefined): number {
  if (!target || target.line < 0) return doc.lineCount;
  if (target.kind === 'scene') return target.line;
  if (target.kind === 'section') {
    // Into the section, after its own heading line and any synopsis/notes before its first scene.
    const scene = doc.outline.allScenes.find((s) => s.line > target.line);
    const next = doc.lines.findIndex((l, i) => i > target.line && l.type === 'section');
    if (scene && (next < 0 || scene.line < next)) return scene.line;
    return next < 0 ? doc.lineCount : next;
  }
  return doc.lineCount;
}

/** `text` ending in at most one newline (it keeps none if it had none). */
function oneFinalNewline(text: string): string {
  const end = endWithout(text, '\n');
  return end < text.length ? text.slice(0, end + 1) : text;
}
