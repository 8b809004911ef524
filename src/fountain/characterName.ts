import type { CharacterEntry } from './types';

/** The key of `FountainDocument.characters`: how a cue's name is compared with another's. */
export function characterKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** The spelling the writer uses most for this character (`McCLANE` over `MCCLANE`). */
export function preferredSpelling(entry: CharacterEntry): string {
  let best = entry.name;
  let bestCount = 0;
  for (const [spelling, count] of entry.spellings) {
    if (count > bestCount) [best, bestCount] = [spelling, count];
  }
  return best;
}
