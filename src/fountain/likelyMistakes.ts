import { characterKey } from './characterName';
import { HEADING_PREFIXES } from './sceneHeading';
import type { CharacterEntry } from './types';
import type { FountainDocument } from './document';

/**
 * The rules behind the Fountain diagnostics, kept free of `vscode` so the diagnostics and their
 * quick fixes share one definition of "likely mistake".
 */

/** A known character must speak at least this often, and this many times more than the suspect. */
const MIN_KNOWN_CUES = 3;
const FREQUENCY_RATIO = 3;
const MIN_NAME_LENGTH = 3;

export type Mistake =
  | { kind: 'cueSpelling'; line: number; start: number; end: number; written: string; suggestion: string }
  | { kind: 'headingNeedsBlankLine'; line: number; start: number; end: number };

/** A line that starts like a scene heading (the prefixes are case-insensitive in Fountain). */
export const LOOKS_LIKE_HEADING = new RegExp(`^\\s*(?:${HEADING_PREFIXES})[. ]\\s*\\S`, 'i');

export function findMistakes(model: FountainDocument): Mistake[] {
  const mistakes: Mistake[] = [];
  const { lines } = model;
  const suggestions = new Map<string, string | undefined>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.type === 'character' && line.name) {
      const written = line.name;
      if (!suggestions.has(written)) suggestions.set(written, suggestCueName(model, written));
      const suggestion = suggestions.get(written);
      if (suggestion !== undefined) {
        const start = line.nameSpan?.start ?? line.text.indexOf(written);
        mistakes.push({ kind: 'cueSpelling', line: i, start, end: start + written.length, written, suggestion });
      }
    }
    if (
      (line.type === 'action' || line.type === 'character') &&
      LOOKS_LIKE_HEADING.test(line.text) &&
      i + 1 < lines.length &&
      lines[i + 1].text.trim() !== ''
    ) {
      mistakes.push({ kind: 'headingNeedsBlankLine', line: i, start: 0, end: line.text.length });
    }
  }
  return mistakes;
}

/**
 * The spelling a cue written as `written` most likely meant, or undefined when it looks
 * intended: a much more frequent character differs from it only by case, or by one inserted,
 * deleted, replaced or swapped letter. Numbered roles (GUARD 1, GUARD 2) are never confused.
 */
export function suggestCueName(model: FountainDocument, written: string): string | undefined {
  const self = findCharacter(model, written);
  const threshold = Math.max(MIN_KNOWN_CUES, FREQUENCY_RATIO * (self?.cues ?? 1));

  // Same character, different case: the dominant spelling wins.
  if (self) {
    const [dominant, count] = dominantSpelling(self);
    if (dominant !== written && count >= Math.max(MIN_KNOWN_CUES, FREQUENCY_RATIO * (self.spellings.get(written) ?? 1))) {
      return dominant;
    }
  }

  const name = characterKey(written);
  // In two-letter names one letter is half the name: too many real pairs (AL, AI).
  if (name.length < MIN_NAME_LENGTH) return undefined;
  let best: CharacterEntry | undefined;
  for (const other of model.characters.values()) {
    if (other === self || other.cues < threshold) continue;
    const otherName = characterKey(other.name);
    if (otherName === name || otherName.length < MIN_NAME_LENGTH || !withinOneEdit(name, otherName) || isNumberedRole(name, otherName)) continue;
    if (!best || other.cues > best.cues) best = other;
  }
  return best ? dominantSpelling(best)[0] : undefined;
}

function findCharacter(model: FountainDocument, written: string): CharacterEntry | undefined {
  const direct = model.characters.get(characterKey(written));
  if (direct) return direct;
  for (const entry of model.characters.values()) if (entry.spellings.has(written)) return entry;
  return undefined;
}

function dominantSpelling(entry: CharacterEntry): [string, number] {
  let best: [string, number] = [entry.name, 0];
  for (const [spelling, count] of entry.spellings) if (count > best[1]) best = [spelling, count];
  return best;
}


function isNumberedRole(a: string, b: string): boolean {
  return /\d/.test(a) && /\d/.test(b) && a.replace(/\d+/g, '#') === b.replace(/\d+/g, '#');
}

/** Levenshtein distance ≤ 1, or one swap of adjacent letters. Linear. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one replacement
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
