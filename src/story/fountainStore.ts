import type { Beat, Character, Place, PlaceRef, Story } from './schema';

/**
 * Renders a Story as one .fountain file that any Fountain app opens and prints as a normal
 * screenplay. The convention (read back by `storyReader.ts`):
 *
 * ```fountain
 * Title: The Last Lamp
 * Logline: A retired keeper must relight a decommissioned lighthouse before the storm.
 *
 * # Characters
 *
 * [[ELENA VOSS (Elena, Nell): A retired keeper who counts everything.]]
 *
 * # Places
 *
 * [[THE LIGHTHOUSE: A white tower with a rusted gallery.]]
 *
 * # Exposition
 *
 * INT. THE LIGHTHOUSE - NIGHT
 *
 * = Elena finds the lamp dark and the logbook missing.
 *
 * Elena climbs the stairs, counting.
 * ```
 *
 * - Title page: `Title:` and `Logline:` (keys with empty values are left out).
 * - Bible: the sections `# Characters` and `# Places` hold one note per entry:
 *   `[[NAME (alias, alias): description]]`, `[[PLACE NAME: description]]`. Notes and sections
 *   never print.
 * - Every other section is a plot element; it applies to the scenes below it until the next one.
 * - A scene is its heading (`INT./EXT./INT./EXT. PLACE - TIME`, from the beat's place), a
 *   synopsis `= beat`, then the draft as the scene body.
 */
export function renderStory(story: Story, options: { titlePageExtras?: readonly string[] } = {}): string {
  const out: string[] = [];
  const titlePage: string[] = [];
  if (story.title) titlePage.push(`Title: ${story.title}`);
  if (story.logline) titlePage.push(`Logline: ${story.logline}`);
  titlePage.push(...(options.titlePageExtras ?? []));
  if (titlePage.length) out.push(titlePage.join('\n'));

  out.push('# Characters');
  for (const c of story.characters) out.push(renderCharacterNote(c));
  out.push('# Places');
  for (const p of story.places) out.push(renderPlaceNote(p));

  let plotElement = '';
  story.beats.forEach((beat, i) => {
    if (beat.plotElement && beat.plotElement !== plotElement) {
      out.push(`# ${beat.plotElement}`);
      plotElement = beat.plotElement;
    }
    out.push(...renderScene(beat, story.scenes[i]?.draft ?? ''));
  });
  return out.join('\n\n') + '\n';
}

export function renderCharacterNote(c: Character): string {
  const aliases = c.aliases.length ? ` (${c.aliases.join(', ')})` : '';
  return `[[${c.name}${aliases}:${c.description ? ' ' + c.description : ''}]]`;
}

export function renderPlaceNote(p: Place): string {
  return `[[${p.name}:${p.description ? ' ' + p.description : ''}]]`;
}

export function renderHeading(place: PlaceRef): string {
  const prefix = { INT: 'INT. ', EXT: 'EXT. ', 'INT/EXT': 'INT./EXT. ', NONE: '.' }[place.setting];
  return `${prefix}${place.name}${place.time ? ` - ${place.time}` : ''}`;
}

/** Heading, synopsis and body as separate paragraphs. */
export function renderScene(beat: Beat, draft: string): string[] {
  const parts = [renderHeading(beat.place)];
  if (beat.beat) parts.push(`= ${beat.beat}`);
  if (draft) parts.push(draft);
  return parts;
}
