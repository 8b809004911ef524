import type { Character } from './schema';

/**
 * Which characters a beat or scene involves. Dramatron matched by exact full-name substring, so
 * "Elena" never found ELENA VOSS and "Al" was found inside "ALWAYS". Here a character matches by
 * full name, any alias, or first name, each as a whole word, in any case.
 */

/** Leading words that are titles, not first names: "DR. ADA LOVE" must not match every "Dr.". */
const HONORIFICS = new Set(['DR', 'MR', 'MRS', 'MS', 'MISS', 'SIR', 'LADY', 'LORD', 'CAPTAIN', 'CAPT', 'DETECTIVE', 'DET', 'OFFICER', 'AGENT', 'FATHER', 'SISTER', 'AUNT', 'UNCLE', 'THE', 'OLD', 'YOUNG', 'LITTLE', 'BIG', 'PROFESSOR', 'PROF']);

export function namesOf(character: Character): string[] {
  const names = [character.name, ...character.aliases];
  const words = character.name.split(/\s+/).filter(Boolean);
  if (words.length > 1) {
    const first = words.find((w) => !HONORIFICS.has(w.replace(/\.$/, '').toUpperCase()));
    if (first && first !== words[words.length - 1] && first.replace(/\W/g, '').length >= 2) names.push(first);
  }
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

function wordPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu');
}

export function mentions(text: string, character: Character): boolean {
  return namesOf(character).some((n) => mentionsName(text, n));
}

/** `name` exactly, as a whole word or words, in any case. */
export function mentionsName(text: string, name: string): boolean {
  return wordPattern(name).test(text);
}

/** Characters mentioned in any of the texts, in bible order. */
export function charactersIn(texts: readonly string[], characters: readonly Character[]): Character[] {
  const joined = texts.join('\n');
  return characters.filter((c) => mentions(joined, c));
}

/** The bible entry a cue name (`ELENA (V.O.)` already stripped to `ELENA`) refers to, if any. */
export function characterForCue(cue: string, characters: readonly Character[]): Character | undefined {
  const wanted = cue.trim().toUpperCase();
  return characters.find((c) => namesOf(c).some((n) => n.toUpperCase() === wanted));
}

/** How many leads a scene whose beat and previous scene name nobody is given. */
const LEADS = 2;

/**
 * The characters most likely present in a scene, for its prompt: those its beat (or its existing
 * draft) names by name, alias or first name; if it names nobody, those in the previous scene; if
 * that names nobody either, the leads (the bible's first entries). A scene prompt without a cast
 * made models borrow the few-shot example's names.
 */
export function sceneCast(beat: string, draft: string, previousScene: string, characters: readonly Character[]): Character[] {
  const named = charactersIn([beat, draft], characters);
  if (named.length) return named;
  const previous = charactersIn([previousScene], characters);
  if (previous.length) return previous;
  return characters.slice(0, LEADS);
}
