import { scanInline, type InlineScan } from './inlineSpans';
import { Mode, atStart, inBoneyard, inNote, modeOf, packState, prevBlank } from './parserState';
import { HEADING_PREFIX, findSceneNumber } from './sceneHeading';
import { skipSpacesBack } from '../text/scan';
import type { FountainLine, LineType, Span } from './types';

const plainScan: InlineScan = { notes: undefined, boneyard: undefined, visible: '', inNote: false, inBoneyard: false };
const TITLE_KEY = /^([\p{L}\p{N}][^:]{0,40}):(.*)$/u;
const LOWERCASE = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const PAGE_BREAK = /^\s*={3,}\s*$/;

/**
 * Classifies one line. The result depends only on the incoming state, the line and whether the
 * next line is blank, never on anything further away; the incremental parser relies on this.
 */
export function classifyLine(text: string, nextText: string | undefined, stateIn: number): FountainLine {
  const scan = scanInline(text, inNote(stateIn), inBoneyard(stateIn), plainScan);
  const mode = modeOf(stateIn);
  const wasBlank = prevBlank(stateIn);
  const visible = scan.visible;
  const trimmed = visible.trim();

  const line: FountainLine = { type: 'action', text, state: 0 };
  if (scan.notes) line.notes = scan.notes;
  if (scan.boneyard) line.boneyard = scan.boneyard;

  // Lines holding only notes or boneyard are invisible in print; they leave the context as it was
  // so that, say, a cue after a cut-out block still reads as a cue.
  if (trimmed === '' && (scan.notes || scan.boneyard)) {
    line.type = scan.boneyard ? 'boneyard' : 'note';
    line.state = packState(wasBlank, mode === Mode.TitlePage ? Mode.Normal : mode, scan.inNote, scan.inBoneyard);
    return line;
  }

  const carry = packState(false, Mode.Normal, scan.inNote, scan.inBoneyard);
  const done = (type: LineType, nextMode: Mode, blank = false): FountainLine => {
    line.type = type;
    line.state = carry | packState(blank, nextMode, false, false);
    return line;
  };

  if (trimmed === '') {
    // Exactly two spaces keeps a dialogue block or an action paragraph going (the spec's way to
    // write an intentionally empty line).
    if (visible === '  ' && !wasBlank && mode !== Mode.TitlePage) {
      return done(mode === Mode.Dialogue ? 'dialogue' : 'action', mode);
    }
    return done('blank', Mode.Normal, true);
  }

  if (atStart(stateIn) || mode === Mode.TitlePage) {
    const key = TITLE_KEY.exec(visible);
    if (key && !(atStart(stateIn) && isTransition(trimmed))) {
      line.key = key[1].trim();
      return done('titleKey', Mode.TitlePage);
    }
    if (mode === Mode.TitlePage) return done('titleValue', Mode.TitlePage);
  }

  if (mode === Mode.Dialogue) {
    const first = trimmed.charCodeAt(0);
    if (first === 40 /* ( */ && trimmed.endsWith(')')) return done('parenthetical', Mode.Dialogue);
    if (first === 126 /* ~ */) return done('lyric', Mode.Dialogue);
    return done('dialogue', Mode.Dialogue);
  }

  const nextBlank = nextText === undefined || isBlank(nextText);
  const lead = visible.length - visible.trimStart().length;
  const first = trimmed.charCodeAt(0);

  switch (first) {
    case 61 /* = */:
      return done(PAGE_BREAK.test(visible) ? 'pageBreak' : 'synopsis', Mode.Normal);
    case 35 /* # */: {
      let depth = 1;
      while (depth < trimmed.length && trimmed.charCodeAt(depth) === 35) depth++;
      line.depth = Math.min(depth, 6);
      return done('section', Mode.Normal);
    }
    case 33 /* ! */:
      line.forced = true;
      return done('action', Mode.Normal);
    case 126 /* ~ */:
      line.forced = true;
      return done('lyric', Mode.Normal);
    case 46 /* . */:
      if (wasBlank && trimmed.length > 1 && trimmed.charCodeAt(1) !== 46) {
        line.forced = true;
        setSceneNumber(line, text);
        return done('sceneHeading', Mode.Normal);
      }
      return done('action', Mode.Normal);
    case 62 /* > */:
      if (trimmed.endsWith('<')) return done('centered', Mode.Normal);
      // `>A<UTHORIZED`: a stray `<` means this was never meant as markup.
      if (trimmed.includes('<')) return done('action', Mode.Normal);
      line.forced = true;
      return done('transition', Mode.Normal);
    case 64 /* @ */:
      if (wasBlank && !nextBlank && trimmed.length > 1) {
        line.forced = true;
        if (setCue(line, visible, lead + 1, text)) return done('character', Mode.Dialogue);
      }
      return done('action', Mode.Normal);
  }

  if (wasBlank && HEADING_PREFIX.test(trimmed)) {
    if (nextBlank || isSynopsis(nextText)) {
      setSceneNumber(line, text);
      return done('sceneHeading', Mode.Normal);
    }
    // A heading needs a blank line after it (a synopsis directly under it prints nothing, so it
    // counts as blank: that is how Beat and Highland writers attach beats to scenes). Without
    // one the line is action, flagged for diagnostics rather than misread as a character cue.
    line.headingWithoutBlankAfter = true;
    return done('action', Mode.Normal);
  }

  if (wasBlank && nextBlank && isTransition(trimmed)) return done('transition', Mode.Normal);

  if (wasBlank && !nextBlank && setCue(line, visible, lead, text)) return done('character', Mode.Dialogue);

  return done('action', Mode.Normal);
}

function isSynopsis(text: string | undefined): boolean {
  if (text === undefined) return false;
  const t = text.trimStart();
  return t.charCodeAt(0) === 61 /* = */ && !PAGE_BREAK.test(t);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** The spec's rule (uppercase, ends in `TO:`) plus the three endings every tool also accepts. */
const CLASSIC_ENDINGS = /^(?:FADE OUT|FADE TO BLACK|CUT TO BLACK)\.$/;

function isTransition(trimmed: string): boolean {
  return (trimmed.endsWith('TO:') || CLASSIC_ENDINGS.test(trimmed)) && !LOWERCASE.test(trimmed);
}

/**
 * Fills the cue fields if `visible` (from column `from`) reads as a character cue: a name with at
 * least one letter and no lowercase letter in any script, then optional extensions and `^`.
 * `@` has already been skipped for forced cues, which may contain lowercase (`@McCLANE`).
 */
function setCue(line: FountainLine, visible: string, from: number, raw: string): boolean {
  const body = visible.slice(from);
  const parts = cueParts(body);
  if (!parts) return false;
  const name = body.slice(0, parts.nameEnd).trim();
  if (name === '' || !LETTER.test(name)) return false;
  if (!line.forced && LOWERCASE.test(name)) return false;
  // Columns are in the raw line; they differ from `visible` only when a note sits inside the cue.
  const offset = visible === raw ? from : Math.max(0, raw.indexOf(name));
  const nameStart = offset + (body.length - body.trimStart().length);
  line.name = name;
  line.nameSpan = { start: nameStart, end: nameStart + name.length };
  if (parts.extensions.length) {
    line.extensions = parts.extensions.map(({ start, end }) => ({ text: body.slice(start, end), span: { start: offset + start, end: offset + end } }));
  }
  if (parts.dual) line.dualRight = true;
  return true;
}

interface CueParts {
  /** End of the name part (before the spaces that precede the extensions or the caret). */
  nameEnd: number;
  /** Each parenthesised extension, `(` to `)` inclusive, left to right. */
  extensions: { start: number; end: number }[];
  dual: boolean;
}

/**
 * Splits a cue into name, any number of parenthesised extensions and an optional dual-dialogue
 * caret, reading from the end: each extension runs from the first `(` after the previous `)` to
 * its `)`. One backward pass; the regular expression this replaces retried every split of a long
 * run of spaces (`A` + 2,000 spaces + `b` took a second, a long heading never finished).
 */
function cueParts(body: string): CueParts | undefined {
  let end = skipSpacesBack(body);
  let dual = false;
  if (end > 0 && body.charCodeAt(end - 1) === 94 /* ^ */) {
    dual = true;
    end = skipSpacesBack(body, end - 1);
  }
  const extensions: { start: number; end: number }[] = [];
  while (end > 1 && body.charCodeAt(end - 1) === 41 /* ) */) {
    const open = body.indexOf('(', body.lastIndexOf(')', end - 2) + 1);
    if (open < 0 || open > end - 2) break;
    extensions.unshift({ start: open, end });
    end = skipSpacesBack(body, open);
  }
  // A name never spans a line or paragraph separator (the parser's lines can still hold one).
  for (let i = 0; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x2028 || c === 0x2029) return undefined;
  }
  return { nameEnd: end, extensions, dual };
}

function setSceneNumber(line: FountainLine, raw: string): void {
  const n = findSceneNumber(raw);
  if (n) line.sceneNumber = { text: n.text, span: { start: n.start, end: n.end } };
}
