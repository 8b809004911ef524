/** Scene-heading syntax shared by the parser, the outline and completion. */

/**
 * `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT`, `I/E` (the spec's list) and `EXT./INT`, `EXT/INT`
 * (not in the spec, but used by published scripts such as Big Fish), any case.
 */
export const HEADING_PREFIXES = 'int\\.?\\/ext|ext\\.?\\/int|i\\/e|int|ext|est';

/** A prefix followed by a dot or a space: the start of a scene heading. */
export const HEADING_PREFIX = new RegExp(`^(?:${HEADING_PREFIXES})[. ]`, 'i');

/** Scene number at the end of a heading: `#1A#`, `#I-1-A#`, `#1.#`. */
export const SCENE_NUMBER = /\s*#([\p{L}\p{N}.\-]+)#\s*$/u;

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
