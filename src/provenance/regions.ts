import type { FountainDocument } from '../fountain';
import { RESERVED_SECTIONS } from '../story/schema';
import { readStoryFromDocument } from '../story/storyReader';
import type { StoryLayout } from '../story/storyReader';
import type { Range } from './words';

/**
 * Where each level of the story sits in the text, as character ranges of the text itself (line
 * breaks as they are, a leading BOM counted): the title and logline values, the bible's notes,
 * the beats (headings, synopses, plot-element sections) and each scene's body. Read from the one
 * parsed model; nothing here parses again.
 */
export type Level = 'title' | 'logline' | 'bible' | 'beats' | 'scenes' | 'other';
export const LEVELS: readonly Level[] = ['title', 'logline', 'bible', 'beats', 'scenes', 'other'];

export interface SceneRegion {
  index: number;
  heading: string;
  /** The scene's body (its draft); empty when the scene has none yet. */
  body: Range;
}

export interface Regions {
  /** Each line's range (without its line break), in text offsets. */
  lines: Range[];
  /** Every line's level. */
  lineLevel: Level[];
  scenes: SceneRegion[];
  /** The title and logline ranges cover only their values, not the `Title:` key. */
  title?: Range;
  logline?: Range;
}

export function lineRanges(text: string): Range[] {
  const out: Range[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}

/** `layout` is where the story reader found each item in `doc`; the editor passes the one its script session holds. */
export function storyRegions(text: string, doc: FountainDocument, layout: StoryLayout = readStoryFromDocument(doc).layout): Regions {
  const lines = lineRanges(text);
  const lineLevel: Level[] = doc.lines.map(() => 'other');
  const mark = (from: number, to: number, level: Level) => {
    for (let l = from; l <= to && l < lineLevel.length; l++) lineLevel[l] = level;
  };
  for (const item of [...layout.characters, ...layout.places]) mark(item.start, item.end, 'bible');
  doc.lines.forEach((line, i) => {
    if (line.type === 'section' && !(RESERVED_SECTIONS as readonly string[]).includes(line.text.replace(/^\s*#+/, '').trim().toLowerCase())) lineLevel[i] = 'beats';
  });
  const scenes: SceneRegion[] = layout.scenes.map((s, index) => {
    mark(s.heading, s.heading, 'beats');
    if (s.synopsis !== undefined) mark(s.synopsis, s.synopsis, 'beats');
    if (s.body) mark(s.body.start, s.body.end, 'scenes');
    const body = s.body ? { start: lines[s.body.start].start, end: lines[s.body.end].end } : { start: lines[s.heading].end, end: lines[s.heading].end };
    return { index, heading: doc.lines[s.heading].text.trim(), body };
  });
  const valueOf = (line: number | undefined): Range | undefined => {
    if (line === undefined) return undefined;
    const entry = doc.titlePage.find((e) => e.line === line);
    if (!entry) return undefined;
    mark(entry.range.start, entry.range.end, line === layout.title ? 'title' : 'logline');
    const colon = doc.lines[line].text.indexOf(':');
    return { start: lines[line].start + colon + 1, end: lines[entry.range.end].end };
  };
  const title = valueOf(layout.title);
  const logline = valueOf(layout.logline);
  return { lines, lineLevel, scenes, title, logline };
}

/** The ranges of text that belong to a level (the title's and logline's keys excluded). */
export function levelRanges(regions: Regions, level: Level): Range[] {
  if (level === 'title') return regions.title ? [regions.title] : [];
  if (level === 'logline') return regions.logline ? [regions.logline] : [];
  const out: Range[] = [];
  regions.lineLevel.forEach((l, i) => {
    if (l !== level) return;
    const r = regions.lines[i];
    const last = out[out.length - 1];
    // Consecutive lines form one range, so words never straddle a cut.
    if (last && regions.lineLevel[i - 1] === level) last.end = r.end;
    else out.push({ ...r });
  });
  return out;
}
