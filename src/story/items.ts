import type { Level, Story } from './schema';
import { renderCharacterNote, renderPlaceNote, renderScene } from './fountainStore';

/** One addressable item of the hierarchy: `title`, `characters/2`, `scenes/4`. */
export interface ItemRef {
  level: Level;
  /** Position in the level's list; absent for logline and title. */
  index?: number;
}

export function itemId(ref: ItemRef): string {
  return ref.index === undefined ? ref.level : `${ref.level}/${ref.index}`;
}

export function parseItemId(id: string): ItemRef {
  const [level, index] = id.split('/');
  return index === undefined ? { level: level as Level } : { level: level as Level, index: Number(index) };
}

/** Every item present in the story, top-down. */
export function allItems(story: Story): ItemRef[] {
  const refs: ItemRef[] = [{ level: 'logline' }, { level: 'title' }];
  story.characters.forEach((_, index) => refs.push({ level: 'characters', index }));
  story.beats.forEach((_, index) => refs.push({ level: 'beats', index }));
  story.places.forEach((_, index) => refs.push({ level: 'places', index }));
  story.scenes.forEach((_, index) => refs.push({ level: 'scenes', index }));
  return refs;
}

/** The item as Fountain text, exactly as the store writes it (what a review diff shows). */
export function itemText(story: Story, ref: ItemRef): string {
  const i = ref.index ?? 0;
  switch (ref.level) {
    case 'logline':
      return story.logline;
    case 'title':
      return story.title;
    case 'characters':
      return story.characters[i] ? renderCharacterNote(story.characters[i]) : '';
    case 'places':
      return story.places[i] ? renderPlaceNote(story.places[i]) : '';
    case 'beats':
      return story.beats[i] ? renderScene(story.beats[i], '').join('\n\n') : '';
    case 'scenes':
      return story.scenes[i]?.draft ?? '';
  }
}
