import type { FountainDocument } from '../fountain';
import { contentHash } from '../story/hash';
import { itemText, parseItemId } from '../story/items';
import type { Sidecar } from '../story/sidecar';
import { readStoryFromDocument } from '../story/storyReader';
import { Authorship } from './authorship';
import { fromRecord, toRecord } from './record';
import type { LoadedAuthorship, ModelUse } from './record';
import { storyRegions } from './regions';
import type { Range } from './words';

/**
 * The authorship of a script as it is now, from its sidecar: version 2's record brought up to date
 * with the text, or, from a version 1 sidecar, the items it says a model wrote and nobody changed
 * since. Without a sidecar everything is the writer's.
 */
export function loadAuthorship(text: string, doc: FountainDocument, sidecar: Sidecar): LoadedAuthorship {
  const loaded = sidecar.authorship === undefined ? undefined : fromRecord(sidecar.authorship, text);
  return loaded ?? migrateVersion1(text, doc, sidecar);
}

/** The sidecar with this authorship recorded for `text`. */
export function withAuthorship(sidecar: Sidecar, text: string, loaded: LoadedAuthorship): Sidecar {
  return { ...sidecar, version: 2, authorship: toRecord(text, loaded.authorship, loaded.models) };
}

function migrateVersion1(text: string, doc: FountainDocument, sidecar: Sidecar): LoadedAuthorship {
  let authorship = Authorship.writer(text.length);
  const models: ModelUse[] = [];
  const modelEntries = sidecar.items.filter((e) => e.source === 'model' && e.model);
  if (!modelEntries.length) return { authorship, models };
  const { story } = readStoryFromDocument(doc);
  const regions = storyRegions(text, doc);
  const rangeOf = (item: string): Range | undefined => {
    const ref = parseItemId(item);
    if (ref.level === 'title') return regions.title;
    if (ref.level === 'logline') return regions.logline;
    if (ref.level === 'scenes' && ref.index !== undefined) return regions.scenes[ref.index]?.body;
    return undefined; // bible notes and beats share lines with others: left to the writer
  };
  for (const e of modelEntries) {
    const range = rangeOf(e.item);
    if (!range || e.outputHash !== contentHash(itemText(story, parseItemId(e.item)))) continue;
    // Only the text itself, without the blanks around a title-page value.
    const raw = text.slice(range.start, range.end);
    const start = range.start + (raw.length - raw.trimStart().length);
    const written = raw.trim();
    if (!written) continue;
    const at = e.at ?? new Date(0).toISOString();
    authorship = authorship.attributeModel(start, { model: e.model as string, item: e.item, at, seed: e.seed, promptHash: e.promptHash, text: written });
  }
  return { authorship, models };
}
