import { FountainDocument, LineTable, bomLength, splitLines, withLineBreak } from '../fountain';
import type { LineBreak } from '../fountain';
import { renderCharacterNote, renderHeading, renderPlaceNote, renderStory } from './fountainStore';
import { applyProposal } from './proposal';
import type { Proposal } from './proposal';
import type { Beat } from './schema';
import { readStoryWithLayout } from './storyReader';
import type { ItemLines, ReadResult } from './storyReader';

/**
 * Maps a story Proposal onto one text edit of the .fountain document it was made from: the exact
 * span of the item in the document as the writer formatted it, and the text that replaces it.
 * Accepting replaces only that item, so the writer's formatting everywhere else survives (a
 * whole-file re-render would normalise it). Missing items are inserted where the store's
 * convention puts them (title page, `# Characters`, `# Places`, after the last scene).
 */

export interface DocumentPatch {
  /** Offsets into the document text; `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

/** The document's lines (see `src/fountain/lines.ts`), and patches that keep its own line breaks and BOM. */
class Lines extends LineTable {
  readonly texts: string[];
  /** What inserted lines end with: the break most of the document's lines use. */
  readonly eol: LineBreak;
  constructor(text: string) {
    super(text);
    this.texts = this.starts.map((_, i) => this.lineText(i));
    this.eol = this.dominantBreak;
  }
  start(line: number): number {
    return this.starts[line];
  }
  /** Offset just past the line's text (before its line break). */
  end(line: number): number {
    return this.ends[line];
  }
  isBlank(line: number): boolean {
    return this.texts[line].trim() === '';
  }
  /** `\n` → the document's own line break. */
  native(text: string): string {
    return withLineBreak(text, this.eol);
  }
  replaceLines(first: number, last: number, text: string): DocumentPatch {
    return { start: this.start(first), end: this.end(last), text: this.native(text) };
  }
  /** Inserts `paragraphs` as their own paragraphs before line `line` (a line count appends). */
  insertBefore(line: number, paragraphs: string): DocumentPatch {
    let x = Math.min(line, this.count);
    // A trailing line break leaves an empty last "line": insert on it rather than after it.
    if (x >= this.count && this.count > 1 && this.texts[this.count - 1] === '') x = this.count - 1;
    const at = x < this.count ? this.start(x) : this.text.length;
    const unterminated = x >= this.count && this.text.length > bomLength(this.text);
    const prefix = (unterminated ? this.eol : '') + (x > 0 && !this.isBlank(x - 1) ? this.eol : '');
    const suffix = this.eol + (x < this.count && !this.isBlank(x) ? this.eol : '');
    return { start: at, end: at, text: prefix + this.native(paragraphs) + suffix };
  }
}

export function proposalPatch(documentText: string, proposal: Proposal): DocumentPatch {
  const lines = new Lines(documentText);
  const read = readStoryWithLayout(documentText);
  const { story, layout } = read;
  const c = proposal.change;
  switch (c.kind) {
    case 'title':
      return titlePageKey(lines, 'Title', c.value);
    case 'logline':
      return titlePageKey(lines, 'Logline', c.value);
    case 'characters':
      return listPatch(lines, read, 'characters', c.value.map(renderCharacterNote));
    case 'character':
      return itemPatch(lines, read, 'characters', c.index, renderCharacterNote(c.value));
    case 'place':
      return itemPatch(lines, read, 'places', c.index, renderPlaceNote(c.value));
    case 'beats':
      if (layout.scenes.length === 0) return lines.insertBefore(lines.count, beatsText(c.value, ''));
      return wholeDocumentPatch(lines, read, proposal);
    case 'beat': {
      const scene = layout.scenes[c.index];
      if (!scene) {
        const previous = story.beats[story.beats.length - 1]?.plotElement ?? '';
        return lines.insertBefore(lines.count, beatsText([c.value], previous));
      }
      const head = [renderHeading(c.value.place), ...(c.value.beat ? [`= ${c.value.beat}`] : [])].join('\n\n');
      return lines.replaceLines(scene.heading, scene.synopsis ?? scene.heading, head);
    }
    case 'scene': {
      const scene = layout.scenes[c.index];
      if (!scene) throw new Error(`Scene ${c.index + 1} is not in the document any more.`);
      if (scene.body) return lines.replaceLines(scene.body.start, scene.body.end, c.value);
      return lines.insertBefore((scene.synopsis ?? scene.heading) + 1, c.value);
    }
  }
}

/** Beats as headings and synopses, with a section wherever the plot element changes. */
function beatsText(beats: readonly Beat[], plotElementBefore: string): string {
  const out: string[] = [];
  let plotElement = plotElementBefore;
  for (const b of beats) {
    if (b.plotElement && b.plotElement !== plotElement) out.push(`# ${b.plotElement}`);
    plotElement = b.plotElement || plotElement;
    out.push(renderHeading(b.place));
    if (b.beat) out.push(`= ${b.beat}`);
  }
  return out.join('\n\n');
}

function titlePageKey(lines: Lines, key: 'Title' | 'Logline', value: string): DocumentPatch {
  const titlePage = FountainDocument.parse(lines.text).titlePage;
  const entry = titlePage.find((e) => e.key.toLowerCase() === key.toLowerCase());
  if (entry) return lines.replaceLines(entry.range.start, entry.range.end, `${key}: ${value}`);
  const line = `${key}: ${value}`;
  if (titlePage.length) {
    // The logline goes under the title, the title on top.
    const title = titlePage.find((e) => e.key.toLowerCase() === 'title');
    const at = key === 'Logline' && title ? title.range.end + 1 : 0;
    return { start: lines.start(at), end: lines.start(at), text: line + lines.eol };
  }
  if (lines.text.trim() === '') return { start: lines.start(0), end: lines.text.length, text: line + lines.eol };
  // No title page yet: a blank line ends the new one.
  return { start: lines.start(0), end: lines.start(0), text: line + lines.eol + lines.eol };
}

type BibleLevel = 'characters' | 'places';

function sectionLine(lines: Lines, title: string): number | undefined {
  for (let i = 0; i < lines.count; i++) if (/^\s*#+\s*/.test(lines.texts[i]) && lines.texts[i].replace(/^\s*#+/, '').trim().toLowerCase() === title) return i;
  return undefined;
}

/** Where a missing bible section goes: before `# Places` (for characters), else before the first other section or scene. */
function bibleInsertLine(lines: Lines, level: BibleLevel): number {
  if (level === 'characters') {
    const places = sectionLine(lines, 'places');
    if (places !== undefined) return places;
  }
  const doc = FountainDocument.parse(lines.text);
  for (let i = 0; i < doc.lines.length; i++) {
    const line = doc.lines[i];
    if (line.type === 'sceneHeading') return i;
    if (line.type === 'section' && !['characters', 'places'].includes(line.text.replace(/^\s*#+/, '').trim().toLowerCase())) return i;
  }
  return lines.count;
}

function appendToBible(lines: Lines, read: ReadResult, level: BibleLevel, paragraphs: string[]): DocumentPatch {
  const entries: ItemLines[] = read.layout[level];
  const body = paragraphs.join('\n\n');
  if (entries.length) return lines.insertBefore(entries[entries.length - 1].end + 1, body);
  const section = sectionLine(lines, level);
  if (section !== undefined) return lines.insertBefore(section + 1, body);
  const title = level === 'characters' ? 'Characters' : 'Places';
  return lines.insertBefore(bibleInsertLine(lines, level), `# ${title}\n\n${body}`);
}

function listPatch(lines: Lines, read: ReadResult, level: BibleLevel, paragraphs: string[]): DocumentPatch {
  const entries = read.layout[level];
  if (!entries.length) return appendToBible(lines, read, level, paragraphs);
  return lines.replaceLines(entries[0].start, entries[entries.length - 1].end, paragraphs.join('\n\n'));
}

/** One bible note. A paragraph may hold several notes: replace only the one at `index`. */
function itemPatch(lines: Lines, read: ReadResult, level: BibleLevel, index: number, note: string): DocumentPatch {
  const entries = read.layout[level];
  const entry = entries[index];
  if (!entry) return appendToBible(lines, read, level, [note]);
  const nth = entries.slice(0, index).filter((e) => e.start === entry.start).length;
  const from = lines.start(entry.start);
  const paragraph = lines.text.slice(from, lines.end(entry.end));
  const span = noteSpans(paragraph)[nth];
  if (!span) return lines.replaceLines(entry.start, entry.end, note);
  return { start: from + span.start, end: from + span.end, text: note };
}

/** Each `[[…]]` in `text`, from `[[` to the first `]]` after it (a linear scan, unlike a lazy regex retried at every `[`). */
function noteSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let open = text.indexOf('[['); open >= 0; ) {
    const close = text.indexOf(']]', open + 2);
    if (close < 0) break;
    spans.push({ start: open, end: close + 2 });
    open = text.indexOf('[[', close + 2);
  }
  return spans;
}

/**
 * The fallback for changes that move structure around (a whole new beat list over existing
 * scenes): re-render the story and replace only the lines between the first and last that
 * differ. Compared line by line, so the lines kept keep their own breaks (mixed ones too).
 */
function wholeDocumentPatch(lines: Lines, read: ReadResult, proposal: Proposal): DocumentPatch {
  const after = splitLines(renderStory(applyProposal(read.story, proposal), { titlePageExtras: read.titlePageExtras }));
  const before = lines.texts;
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let lastBefore = before.length - 1;
  let lastAfter = after.length - 1;
  while (lastBefore >= first && lastAfter >= first && before[lastBefore] === after[lastAfter]) {
    lastBefore--;
    lastAfter--;
  }
  const added = after.slice(first, lastAfter + 1);
  if (lastBefore < first) {
    // Only new lines, before line `first` or at the very end.
    if (first < lines.count) return { start: lines.start(first), end: lines.start(first), text: added.map((l) => l + lines.eol).join('') };
    return { start: lines.text.length, end: lines.text.length, text: added.map((l) => lines.eol + l).join('') };
  }
  if (added.length) return { start: lines.start(first), end: lines.end(lastBefore), text: added.join(lines.eol) };
  // Only removed lines: take one line break with them.
  if (lastBefore + 1 < lines.count) return { start: lines.start(first), end: lines.start(lastBefore + 1), text: '' };
  return { start: first > 0 ? lines.end(first - 1) : lines.start(0), end: lines.end(lastBefore), text: '' };
}

/** The smallest single replacement that turns `before` into `after`. */
export function minimalPatch(before: string, after: string): DocumentPatch {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

export function applyPatch(text: string, patch: DocumentPatch): string {
  return text.slice(0, patch.start) + patch.text + text.slice(patch.end);
}

/**
 * Several proposals against one document, applied in order, as one patch covering them all (a
 * whole-screenplay run: later items are placed in the document the earlier ones produced).
 */
export function combinedPatch(documentText: string, proposals: readonly Proposal[]): DocumentPatch {
  let text = documentText;
  for (const p of proposals) text = applyPatch(text, proposalPatch(text, p));
  return minimalPatch(documentText, text);
}
