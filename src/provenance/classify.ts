import type { Authorship, ModelOrigin } from './authorship';
import type { Run } from './runs';
import { isWordChar, wordRanges } from './words';
import type { Range } from './words';

/**
 * Words by author:
 * - `model`: every character is the model's, in the order it wrote them, and the word had the same
 *   boundaries in the model's answer (so `houses` cut to `house` is not verbatim);
 * - `modelEdited`: some characters are the model's, but the writer changed the word;
 * - `pasted`: every character was pasted;
 * - `writer`: the rest (typed, or unknown).
 */
export type WordAuthor = 'writer' | 'pasted' | 'model' | 'modelEdited';

export interface AttributedWord extends Range {
  author: WordAuthor;
  /** The model answer most of the word's model characters came from. */
  origin?: number;
}

export interface Tally {
  words: number;
  /** Typed, pasted or unknown: everything not in a model answer (pasted words included). */
  writer: number;
  /** Of `writer`, the words that were pasted. */
  pasted: number;
  /** Words exactly as the model wrote them. */
  model: number;
  /** Words in model passages that the writer changed. */
  modelEdited: number;
}

export function emptyTally(): Tally {
  return { words: 0, writer: 0, pasted: 0, model: 0, modelEdited: 0 };
}

export function addTally(into: Tally, add: Tally): Tally {
  into.words += add.words;
  into.writer += add.writer;
  into.pasted += add.pasted;
  into.model += add.model;
  into.modelEdited += add.modelEdited;
  return into;
}

/** Each word of [from, to) with its author. Words and runs are both in order: one linear walk. */
export function attributeWords(text: string, authorship: Authorship, from = 0, to = text.length): AttributedWord[] {
  const words = wordRanges(text, from, to);
  const out: AttributedWord[] = [];
  const runs = authorship.runs;
  let ri = 0;
  let runStart = 0;
  for (const w of words) {
    while (ri < runs.length && runStart + runs[ri].length <= w.start) {
      runStart += runs[ri].length;
      ri++;
    }
    // The pieces of runs that cover the word.
    const pieces: { run: Run; from: number; to: number }[] = [];
    let j = ri;
    let s = runStart;
    while (j < runs.length && s < w.end) {
      const from = Math.max(w.start, s);
      const to = Math.min(w.end, s + runs[j].length);
      if (from < to) pieces.push({ run: runs[j], from: from - s, to: to - s });
      s += runs[j].length;
      j++;
    }
    out.push({ ...w, ...classify(pieces, authorship.origins) });
  }
  return out;
}

function classify(pieces: { run: Run; from: number; to: number }[], origins: ReadonlyMap<number, ModelOrigin>): { author: WordAuthor; origin?: number } {
  const model = pieces.filter((p) => p.run.kind === 'model');
  if (!model.length) return { author: pieces.length && pieces.every((p) => p.run.kind === 'pasted') ? 'pasted' : 'writer' };
  const first = model[0].run as Extract<Run, { kind: 'model' }>;
  if (pieces.length === 1) {
    const origin = origins.get(first.origin);
    const start = first.offset + model[0].from;
    const end = first.offset + model[0].to;
    const whole = !!origin && !isWordChar(origin.text[start - 1]) && !isWordChar(origin.text[end]);
    return { author: whole ? 'model' : 'modelEdited', origin: first.origin };
  }
  return { author: 'modelEdited', origin: first.origin };
}

export function tallyWords(words: readonly AttributedWord[]): Tally {
  const t = emptyTally();
  for (const w of words) {
    t.words++;
    if (w.author === 'model') t.model++;
    else if (w.author === 'modelEdited') t.modelEdited++;
    else {
      t.writer++;
      if (w.author === 'pasted') t.pasted++;
    }
  }
  return t;
}

export function tally(text: string, authorship: Authorship, from = 0, to = text.length): Tally {
  return tallyWords(attributeWords(text, authorship, from, to));
}
