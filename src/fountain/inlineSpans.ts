import type { Span } from './types';

/** Result of scanning one line for notes `[[ ]]` and boneyard `/* *\/`, which may span lines. */
export interface InlineScan {
  notes: Span[] | undefined;
  boneyard: Span[] | undefined;
  /** The line with every note and boneyard span removed (what prints). */
  visible: string;
  inNote: boolean;
  inBoneyard: boolean;
}

const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const SLASH = 47; // /
const STAR = 42; // *

/**
 * `reuse`, when given, is overwritten and returned for lines without markers; read it before the
 * next call.
 *
 * Scans a line given whether a note or boneyard is already open. Boneyard wins over notes: inside
 * a boneyard only `*\/` matters, inside a note only `]]`. An opener that never closes runs to the
 * end of the file, which is what the spec implies and what keeps the state machine simple.
 */
export function scanInline(text: string, inNote: boolean, inBoneyard: boolean, reuse?: InlineScan): InlineScan {
  if (!inNote && !inBoneyard && !mayHaveMarkers(text)) {
    // Almost every line: no allocation on the hot path when the caller lends a scratch object.
    const plain = reuse ?? { notes: undefined, boneyard: undefined, visible: text, inNote, inBoneyard };
    plain.visible = text;
    return plain;
  }
  let notes: Span[] | undefined;
  let boneyard: Span[] | undefined;
  let visible = '';
  let spanStart = inNote || inBoneyard ? 0 : -1;
  let i = 0;
  let copyFrom = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (inBoneyard) {
      if (c === STAR && d === SLASH) {
        (boneyard ??= []).push({ start: spanStart, end: i + 2 });
        inBoneyard = false;
        i += 2;
        copyFrom = i;
        continue;
      }
    } else if (inNote) {
      if (c === CLOSE_BRACKET && d === CLOSE_BRACKET) {
        (notes ??= []).push({ start: spanStart, end: i + 2 });
        inNote = false;
        i += 2;
        copyFrom = i;
        continue;
      }
    } else if (c === SLASH && d === STAR) {
      visible += text.slice(copyFrom, i);
      spanStart = i;
      inBoneyard = true;
      i += 2;
      continue;
    } else if (c === OPEN_BRACKET && d === OPEN_BRACKET) {
      visible += text.slice(copyFrom, i);
      spanStart = i;
      inNote = true;
      i += 2;
      continue;
    }
    i++;
  }
  if (inBoneyard) (boneyard ??= []).push({ start: spanStart, end: n });
  else if (inNote) (notes ??= []).push({ start: spanStart, end: n });
  else visible += text.slice(copyFrom);
  return { notes, boneyard, visible, inNote, inBoneyard };
}

function mayHaveMarkers(text: string): boolean {
  return text.indexOf('[[') !== -1 || text.indexOf('/*') !== -1;
}
