import { classifyLine } from './lineClassifier';
import { INITIAL_STATE } from './parserState';
import { deriveModel, type DerivedModel } from './derivedModel';
import { LINE_BREAK, splitLines } from './lines';
import type {
  CharacterEntry,
  FountainLine,
  LineRange,
  LocationEntry,
  Outline,
  Scene,
  Section,
  TextEdit,
  TitlePageEntry,
} from './types';


/**
 * One parsed Fountain document: a record per line plus lazily derived structure (outline,
 * indexes), computed at most once per version and shared by every feature.
 */
export class FountainDocument {
  private texts: string[];
  private records: FountainLine[];
  private derived: DerivedModel | undefined;
  private _version = 0;
  private _lastChange: LineChange | undefined;

  private constructor(texts: string[]) {
    this.texts = texts;
    this.records = new Array<FountainLine>(texts.length);
    let state = INITIAL_STATE;
    for (let i = 0; i < texts.length; i++) {
      const line = classifyLine(texts[i], texts[i + 1], state);
      this.records[i] = line;
      state = line.state;
    }
  }

  static parse(text: string): FountainDocument {
    return new FountainDocument(splitLines(text));
  }

  get lines(): readonly FountainLine[] {
    return this.records;
  }

  get lineCount(): number {
    return this.records.length;
  }

  get version(): number {
    return this._version;
  }

  getText(): string {
    return this.texts.join('\n');
  }

  /**
   * Applies edits in order, each relative to the text left by the previous one (the semantics
   * of VS Code's `contentChanges`). Only lines whose meaning can change are classified again.
   */
  applyEdits(edits: readonly TextEdit[]): void {
    this._lastChange = undefined;
    for (const edit of edits) this.applyEdit(edit);
    const change = this._lastChange as LineChange | undefined;
    if (change) change.version = this._version + 1;
    this._version++;
    this.derived = undefined;
  }

  /**
   * What the last `applyEdits` re-classified, so a consumer (the page layout) can redo only that
   * part: lines [start, end) are new, every line from `end` on is the old line `n - lineDelta`.
   * `version` is the version the change produced; a consumer that skipped a version starts over.
   */
  get lastChange(): Readonly<LineChange> | undefined {
    return this._lastChange;
  }

  private applyEdit(edit: TextEdit): void {
    const last = this.texts.length - 1;
    const startLine = clamp(edit.startLine, 0, last);
    const endLine = clamp(edit.endLine, startLine, last);
    const startText = this.texts[startLine];
    const endText = this.texts[endLine];
    const startChar = clamp(edit.startCharacter, 0, startText.length);
    const endChar = endLine === startLine ? clamp(edit.endCharacter, startChar, endText.length) : clamp(edit.endCharacter, 0, endText.length);
    const replaced = (startText.slice(0, startChar) + edit.text + endText.slice(endChar)).split(LINE_BREAK);
    const oldCount = endLine - startLine + 1;
    this.texts.splice(startLine, oldCount, ...replaced);
    this.reclassify(startLine, oldCount, replaced.length);
  }

  /**
   * Lines [start, start+oldCount) were replaced by `newCount` lines. A line's class depends on the
   * state after the line before it and on the next line's text, so the line before the edit is
   * redone too; the pass stops at the first line after the edit whose outgoing state matches the
   * old one, because from there on everything parses as before.
   */
  private reclassify(start: number, oldCount: number, newCount: number): void {
    const texts = this.texts;
    const old = this.records;
    const delta = newCount - oldCount;
    const from = Math.max(0, start - 1);
    const lastChanged = start + newCount - 1;
    let state = from === 0 ? INITIAL_STATE : old[from - 1].state;
    const fresh: FountainLine[] = [];
    let k = from;
    for (; k < texts.length; k++) {
      const line = classifyLine(texts[k], texts[k + 1], state);
      fresh.push(line);
      state = line.state;
      if (k >= lastChanged && k + 1 < texts.length && old[k - delta].state === state) break;
    }
    const oldEnd = k < texts.length ? k - delta : old.length - 1;
    old.splice(from, oldEnd - from + 1, ...fresh);
    this.noteChange(from, from + fresh.length, delta);
  }

  /** Merges one edit's re-classified lines into `lastChange` (conservatively, for several edits). */
  private noteChange(start: number, end: number, delta: number): void {
    const prev = this._lastChange;
    if (!prev) {
      this._lastChange = { version: 0, start, end, lineDelta: delta };
      return;
    }
    const prevEnd = prev.end > start ? Math.max(start, prev.end + delta) : prev.end;
    this._lastChange = { version: 0, start: Math.min(prev.start, start), end: Math.max(end, prevEnd), lineDelta: prev.lineDelta + delta };
  }

  private get model(): DerivedModel {
    return (this.derived ??= deriveModel(this.records));
  }

  get outline(): Outline {
    return this.model.outline;
  }

  get characters(): ReadonlyMap<string, CharacterEntry> {
    return this.model.characters;
  }

  get locations(): ReadonlyMap<string, LocationEntry> {
    return this.model.locations;
  }

  get titlePage(): readonly TitlePageEntry[] {
    return this.model.titlePage;
  }

  get blocks(): readonly { kind: 'note' | 'boneyard'; range: LineRange }[] {
    return this.model.blocks;
  }

  get totalPages(): number {
    return this.model.totalPages;
  }

  sceneAt(line: number): Scene | undefined {
    const scenes = this.model.outline.allScenes;
    let lo = 0;
    let hi = scenes.length - 1;
    let found: Scene | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (scenes[mid].line <= line) {
        found = scenes[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && line <= found.range.end ? found : undefined;
  }

  sectionPathAt(line: number): Section[] {
    const path: Section[] = [];
    let level: readonly Section[] = this.model.outline.sections;
    for (;;) {
      const hit = level.find((s) => s.range.start <= line && line <= s.range.end);
      if (!hit) return path;
      path.push(hit);
      level = hit.sections;
    }
  }

  isDualLeft(line: number): boolean {
    return this.model.dualLeft.has(line);
  }
}

/** See `FountainDocument.lastChange`. */
export interface LineChange {
  version: number;
  start: number;
  end: number;
  lineDelta: number;
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}
