import type { FountainDocument } from '../fountain';
import type { StoryLayout } from '../story/storyReader';
import type { Authorship } from './authorship';
import { attributeWords, tallyWords } from './classify';
import { storyRegions } from './regions';

/**
 * What the editor shows: the stretches of model words (kept verbatim, or changed by the writer),
 * each from one model answer, and the share of each scene's words the model wrote verbatim.
 * Words of one kind from one answer on one line are one stretch, so the underline runs across
 * the spaces between them.
 */
export interface Highlight {
  start: number;
  end: number;
  kind: 'model' | 'modelEdited';
  origin: number;
}

export function aiHighlights(text: string, authorship: Authorship): Highlight[] {
  const out: Highlight[] = [];
  let broken = true;
  for (const w of attributeWords(text, authorship)) {
    if (w.author !== 'model' && w.author !== 'modelEdited') {
      broken = true; // the writer's word between two model words: two stretches
      continue;
    }
    const last = broken ? undefined : out[out.length - 1];
    broken = false;
    if (last && last.kind === w.author && last.origin === w.origin && !/[\r\n]/.test(text.slice(last.end, w.start))) last.end = w.end;
    else out.push({ start: w.start, end: w.end, kind: w.author, origin: w.origin as number });
  }
  return out;
}

export interface WordShare {
  words: number;
  /** Words exactly as the model wrote them. */
  model: number;
}

/** Per scene (by index) and for the whole script: how many words, and how many the model's verbatim. */
export function wordShares(text: string, doc: FountainDocument, authorship: Authorship, layout?: StoryLayout): { scenes: WordShare[]; script: WordShare } {
  const all = tallyWords(attributeWords(text, authorship));
  const scenes = storyRegions(text, doc, layout).scenes.map((s) => {
    const t = tallyWords(attributeWords(text, authorship, s.body.start, s.body.end));
    return { words: t.words, model: t.model };
  });
  return { scenes, script: { words: all.words, model: all.model } };
}
