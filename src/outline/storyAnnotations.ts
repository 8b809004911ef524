import type { FountainDocument } from '../fountain';
import { findStale, itemText, provenanceOf, readStoryFromDocument } from '../story';
import { contentHash } from '../story/hash';
import type { Sidecar, Story } from '../story';
import type { Authorship, BibleCharacter, SceneAnnotation } from './outlineModel';
import { sceneIds } from './outlineModel';

/**
 * What the story engine says about each scene: stale (and why) and who wrote its text, keyed by
 * the outline's scene ids; and the bible's places and characters. This reads the whole story, so it runs when the
 * writer pauses, never per keystroke.
 */
export interface StoryFacts {
  scenes: Map<string, SceneAnnotation>;
  biblePlaces: Map<string, string>;
  bibleCharacters: BibleCharacter[];
}

/** `story` is the one the editor's script session already read from `doc`, when there is one. */
export function storyFacts(doc: FountainDocument, sidecar: Sidecar, story: Story = readStoryFromDocument(doc).story): StoryFacts {
  const ids = sceneIds(doc.outline.allScenes);
  const scenes = new Map<string, SceneAnnotation>();
  // The story reader makes one scene per heading, in order: the same list as the outline's.
  const count = Math.min(ids.length, story.scenes.length);
  const stale = new Map<number, string>();
  for (const item of findStale(story, sidecar)) if (item.ref.level === 'scenes' && item.ref.index !== undefined) stale.set(item.ref.index, item.reason);
  for (let i = 0; i < count; i++) {
    const ref = { level: 'scenes' as const, index: i };
    const entry = provenanceOf(story, sidecar, ref);
    let authorship: Authorship | undefined;
    if (entry && itemText(story, ref)) {
      const untouched = entry.outputHash === contentHash(itemText(story, ref));
      authorship = entry.source === 'human' ? 'writer' : untouched ? 'model' : 'modelEdited';
    }
    const note: SceneAnnotation = {};
    if (stale.has(i)) note.stale = stale.get(i);
    if (authorship) note.authorship = authorship;
    if (note.stale || note.authorship) scenes.set(ids[i], note);
  }
  const biblePlaces = new Map<string, string>();
  for (const place of story.places) biblePlaces.set(place.name.toUpperCase(), place.description);
  const bibleCharacters = story.characters.map(({ name, aliases, description }) => ({ name, aliases, description }));
  return { scenes, biblePlaces, bibleCharacters };
}
