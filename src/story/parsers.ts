import type { Beat, Character, PlaceRef } from './schema';
import { BeatSchema, CharacterSchema, isHeadingLike } from './schema';
import { parseHeading } from './storyReader';
import { END_MARKER } from './prompts/common';
import { endWithout, isSpaceCode, opensSynopsis, skipSpaces, startWithout } from '../text/scan';

/**
 * Output parsers: turn what real models return (fences, "Sure, here's…", closing chatter,
 * reasoning blocks, lists cut off by max_tokens) into values of the story schemas. Lists keep every
 * complete item and say whether the model stopped early, so the caller can continue the list.
 */

export class OutputError extends Error {
  constructor(
    /** `overLimit`: a list longer than its level allows; final, never resampled. */
    readonly kind: 'empty' | 'unparseable' | 'degenerate' | 'overLimit',
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

export interface ListResult<T> {
  items: T[];
  /** The list never closed: the model ran out of tokens or stopped mid-item. */
  truncated: boolean;
}

/**
 * A chat preamble line ("Sure! Here's a draft of the scene, keeping the tone you described:"): an
 * interjection followed by punctuation, or a line that announces the answer (it ends in a colon or
 * names what it announces). "Great waves break." and "Okay" spoken as dialogue are not preambles,
 * so the interjection needs its punctuation.
 */
const INTERJECTIONS = ['sure', 'certainly', 'of course', 'absolutely', 'okay', 'ok', 'great', 'alright', 'all right'];
const ANNOUNCEMENTS = ["here's", 'here is', 'here are', 'below is', 'below are', "i've written", "i've created", "i've drafted", 'i have written', 'i have created', 'i have drafted'];
const ANNOUNCED = ['scene', 'draft', 'list', 'logline', 'title', 'version', 'continuation', 'next', 'line', 'paragraph'];
/** Openings of a closing line ("I hope this helps!") after which nothing belongs to the answer. */
const CLOSINGS = ['i hope', 'let me know', 'feel free', 'would you like', 'hope this', 'this scene ', 'this list ', 'this logline '];

/** Removes reasoning, everything after the end marker, fences, preambles and closing chatter. */
export function cleanReply(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n').replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
  const end = text.indexOf(END_MARKER);
  if (end >= 0) text = text.slice(0, end);
  text = text.trim();
  for (let i = 0; i < 3; i++) {
    const after = afterPreamble(text);
    if (after === undefined) break;
    text = after.trim();
  }
  // A fenced block, alone or amid chatter, is the answer.
  const fence = /```[\w-]*[^\S\n]*\n([\s\S]*?)(?:\n```|$)/.exec(text);
  if (fence && fence[1].trim()) text = fence[1];
  return withoutClosing(text).trim();
}

/**
 * Lines of an answer, as it would be stored, that are chat rather than script: a preamble
 * ("Sure! Here's the scene:"), closing chatter ("I hope this helps"), a code fence, or a
 * `<think>` tag. The same tests `cleanReply` strips by, applied to every line; for measuring
 * what got past the cleaner (`npm run eval`).
 */
export function chatterLines(text: string): string[] {
  return text.split(/\r\n?|\n/).filter((line) => {
    const t = line.trim();
    if (!t) return false;
    let lower = t.toLowerCase();
    if (t.startsWith('```') || /<\/?think>/.test(lower) || lower.startsWith('as an ai')) return true;
    if (CLOSINGS.some((c) => lower.startsWith(c))) return true;
    // "Sure, I'll help." is dialogue; "Sure! Here's the scene:" is not.
    const interjection = INTERJECTIONS.find((w) => lower.startsWith(w) && '!,.:—–-'.includes(lower[skipSpaces(lower, w.length)] ?? '\n'));
    if (interjection) lower = lower.slice(skipSpaces(lower, interjection.length) + 1).trim();
    const announcement = ANNOUNCEMENTS.find((w) => lower.startsWith(w) && !isWordChar(lower.charCodeAt(w.length)));
    return announcement !== undefined && (lower.endsWith(':') || ANNOUNCED.some((w) => hasWord(lower, w, announcement.length)));
  });
}

/** The text after a preamble line (from its line break on), or undefined when the first line is no preamble. */
function afterPreamble(text: string): string | undefined {
  const lineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  const line = text.slice(0, lineEnd).toLowerCase();
  const interjection = INTERJECTIONS.some((w) => line.startsWith(w) && '!,.:—–-'.includes(text[skipSpaces(text, w.length)] ?? '\n'));
  const announcement = ANNOUNCEMENTS.find((w) => line.startsWith(w) && !isWordChar(line.charCodeAt(w.length)));
  const announces = announcement !== undefined && (line.trimEnd().endsWith(':') || ANNOUNCED.some((w) => hasWord(line, w, announcement.length)));
  return interjection || announces ? text.slice(lineEnd) : undefined;
}

/** Whether `word` occurs in `text` at or after `from` as a whole word (`\b` on both sides). */
function hasWord(text: string, word: string, from: number): boolean {
  for (let i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) {
    if (!isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + word.length))) return true;
  }
  return false;
}

/** The text before the first line that opens with closing chatter (and the line breaks before it). */
function withoutClosing(text: string): string {
  for (let i = text.indexOf('\n'); i >= 0; ) {
    let next = i;
    while (text.charCodeAt(next) === 10) next++;
    const head = text.slice(next, next + 16).toLowerCase();
    if (CLOSINGS.some((c) => head.startsWith(c))) return text.slice(0, i);
    i = text.indexOf('\n', next);
  }
  return text;
}

/** `\w`: ASCII letters, digits and `_` (NaN, past the end, is not). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Where the answer starts after a leading `Label:` (any punctuation or markup around the label),
 * or -1. The colon is the last one in the run of non-word characters after the label.
 */
function afterLabel(text: string, label: string): number {
  let i = 0;
  while (i < text.length && !isWordChar(text.charCodeAt(i))) i++;
  if (text.slice(i, i + label.length).toLowerCase() !== label) return -1;
  let colon = -1;
  for (let j = i + label.length; j < text.length && !isWordChar(text.charCodeAt(j)); j++) if (text.charCodeAt(j) === 58) colon = j;
  return colon < 0 ? -1 : skipSpaces(text, colon + 1);
}

const QUOTES = '"“”\'`';

/**
 * Prose levels (logline, title, place, scene) ask for plain text. JSON in the answer (`{"` as an
 * object opens, or an answer that opens with `{`, or with `[` that is no `[[note`) means the model
 * answered something else or broke off mid-structure: that is never script text. Fountain itself
 * has no `{`. A scan, not a pattern: one pass, whatever the answer holds.
 */
function looksStructured(text: string): boolean {
  let start = 0;
  while (start < text.length && isSpaceCode(text.charCodeAt(start))) start++;
  if (text[start] === '{' || (text[start] === '[' && text[start + 1] !== '[')) return true;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    let j = i + 1;
    while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
    if (text[j] === '"') return true;
  }
  return false;
}

function requireProse(text: string, what: string, raw: string): void {
  if (looksStructured(text)) throw new OutputError('unparseable', `The model returned data instead of ${what}.`, raw);
}

/** Drops `**`, quotes and a leading "Label:" from a one-line answer. */
function unlabel(text: string, label: string): string {
  const from = afterLabel(text, label);
  const plain = (from < 0 ? text : text.slice(from)).replace(/\*\*|__/g, '').trim();
  return plain.slice(startWithout(plain, QUOTES), Math.max(startWithout(plain, QUOTES), endWithout(plain, QUOTES))).trim();
}

/** Single-line prose safe for the Fountain store. */
export function toInline(text: string): string {
  return text
    .replace(/\[\[|\]\]|\/\*|\*\//g, (m) => m[0])
    .replace(/\s+/g, ' ')
    .trim();
}

function firstParagraph(text: string, label: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  const labelled = lines.find((l) => afterLabel(l, label) >= 0);
  if (labelled) {
    const from = lines.indexOf(labelled);
    const para: string[] = [];
    for (let i = from; i < lines.length && (i === from || lines[i] !== ''); i++) para.push(lines[i]);
    return unlabel(para.join(' '), label);
  }
  return unlabel(text.split(/\n\s*\n/)[0] ?? '', label);
}

export function parseLogline(raw: string): string {
  requireProse(cleanReply(raw), 'a logline', raw);
  const value = toInline(firstParagraph(cleanReply(raw), 'logline'));
  if (!value) throw new OutputError('empty', 'The model returned no logline.', raw);
  return value;
}

export function parseTitle(raw: string): string {
  requireProse(cleanReply(raw), 'a title', raw);
  const value = toInline(firstParagraph(cleanReply(raw), 'title').split('\n')[0]).replace(/[.]$/, '');
  if (!value) throw new OutputError('empty', 'The model returned no title.', raw);
  return value;
}

export function parsePlaceDescription(raw: string): string {
  requireProse(cleanReply(raw), 'a place description', raw);
  const value = toInline(firstParagraph(cleanReply(raw), 'description'));
  if (!value) throw new OutputError('empty', 'The model returned no place description.', raw);
  return value;
}

/** A Fountain-safe name: uppercase, no separators the store reserves. */
export function toName(text: string): string {
  return toInline(text.replace(/\*\*/g, '').replace(/[:()#^@,\[\]]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The complete top-level objects of the first JSON array in `text`, even when the array is cut
 * off; a trailing half-object is dropped and reported as truncation.
 */
export function salvageJsonArray(text: string): { objects: unknown[]; closed: boolean; found: boolean } {
  const start = text.indexOf('[');
  if (start < 0) {
    const single = text.indexOf('{');
    if (single < 0) return { objects: [], closed: false, found: false };
    // A lone object where a list of one was asked for.
    const one = salvageJsonArray(`[${text.slice(single)}]`);
    return one;
  }
  const objects: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let objectStart = -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) objectStart = i;
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0 && c === ']') return { objects, closed: true, found: true };
      depth--;
      if (depth === 0 && objectStart >= 0) {
        const json = text.slice(objectStart, i + 1).replace(/,\s*([}\]])/g, '$1');
        try {
          objects.push(JSON.parse(json));
        } catch {
          // A malformed item is skipped rather than failing the whole list.
        }
        objectStart = -1;
      }
    }
  }
  return { objects, closed: false, found: true };
}

function field(o: Record<string, unknown>, ...keys: string[]): string {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string') return v;
  }
  return '';
}

function toCharacter(o: unknown): Character | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const r = o as Record<string, unknown>;
  const name = toName(field(r, 'name', 'Name', 'character')).toUpperCase();
  const rawAliases = Array.isArray(r.aliases) ? r.aliases : typeof r.aliases === 'string' ? r.aliases.split(',') : [];
  const aliases = [...new Set(rawAliases.filter((a): a is string => typeof a === 'string').map(toName).filter((a) => a && a.toUpperCase() !== name))];
  const candidate = { name, description: toInline(field(r, 'description', 'Description', 'bio')), aliases };
  return CharacterSchema.safeParse(candidate).success ? candidate : undefined;
}

/** Line fallback: `- **NAME** (alias): description` or `NAME: description`. */
function characterLines(text: string): Character[] {
  const out: Character[] = [];
  for (const line of text.split('\n')) {
    const parts = characterLine(line);
    const c = parts && toCharacter(parts);
    if (c) out.push(c);
  }
  return out;
}

const NAME_STOPS = ':*()';
const DASHES = '—–-';

/**
 * One list line: an optional bullet or number, the name (optionally in `**`), optional
 * `(aliases)`, then `:` or a dash and the description. Scanned left to right once; a name that
 * holds a hyphen (`JEAN-LUC: …`) keeps it when a colon follows.
 */
function characterLine(line: string): { name: string; aliases: string[]; description: string } | undefined {
  let i = skipSpaces(line);
  if ('-*•'.includes(line[i] ?? '\n')) i++;
  else {
    let d = i;
    while (line.charCodeAt(d) >= 48 && line.charCodeAt(d) <= 57) d++;
    if (d > i && (line[d] === '.' || line[d] === ')')) i = d + 1;
  }
  const nameStart = startWithout(line, '*', skipSpaces(line, i));
  let nameEnd = nameStart;
  while (nameEnd < line.length && !NAME_STOPS.includes(line[nameEnd])) nameEnd++;
  if (nameEnd === nameStart) return undefined;
  let j = skipSpaces(line, startWithout(line, '*', nameEnd));
  let aliases = '';
  if (line[j] === '(') {
    const close = line.indexOf(')', j);
    const inner = close < 0 ? '' : line.slice(j + 1, close);
    if (close >= 0 && !inner.includes('(')) {
      aliases = inner;
      j = skipSpaces(line, startWithout(line, '*', skipSpaces(line, close + 1)));
    }
  }
  if (j < line.length - 1 && (line[j] === ':' || DASHES.includes(line[j]))) {
    return { name: line.slice(nameStart, nameEnd), aliases: aliases.split(','), description: line.slice(descriptionStart(line, j + 1)) };
  }
  // `NAME - description`: the first dash inside the name run separates them.
  for (let d = nameStart + 1; d < nameEnd - 1; d++) {
    if (DASHES.includes(line[d])) return { name: line.slice(nameStart, d), aliases: [], description: line.slice(descriptionStart(line, d + 1)) };
  }
  return undefined;
}

/** After a separator: spaces, then the description (which keeps at least one character). */
function descriptionStart(line: string, from: number): number {
  return Math.min(skipSpaces(line, from), line.length - 1);
}

export function parseCharacters(raw: string): ListResult<Character> {
  const text = cleanReply(raw);
  const { objects, closed, found } = salvageJsonArray(text);
  let items = objects.map(toCharacter).filter((c): c is Character => !!c);
  if (!found || (items.length === 0 && closed)) items = characterLines(text);
  const unique = items.filter((c, i) => items.findIndex((d) => d.name === c.name) === i);
  if (unique.length === 0) throw new OutputError(found && !closed ? 'empty' : 'unparseable', 'The model returned no characters the store can hold.', raw);
  return { items: unique, truncated: found && !closed };
}

/** Accepts `INT. PLACE - TIME` headings, or separate setting/place/time fields. */
function toPlaceRef(r: Record<string, unknown>): PlaceRef | undefined {
  const heading = field(r, 'heading', 'sceneHeading', 'scene_heading', 'slugline', 'place', 'location');
  if (!heading) return undefined;
  const text = isHeadingLike(heading) ? heading : `INT. ${heading}`;
  const ref = parseHeading(toInline(text).replace(/#/g, ''));
  const time = ref.time.toUpperCase().replace(/ - /g, ' ');
  const name = toName(ref.name).toUpperCase();
  return name ? { setting: ref.setting === 'NONE' ? 'INT' : ref.setting, name: time ? name : name.replace(/ - /g, ' '), time } : undefined;
}

function toBeat(o: unknown, previous: Beat | undefined): Beat | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const r = o as Record<string, unknown>;
  const place = toPlaceRef(r);
  if (!place) return undefined;
  const plot = toInline(field(r, 'plotElement', 'plot_element', 'element', 'act')).replace(/^#+\s*/, '');
  const candidate: Beat = { place, plotElement: plot || previous?.plotElement || '', beat: toInline(field(r, 'beat', 'summary', 'description')) };
  return BeatSchema.safeParse(candidate).success ? candidate : undefined;
}

/** `previous` is the beat before the list, whose plot element carries on into it. */
export function parseBeats(raw: string, previous?: Beat): ListResult<Beat> {
  const text = cleanReply(raw);
  const { objects, closed, found } = salvageJsonArray(text);
  const items: Beat[] = [];
  for (const o of objects) {
    const b = toBeat(o, items[items.length - 1] ?? previous);
    if (b) items.push(b);
  }
  if (items.length === 0) throw new OutputError(found && !closed ? 'empty' : 'unparseable', 'The model returned no scene list the store can hold.', raw);
  return { items, truncated: found && !closed };
}

/** `**NAME**: speech` or `**NAME**` alone: [name, speech]. */
function markdownCue(line: string): [string, string] | undefined {
  const open = skipSpaces(line);
  if (!line.startsWith('**', open)) return undefined;
  const close = line.indexOf('*', open + 2);
  if (close <= open + 2 || line[close + 1] !== '*') return undefined;
  let rest = skipSpaces(line, close + 2);
  if (line[rest] === ':') rest = skipSpaces(line, rest + 1);
  return [line.slice(open + 2, close), line.slice(rest)];
}

const CHAT_NAME_CHAR = /^[\p{L}\p{N} .'\-]$/u;
const LETTER_FIRST = /^\p{L}/u;

/** `NAME: speech` or `NAME (V.O.): speech` with a name of at most 31 characters: [name, extension, speech]. */
function chatCue(line: string): [string, string, string] | undefined {
  if (!LETTER_FIRST.test(line)) return undefined;
  let end = 1;
  while (end < line.length && end < 31 && CHAT_NAME_CHAR.test(line[end])) end++;
  const nameEnd = Math.max(1, endWithout(line, ' ', end));
  let colon = end;
  let extension = '';
  const open = skipSpaces(line, end);
  if (line[open] === '(') {
    const close = line.indexOf(')', open);
    if (close < 0) return undefined;
    extension = line.slice(nameEnd, close + 1);
    colon = close + 1;
  }
  // `: speech` needs a space after the colon and something after the space.
  if (line[colon] !== ':' || !isSpaceCode(line.charCodeAt(colon + 1)) || colon + 2 >= line.length) return undefined;
  return [line.slice(0, extension ? nameEnd : colon), extension, line.slice(Math.min(skipSpaces(line, colon + 1), line.length - 1))];
}

/** A `Scene 3:` / `## Scene 3 -` / `**Scene 3**` label line, which the store never keeps. */
function isSceneLabel(line: string): boolean {
  let i = skipSpaces(line);
  if (line[i] === '#') i = skipSpaces(line, startWithout(line, '#', i));
  if (line.startsWith('**', i)) i += 2;
  i = skipSpaces(line, i);
  if (line.slice(i, i + 5).toLowerCase() !== 'scene') return false;
  const digits = skipSpaces(line, i + 5);
  if (digits === i + 5) return false;
  let d = digits;
  while (line.charCodeAt(d) >= 48 && line.charCodeAt(d) <= 57) d++;
  if (d === digits) return false;
  if (/^[a-z]$/i.test(line[d] ?? '')) d++;
  d = skipSpaces(line, d);
  return ':.-—–'.includes(line[d] ?? '\n') || line.startsWith('**', d);
}

/**
 * A model's scene reply as a valid Fountain scene body: no heading (the store writes it), no
 * `Scene 1:` labels or markdown headers, cues in uppercase on their own line, nothing the store
 * would read as structure.
 */
export function parseSceneDraft(raw: string, knownNames: readonly string[] = [], cutOff = false): { draft: string; truncated: boolean } {
  let text = cleanReply(raw);
  requireProse(text, 'a scene', raw);
  const lines = text.split('\n');
  const out: string[] = [];
  const known = new Set(knownNames.map((n) => n.toUpperCase()));
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trimEnd();
    const prevBlank = out.length === 0 || out[out.length - 1].trim() === '';
    if (isSceneLabel(line)) continue;
    if (isHeadingLike(line)) {
      if (out.every((l) => l.trim() === '')) continue; // the heading the store already writes
      line = '!' + line.trim(); // a mid-scene heading stays visible as action, not a new scene
    }
    if (/^\s*#/.test(line)) line = line.replace(/^\s*#+\s*/, '');
    if (opensSynopsis(line)) continue;
    const md = markdownCue(line);
    if (md && /^[\p{Lu}\p{N} .'\-]+$/u.test(md[0].trim()) && prevBlank) {
      pushCue(out, md[0].trim(), md[1]);
      continue;
    }
    const chat = chatCue(line);
    // `NAME: line` is a cue when NAME is a known character, or (with no cast given) written in capitals.
    if (chat && prevBlank && (known.has(chat[0].trim().toUpperCase()) || (known.size === 0 && chat[0] === chat[0].toUpperCase()))) {
      pushCue(out, chat[0].trim() + chat[1], chat[2]);
      continue;
    }
    const bare = line.trim();
    if (prevBlank && known.has(bare.toUpperCase()) && bare !== bare.toUpperCase() && (lines[i + 1] ?? '').trim() !== '') {
      line = bare.toUpperCase();
    }
    out.push(line);
  }
  text = stripUnbalanced(out.join('\n')).replace(/\n{3,}/g, '\n\n').trim();
  if (cutOff) text = finishedPart(text);
  if (!text) throw new OutputError('empty', 'The model returned an empty scene.', raw);
  return { draft: text, truncated: cutOff };
}

const FINISHED = /[.!?…"')\]—-]$/;

/**
 * What a reply cut off at the token limit finished saying: its complete paragraphs, or, when the
 * first paragraph itself was cut, its complete sentences. A cue whose speech never came is dropped
 * with it, and so is a lone paragraph with no sentence end at all.
 */
function finishedPart(text: string): string {
  const paragraphs = text.split('\n\n');
  if (paragraphs.length > 1) {
    if (!FINISHED.test(paragraphs[paragraphs.length - 1])) paragraphs.pop();
    return paragraphs.join('\n\n').trim();
  }
  if (FINISHED.test(text)) return text;
  const lines = text.split('\n');
  const last = lines.pop()!;
  const end = Math.max(...['. ', '! ', '? ', '… '].map((mark) => last.lastIndexOf(mark)));
  if (end >= 0) lines.push(last.slice(0, end + 1));
  // Only a cue (and a parenthetical) whose speech was cut: nothing worth keeping.
  const saysSomething = lines.some((line) => !/^\s*\(.*\)\s*$/.test(line) && /\p{Ll}/u.test(line));
  return saysSomething ? lines.join('\n') : '';
}

function pushCue(out: string[], cue: string, speech: string): void {
  if (out.length && out[out.length - 1].trim() !== '') out.push('');
  out.push(cue.toUpperCase());
  const said = speech.trim();
  const close = said.startsWith('(') ? said.indexOf(')') : -1;
  if (close > 0) {
    out.push(said.slice(0, close + 1));
    const rest = said.slice(close + 1).trim();
    if (rest) out.push(rest);
  } else if (said) out.push(said);
  // A cue alone on its line (`**NAME**`) is followed directly by its dialogue.
  if (speech.trim()) out.push('');
}

/** An unclosed note or boneyard would swallow the following scenes; drop its markup. */
function stripUnbalanced(text: string): string {
  const balanced = (open: string, close: string) => {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith(open, i)) {
        if (depth) return false;
        depth++;
        i++;
      } else if (text.startsWith(close, i)) {
        if (!depth) return false;
        depth--;
        i++;
      }
    }
    return depth === 0;
  };
  if (!balanced('[[', ']]')) text = text.replace(/\[\[|\]\]/g, (m) => m[0]);
  if (!balanced('/*', '*/')) text = text.replace(/\/\*|\*\//g, '');
  return text;
}

/**
 * A reply that loops: the same paragraph three or more times, or one line repeated four times in
 * a row. Small models under greedy decoding do this; the caller resamples.
 */
export function isDegenerate(text: string): boolean {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter((p) => p.length >= 12);
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const n = (counts.get(p) ?? 0) + 1;
    if (n >= 3) return true;
    counts.set(p, n);
  }
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  let run = 1;
  for (let i = 1; i < lines.length; i++) {
    run = lines[i] === lines[i - 1] ? run + 1 : 1;
    if (run >= 4) return true;
  }
  return false;
}
