import type { ReadResult } from './storyReader';
import type { ItemRef } from './items';

/** The story item a line belongs to: a bible note, a scene's heading/synopsis (its beat), or its body. */
export function itemAtLine(read: ReadResult, line: number): ItemRef | undefined {
  const { layout } = read;
  if (layout.title === line) return { level: 'title' };
  if (layout.logline === line) return { level: 'logline' };
  const within = (r: { start: number; end: number }) => line >= r.start && line <= r.end;
  const character = layout.characters.findIndex(within);
  if (character >= 0) return { level: 'characters', index: character };
  const place = layout.places.findIndex(within);
  if (place >= 0) return { level: 'places', index: place };
  const scene = sceneAtLine(read, line);
  if (scene === undefined) return undefined;
  const s = layout.scenes[scene];
  return line === s.heading || line === s.synopsis ? { level: 'beats', index: scene } : { level: 'scenes', index: scene };
}

/** The scene whose heading is the last one at or above `line`. */
export function sceneAtLine(read: ReadResult, line: number): number | undefined {
  let found: number | undefined;
  read.layout.scenes.forEach((s, i) => {
    if (s.heading <= line) found = i;
  });
  return found;
}
