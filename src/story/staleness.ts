import { sceneCastProblems } from './answerChecks';
import { charactersIn } from './characterMatch';
import { contentHash } from './hash';
import { itemId, itemText } from './items';
import type { ItemRef } from './items';
import type { Story } from './schema';
import type { Provenance, Sidecar } from './sidecar';
import { record } from './sidecar';

/**
 * The dependency graph. Each item depends on specific upstream values; their hash is recorded in
 * the sidecar when the item is written, and an item is stale when the hash of its current inputs
 * differs. Dependencies are the hard inputs of the item's prompt:
 * - title, characters/i, beats/i: the logline;
 * - places/i: the logline and the place's name;
 * - scenes/i: the logline, beat i (place, plot element, beat), the place's description, and the
 *   characters present in it (matched by name, alias or first name in the beat and the draft) with
 *   their names, aliases and descriptions. Renaming a character therefore makes exactly the scenes
 *   they appear in stale; editing beat 5 makes scene 5 stale.
 * Continuity context (the previous scene's summary and last lines) is deliberately left out:
 * including it would make every regeneration cascade through the rest of the script.
 */
export function dependencyInputs(story: Story, ref: ItemRef): unknown {
  const i = ref.index ?? 0;
  switch (ref.level) {
    case 'logline':
      return null;
    case 'title':
    case 'characters':
    case 'beats':
      return { logline: story.logline };
    case 'places':
      return { logline: story.logline, name: story.places[i]?.name.toUpperCase() };
    case 'scenes': {
      const beat = story.beats[i];
      if (!beat) return null;
      const place = story.places.find((p) => p.name.toUpperCase() === beat.place.name.toUpperCase());
      const present = charactersIn([beat.beat, story.scenes[i]?.draft ?? ''], story.characters);
      return {
        logline: story.logline,
        beat,
        place: place?.description ?? '',
        characters: present.map((c) => ({ name: c.name, aliases: c.aliases, description: c.description })),
      };
    }
  }
}

export function inputHash(story: Story, ref: ItemRef): string {
  return contentHash(dependencyInputs(story, ref));
}

export interface StaleItem {
  ref: ItemRef;
  id: string;
  reason: string;
  /** `recorded`: the sidecar's input hash differs. `inferred`: no record; the text disagrees with its inputs. */
  basis: 'recorded' | 'inferred';
}

/** The provenance entry that describes the item's current text, if any. */
export function provenanceOf(story: Story, sidecar: Sidecar, ref: ItemRef): Provenance | undefined {
  const id = itemId(ref);
  const output = contentHash(itemText(story, ref));
  const exact = sidecar.items.find((e) => e.item === id);
  if (exact && exact.outputHash === output) return exact;
  // The item moved (a beat was inserted above it): its text still identifies it. Equal texts
  // are told apart by their inputs.
  const moved = sidecar.items.filter((e) => e.item.startsWith(`${ref.level}/`) && e.outputHash === output);
  const current = moved.length > 1 ? inputHash(story, ref) : undefined;
  return moved.find((e) => e.inputHash === current) ?? moved[0] ?? exact;
}

export function findStale(story: Story, sidecar: Sidecar): StaleItem[] {
  const stale: StaleItem[] = [];
  const check = (ref: ItemRef) => {
    if (!itemText(story, ref)) return; // nothing written yet: missing, not stale
    const id = itemId(ref);
    const entry = provenanceOf(story, sidecar, ref);
    if (entry) {
      if (entry.inputHash !== inputHash(story, ref)) stale.push({ ref, id, basis: 'recorded', reason: `${describeChange(ref)} changed since it was written` });
      return;
    }
    if (ref.level === 'scenes') {
      const reason = inferredSceneProblem(story, ref.index ?? 0);
      if (reason) stale.push({ ref, id, basis: 'inferred', reason });
    }
  };
  check({ level: 'title' });
  story.characters.forEach((_, index) => check({ level: 'characters', index }));
  story.beats.forEach((_, index) => check({ level: 'beats', index }));
  story.places.forEach((_, index) => check({ level: 'places', index }));
  story.scenes.forEach((_, index) => check({ level: 'scenes', index }));
  return stale;
}

function describeChange(ref: ItemRef): string {
  switch (ref.level) {
    case 'scenes':
      return `its beat, place or characters`;
    case 'places':
      return 'the logline or the place name';
    default:
      return 'the logline';
  }
}

/**
 * Without a record, a scene is stale when its text contradicts the story: a character speaks who
 * is not in the bible (renamed or removed — minor parts not in the bible are reported too, since
 * the draft cannot tell them apart), or the beat brings in a character the draft never mentions.
 */
function inferredSceneProblem(story: Story, index: number): string | undefined {
  return sceneCastProblems(story.scenes[index].draft, story.beats[index], story.characters)[0];
}

/** Records that `ref` now holds text written (by a model or a person) from the story's current inputs. */
export function recordWritten(sidecar: Sidecar, story: Story, ref: ItemRef, meta: Omit<Provenance, 'item' | 'inputHash' | 'outputHash'>): Sidecar {
  return record(sidecar, { item: itemId(ref), inputHash: inputHash(story, ref), outputHash: contentHash(itemText(story, ref)), ...meta });
}
