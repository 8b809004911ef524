/**
 * The positioned Fountain model. Every line of the document gets exactly one record; positions
 * are (line index, UTF-16 column) so they map 1:1 onto VS Code positions. A leading BOM is not
 * part of the text (VS Code strips it too).
 */

export type LineType =
  | 'blank'
  | 'titleKey' // `Title: value` at the very start of the file
  | 'titleValue' // indented continuation of a title-page value
  | 'sceneHeading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyric'
  | 'transition'
  | 'centered'
  | 'section'
  | 'synopsis'
  | 'note' // a line that holds nothing but note text (`[[ ... ]]`, possibly multi-line)
  | 'boneyard' // a line that holds nothing but boneyard (`/* ... */`, possibly multi-line)
  | 'pageBreak';

/** Half-open column span [start, end) within one line. */
export interface Span {
  start: number;
  end: number;
}

export interface FountainLine {
  type: LineType;
  /** Raw line text without the line terminator. */
  text: string;
  /** True when the type was forced by markup (`.`, `@`, `!`, `>`, `~`). */
  forced?: boolean;
  /** Character cue: the name (without `@`, extensions or `^`), e.g. `HANS`. */
  name?: string;
  nameSpan?: Span;
  /** Character cue: each parenthesised extension, e.g. `(V.O.)`, `(CONT'D)`. */
  extensions?: { text: string; span: Span }[];
  /** Character cue ending in `^`: the right-hand side of dual dialogue. */
  dualRight?: boolean;
  /** Scene heading: `#1A#` scene number (text without the `#`s). */
  sceneNumber?: { text: string; span: Span };
  /** Action line that would be a scene heading if a blank line followed it. */
  headingWithoutBlankAfter?: boolean;
  /** Section depth 1..6 (`#`..`######`). */
  depth?: number;
  /** Title page: the key (e.g. `Title`, `Logline`) and the value span on this line. */
  key?: string;
  /** Inline note spans `[[...]]` on this line (a multi-line note contributes a span per line). */
  notes?: Span[];
  /** Inline boneyard spans `/* ... *\/` on this line. */
  boneyard?: Span[];
  /**
   * Parser state after this line, packed into a small integer. Two lines with the same text, the
   * same incoming state and the same next line always parse the same, which is what lets an
   * incremental update stop early.
   */
  state: number;
}

export interface LineRange {
  /** First line (inclusive). */
  start: number;
  /** Last line (inclusive). */
  end: number;
}

export interface Scene {
  /** 0-based ordinal among scenes. */
  index: number;
  /** Line of the heading. */
  line: number;
  heading: string;
  /** Heading without scene number and forcing dot. */
  headingText: string;
  /** e.g. `INT.`, `EXT.`, `INT./EXT.`, `I/E`, or '' for a forced heading. */
  prefix: string;
  location: string;
  timeOfDay: string;
  sceneNumber?: string;
  /** Lines covered: heading through the line before the next scene/section (inclusive). */
  range: LineRange;
  /** The first synopsis (`= ...`) inside the scene, if any. */
  synopsis?: string;
  /** Character names (normalised uppercase) who speak in the scene, in order of first speech. */
  characters: string[];
  /** Estimated page the scene starts on (1-based) and its length in pages (fractional). */
  page: number;
  pages: number;
  /** Estimated screen time in seconds (one page ≈ one minute). */
  seconds: number;
}

export interface Section {
  line: number;
  depth: number;
  title: string;
  range: LineRange;
  sections: Section[];
  scenes: Scene[];
}

export interface Outline {
  /** Top-level sections (depth 1, or the shallowest present). */
  sections: Section[];
  /** Scenes that come before any section. */
  scenes: Scene[];
  /** Every scene in document order. */
  allScenes: Scene[];
}

export interface CharacterEntry {
  /** Normalised name: uppercase, without `@`, extensions, `^`. */
  name: string;
  /** The spellings used in cues, with how often each was used. */
  spellings: Map<string, number>;
  /** Number of speeches (cues). */
  cues: number;
  /** Number of dialogue/lyric lines spoken. */
  lines: number;
  /** Cue line indexes in order. */
  cueLines: number[];
}

export interface LocationEntry {
  /** Location as written in the heading, uppercase-normalised, e.g. `BRICK'S PATIO`. */
  name: string;
  /** Scene indexes at this location. */
  scenes: number[];
}

export interface TitlePageEntry {
  key: string;
  /** Value with continuation lines joined by `\n`, indentation trimmed. */
  value: string;
  line: number;
  range: LineRange;
}

export interface TextEdit {
  /** Replace the text between these positions (inclusive start, exclusive end)… */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  /** …with this text (any line terminators). */
  text: string;
}
