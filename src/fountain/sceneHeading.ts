/** Scene-heading syntax shared by the parser, the outline and completion. */
import { skipSpacesBack } from '../text/scan';

/**
 * `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT`, `I/E` (the spec's list) and `EXT./INT`, `EXT/INT`
 * (not in the spec, but used by published scripts such as Big Fish), any case.
 */
export const HEADING_PREFIXES = 'int\\.?\\/ext|ext\\.?\\/int|i\\/e|int|ext|est';

/** A prefix followed by a dot or a space: the start of a scene heading. */
export const HEADING_PREFIX = new RegExp(`^(?:${HEADING_PREFIXES})[. ]`, 'i');

/** Where a heading's scene number sits: `text` between the `#`s, at [start, end); `from` is where the spaces before its first `#` begin. */
export interface SceneNumberSpan {
  text: string;
  start: number;
  end: number;
  from: number;
}

const NUMBER_CHAR = /^[\p{L}\p{N}.\-]$/u;

/**
 * The scene number at the end of a heading: `#1A#`, `#I-1-A#`, `#1.#` (letters, digits, dots and
 * hyphens between two `#`, then only spaces). Scanned backwards from the end, so a long heading
 * costs one pass (the equivalent unanchored regex retried from every space of a long run).
 */
export function findSceneNumber(heading: string): SceneNumberSpan | undefined {
  const close = skipSpacesBack(heading) - 1;
  if (close < 1 || heading.charCodeAt(close) !== 35 /* # */) return undefined;
  let start = close;
  while (start > 0) {
    const low = heading.charCodeAt(start - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && start > 1 ? 2 : 1;
    if (!NUMBER_CHAR.test(heading.slice(start - width, start))) break;
    start -= width;
  }
  if (start === close || start === 0 || heading.charCodeAt(start - 1) !== 35) return undefined;
  return { text: heading.slice(start, close), start, end: close, from: skipSpacesBack(heading, start - 1) };
}

/** The heading without its scene number (and the spaces around it). */
export function withoutSceneNumber(heading: string): string {
  const n = findSceneNumber(heading);
  return n ? heading.slice(0, n.from) : heading;
}

export interface HeadingParts {
  prefix: string;
  location: string;
  timeOfDay: string;
}

const PREFIX_CAPTURE = new RegExp(`^((?:${HEADING_PREFIXES})\\.?)\\s*`, 'i');

/**
 * Splits `INT. BRICK'S PATIO - DAY` into prefix, location and time of day. The time is whatever
 * follows the last ` - `; headings without one have an empty time.
 */
export function splitHeading(headingText: string): HeadingParts {
  let rest = headingText.trim();
  let prefix = '';
  const m = PREFIX_CAPTURE.exec(rest);
  if (m) {
    prefix = m[1].toUpperCase();
    rest = rest.slice(m[0].length);
  }
  const dash = rest.lastIndexOf(' - ');
  if (dash === -1) return { prefix, location: rest.trim(), timeOfDay: '' };
  return { prefix, location: rest.slice(0, dash).trim(), timeOfDay: rest.slice(dash + 3).trim() };
}
