import { FountainDocument, splitHeading, withoutSceneNumber } from '../fountain';
import type { FountainLine } from '../fountain';
import { RESERVED_SECTIONS, emptyStory } from './schema';
import type { Beat, Character, Place, PlaceRef, Setting, Story } from './schema';
import { joinLines, skipSpaces } from '../text/scan';

/**
 * Reads a Story back from a .fountain file written with the convention documented in
 * `fountainStore.ts`, and from any hand-edited or hand-written Fountain file: every scene
 * becomes a beat + draft, bible notes become characters and places, sections become plot
 * elements. The lines each item came from are returned too, so callers can point at them.
 */

export interface ItemLines {
  /** First and last line (inclusive). */
  start: number;
  end: number;
}

export interface SceneLines {
  heading: number;
  synopsis?: number;
  /** The draft's lines; undefined while the scene has no body. */
  body?: ItemLines;
  /** Heading through the last line before the next scene or section. */
  whole: ItemLines;
}

export interface StoryLayout {
  title?: number;
  logline?: number;
  characters: ItemLines[];
  places: ItemLines[];
  scenes: SceneLines[];
}

export interface ReadResult {
  story: Story;
  layout: StoryLayout;
  /** Title-page lines the story does not model (`Author:`, `Draft date:`…), kept verbatim so a rewrite keeps them. */
  titlePageExtras: string[];
}

type Mode = 'characters' | 'places' | 'screenplay';

export function readStory(text: string): Story {
  return readStoryWithLayout(text).story;
}

export function readStoryWithLayout(text: string): ReadResult {
  return readStoryFromDocument(FountainDocument.parse(text));
}

/** The story from an already parsed script: the editor passes its one model instead of re-parsing. */
export function readStoryFromDocument(doc: FountainDocument): ReadResult {
  const lines = doc.lines;
  const story = emptyStory();
  const layout: StoryLayout = { characters: [], places: [], scenes: [] };
  const titlePageExtras: string[] = [];

  for (const entry of doc.titlePage) {
    const value = oneLine(entry.value);
    const key = entry.key.toLowerCase();
    if (key !== 'title' && key !== 'logline') {
      for (let l = entry.range.start; l <= entry.range.end; l++) titlePageExtras.push(lines[l].text);
    } else if (key === 'title') {
      story.title = value;
      layout.title = entry.line;
    } else if (key === 'logline') {
      story.logline = value;
      layout.logline = entry.line;
    }
  }

  let mode: Mode = 'screenplay';
  let plotElement = '';
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.type === 'section') {
      const title = sectionTitle(line.text);
      const reserved = (RESERVED_SECTIONS as readonly string[]).find((r) => r === title.toLowerCase());
      mode = (reserved as Mode | undefined) ?? 'screenplay';
      plotElement = reserved ? '' : title;
      i++;
    } else if (line.type === 'sceneHeading') {
      i = readScene(lines, i, plotElement, story, layout);
    } else if (mode !== 'screenplay' && line.text.trimStart().startsWith('[[')) {
      // A bible paragraph: one or more notes, possibly wrapped by hand over several lines.
      const start = i;
      while (i + 1 < lines.length && !isBlankText(lines[i + 1].text) && !isStructure(lines[i + 1])) i++;
      const body = lines
        .slice(start, i + 1)
        .map((l) => l.text.trim())
        .join(' ');
      for (const note of noteContents(body)) {
        if (mode === 'characters') {
          story.characters.push(parseCharacterNote(note));
          layout.characters.push({ start, end: i });
        } else {
          story.places.push(parsePlaceNote(note));
          layout.places.push({ start, end: i });
        }
      }
      i++;
    } else {
      i++;
    }
  }
  return { story, layout, titlePageExtras };
}

function readScene(lines: readonly FountainLine[], headingLine: number, plotElement: string, story: Story, layout: StoryLayout): number {
  let end = headingLine + 1;
  while (end < lines.length && lines[end].type !== 'sceneHeading' && lines[end].type !== 'section') end++;
  // [headingLine + 1, end) is the scene's content.
  let synopsis: number | undefined;
  for (let j = headingLine + 1; j < end; j++) {
    if (lines[j].type === 'synopsis') {
      synopsis = j;
      break;
    }
  }
  const bodyIndexes: number[] = [];
  for (let j = headingLine + 1; j < end; j++) if (j !== synopsis) bodyIndexes.push(j);
  while (bodyIndexes.length && isBlankText(lines[bodyIndexes[0]].text)) bodyIndexes.shift();
  while (bodyIndexes.length && isBlankText(lines[bodyIndexes[bodyIndexes.length - 1]].text)) bodyIndexes.pop();

  const beat: Beat = {
    place: parseHeading(lines[headingLine].text),
    plotElement,
    beat: synopsis === undefined ? '' : oneLine(lines[synopsis].text.replace(/^\s*=/, '')),
  };
  story.beats.push(beat);
  story.scenes.push({ draft: bodyIndexes.map((j) => lines[j].text).join('\n').trimEnd() });
  let lastContent = end - 1;
  while (lastContent > headingLine && isBlankText(lines[lastContent].text)) lastContent--;
  layout.scenes.push({
    heading: headingLine,
    synopsis,
    body: bodyIndexes.length ? { start: bodyIndexes[0], end: bodyIndexes[bodyIndexes.length - 1] } : undefined,
    whole: { start: headingLine, end: lastContent },
  });
  return end;
}

export function parseHeading(text: string): PlaceRef {
  let heading = text.trim();
  const forced = heading.startsWith('.') && !heading.startsWith('..');
  if (forced) heading = heading.slice(1);
  heading = withoutSceneNumber(heading);
  const parts = splitHeading(heading);
  return { setting: settingOf(parts.prefix), name: parts.location, time: parts.timeOfDay };
}

function settingOf(prefix: string): Setting {
  const p = prefix.replace(/\./g, '').toUpperCase();
  if (p === '') return 'NONE';
  if (p === 'INT') return 'INT';
  if (p === 'EXT' || p === 'EST') return 'EXT';
  return 'INT/EXT';
}

/**
 * The notes of one paragraph. Entries cannot contain `]]`, so the span from the first `[[` to
 * the last `]]` splits cleanly at every `]] [[`, and a description may itself end in `]`.
 */
function noteContents(paragraph: string): string[] {
  const open = paragraph.indexOf('[[');
  const close = paragraph.lastIndexOf(']]');
  if (open < 0 || close < open + 2) return [];
  return paragraph.slice(open + 2, close).split(/\]\]\s*\[\[/);
}

function isStructure(line: FountainLine): boolean {
  return line.type === 'section' || line.type === 'sceneHeading';
}

/** `NAME (alias, alias): description`; the parenthesis and the description are optional. */
export function parseCharacterNote(note: string): Character {
  const parts = characterNoteParts(note);
  if (!parts) {
    const colon = note.indexOf(':');
    return colon < 0
      ? { name: oneLine(note), description: '', aliases: [] }
      : { name: oneLine(note.slice(0, colon)), description: oneLine(note.slice(colon + 1)), aliases: [] };
  }
  const aliases = parts.aliases
    .split(',')
    .map((a) => oneLine(a))
    .filter((a) => a.length > 0);
  return { name: oneLine(parts.name), description: oneLine(parts.description), aliases };
}

/**
 * `NAME`, then optionally `(aliases)` with no parenthesis inside, then optionally `: description`;
 * undefined when the note has another shape. One left-to-right pass: the name runs to the first
 * `:`, `(` or `)`, so nothing is ever retried.
 */
function characterNoteParts(note: string): { name: string; aliases: string; description: string } | undefined {
  let i = 0;
  while (i < note.length && note[i] !== ':' && note[i] !== '(' && note[i] !== ')') i++;
  const name = note.slice(0, i);
  let aliases = '';
  if (note[i] === '(') {
    let close = i + 1;
    while (close < note.length && note[close] !== ')' && note[close] !== '(') close++;
    if (note[close] !== ')') return undefined;
    aliases = note.slice(i + 1, close);
    i = skipSpaces(note, close + 1);
  }
  if (i === note.length) return { name, aliases, description: '' };
  return note[i] === ':' ? { name, aliases, description: note.slice(i + 1) } : undefined;
}

/** `PLACE NAME: description`. */
export function parsePlaceNote(note: string): Place {
  const colon = note.indexOf(':');
  if (colon < 0) return { name: oneLine(note), description: '' };
  return { name: oneLine(note.slice(0, colon)), description: oneLine(note.slice(colon + 1)) };
}

function sectionTitle(text: string): string {
  return text.trim().replace(/^#+/, '').trim();
}

/** Hand-edited values may wrap over several lines; the story keeps them as one. */
function oneLine(text: string): string {
  return joinLines(text);
}

function isBlankText(text: string): boolean {
  return text.trim() === '';
}
