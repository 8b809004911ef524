import type { Beat, Character, PlaceRef } from './schema';
import { BeatSchema, CharacterSchema, isHeadingLike } from './schema';
import { parseHeading } from './storyReader';
import { END_MARKER } from './prompts/common';

/**
 * Output parsers: turn what real models return (fences, "Sure, here's…", closing chatter,
 * reasoning blocks, lists cut off by max_tokens) into values of the story schemas. Lists keep every
 * complete item and say whether the model stopped early, so the caller can continue the list.
 */

export class OutputError extends Error {
  constructor(
    readonly kind: 'empty' | 'unparseable' | 'degenerate',
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
 * interjection followed by punctuation, or a line that announces the answer. "Great waves break."
 * and "Okay" spoken as dialogue are not preambles, so the interjection needs its punctuation.
 */
const PREAMBLE =
  /^(?:(?:sure|certainly|of course|absolutely|okay|ok|great|alright|all right)\s*[!,.:—–-][^\n]*|(?:here(?:'s| is| are)|below (?:is|are)|i(?:'ve| have) (?:written|created|drafted))\b[^\n]*(?::|\b(?:scene|draft|list|logline|title|version|continuation|next|line|paragraph)\b[^\n]*))[^\S\n]*(?:\n+|$)/i;
const CLOSING = /\n+(?:i hope|let me know|feel free|would you like|hope this|this (?:scene|list|logline) )[\s\S]*$/i;

/** Removes reasoning, everything after the end marker, fences, preambles and closing chatter. */
export function cleanReply(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n').replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
  const end = text.indexOf(END_MARKER);
  if (end >= 0) text = text.slice(0, end);
  text = text.trim();
  for (let i = 0; i < 3 && PREAMBLE.test(text); i++) text = text.replace(PREAMBLE, '').trim();
  // A fenced block, alone or amid chatter, is the answer.
  const fence = /```[\w-]*[^\S\n]*\n([\s\S]*?)(?:\n```|$)/.exec(text);
  if (fence && fence[1].trim()) text = fence[1];
  return text.replace(CLOSING, '').trim();
}

/** Drops `**`, quotes and a leading "Label:" from a one-line answer. */
function unlabel(text: string, label: string): string {
  return text
    .replace(new RegExp(`^\\W*${label}\\W*:\\s*`, 'i'), '')
    .replace(/\*\*|__/g, '')
    .trim()
    .replace(/^["“”'`]+|["“”'`]+$/g, '')
    .trim();
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
  const labelled = lines.find((l) => new RegExp(`^\\W*${label}\\W*:`, 'i').test(l));
  if (labelled) {
    const from = lines.indexOf(labelled);
    const para: string[] = [];
    for (let i = from; i < lines.length && (i === from || lines[i] !== ''); i++) para.push(lines[i]);
    return unlabel(para.join(' '), label);
  }
  return unlabel(text.split(/\n\s*\n/)[0] ?? '', label);
}

export function parseLogline(raw: string): string {
  const value = toInline(firstParagraph(cleanReply(raw), 'logline'));
  if (!value) throw new OutputError('empty', 'The model returned no logline.', raw);
  return value;
}

export function parseTitle(raw: string): string {
  const value = toInline(firstParagraph(cleanReply(raw), 'title').split('\n')[0]).replace(/[.]$/, '');
  if (!value) throw new OutputError('empty', 'The model returned no title.', raw);
  return value;
}

export function parsePlaceDescription(raw: string): string {
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
    const m = /^\s*(?:[-*•]|\d+[.)])?\s*\**([^:*()]+?)\**\s*(?:\(([^()]*)\))?\s*\**\s*[:—–-]\s*(.+)$/.exec(line);
    if (!m) continue;
    const c = toCharacter({ name: m[1], aliases: (m[2] ?? '').split(','), description: m[3] });
    if (c) out.push(c);
  }
  return out;
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

const MARKDOWN_CUE = /^\s*\*\*([^*]+?)\*\*\s*:?\s*(.*)$/;
const CHAT_CUE = /^([\p{L}][\p{L}\p{N} .'\-]{0,30}?)(\s*\([^)]*\))?:\s+(.+)$/u;
const LABEL = /^\s*(?:#+\s*)?(?:\*\*)?\s*scene\s+\d+[a-z]?\s*(?:[:.\-—–]|\*\*)[^\n]*$/i;

/**
 * A model's scene reply as a valid Fountain scene body: no heading (the store writes it), no
 * `Scene 1:` labels or markdown headers, cues in uppercase on their own line, nothing the store
 * would read as structure.
 */
export function parseSceneDraft(raw: string, knownNames: readonly string[] = [], cutOff = false): { draft: string; truncated: boolean } {
  let text = cleanReply(raw);
  const lines = text.split('\n');
  const out: string[] = [];
  const known = new Set(knownNames.map((n) => n.toUpperCase()));
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/\s+$/, '');
    const prevBlank = out.length === 0 || out[out.length - 1].trim() === '';
    if (LABEL.test(line)) continue;
    if (isHeadingLike(line)) {
      if (out.every((l) => l.trim() === '')) continue; // the heading the store already writes
      line = '!' + line.trim(); // a mid-scene heading stays visible as action, not a new scene
    }
    if (/^\s*#/.test(line)) line = line.replace(/^\s*#+\s*/, '');
    if (/^\s*=(?!==)/.test(line)) continue;
    const md = MARKDOWN_CUE.exec(line);
    if (md && /^[\p{Lu}\p{N} .'\-]+$/u.test(md[1].trim()) && prevBlank) {
      pushCue(out, md[1].trim(), md[2]);
      continue;
    }
    const chat = CHAT_CUE.exec(line);
    // `NAME: line` is a cue when NAME is a known character, or (with no cast given) written in capitals.
    if (chat && prevBlank && (known.has(chat[1].trim().toUpperCase()) || (known.size === 0 && chat[1] === chat[1].toUpperCase()))) {
      pushCue(out, chat[1].trim() + (chat[2] ?? ''), chat[3]);
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
  const paren = /^(\([^)]*\))\s*(.*)$/.exec(speech.trim());
  if (paren) {
    out.push(paren[1]);
    if (paren[2]) out.push(paren[2]);
  } else if (speech.trim()) out.push(speech.trim());
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
