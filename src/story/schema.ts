import { HEADING_PREFIX } from '../fountain/sceneHeading';
import { z } from 'zod';
import { opensSynopsis } from '../text/scan';

/**
 * One zod schema per story level. The constraints are exactly what the Fountain store
 * (`fountainStore.ts`) can hold without ambiguity, so that every valid story survives
 * render → read unchanged. Model output is cleaned into this shape by `parsers.ts`.
 */

/** Text that would open or close a Fountain note or boneyard and so swallow neighbouring lines. */
const FOUNTAIN_MARKUP = /\[\[|\]\]|\/\*|\*\//;

/** One line of prose: no line breaks, no note/boneyard markup, no surrounding whitespace. */
export const InlineText = z
  .string()
  .refine((s) => !/[\r\n]/.test(s), 'must be a single line')
  .refine((s) => s === s.trim(), 'must not start or end with whitespace')
  .refine((s) => !FOUNTAIN_MARKUP.test(s), 'must not contain [[, ]], /* or */');

/** A name used as a note key or in a scene heading: inline text without the store's separators. */
const NameText = InlineText.refine((s) => s.length > 0, 'must not be empty').refine(
  (s) => !/[:()#^@,]/.test(s),
  'must not contain : ( ) # ^ @ or ,',
);

export const LoglineSchema = InlineText;
export const TitleSchema = InlineText;

export const CharacterSchema = z.object({
  /** As it appears in cues, conventionally uppercase: `ELENA VOSS`. */
  name: NameText,
  description: InlineText,
  /** Other names the script uses for this character: `Elena`, `Nell`. */
  aliases: z.array(NameText),
});
export type Character = z.infer<typeof CharacterSchema>;
export const CharactersSchema = z.array(CharacterSchema);

/** `NONE` is a forced heading (`.FLASHBACK`), written without INT/EXT. */
export const SETTINGS = ['INT', 'EXT', 'INT/EXT', 'NONE'] as const;
export const SettingSchema = z.enum(SETTINGS);
export type Setting = z.infer<typeof SettingSchema>;

export const PlaceRefSchema = z
  .object({
    setting: SettingSchema,
    /** Matches a `Place.name`: `THE LIGHTHOUSE`, `HOUSE - KITCHEN`. */
    name: NameText,
    /** `NIGHT`, `DAY`, `CONTINUOUS`, or '' for none. */
    time: InlineText.refine((s) => !/#| - |^- | -$|^-$/.test(s), 'must not contain # or " - "'),
  })
  // The heading splits name from time at its last " - ".
  .refine((p) => p.time !== '' || !/ - | -$/.test(p.name), 'a name with " - " needs a time of day')
  .refine((p) => p.setting !== 'NONE' || /^[\p{L}\p{N}]/u.test(p.name), 'a forced heading must start with a letter or digit')
  .refine((p) => !/^(int|ext|est|i\/e)([. \/]|$)/i.test(p.name), 'the name must not start with INT/EXT');
export type PlaceRef = z.infer<typeof PlaceRefSchema>;

/** Section titles that the store reserves for the bible. */
export const RESERVED_SECTIONS = ['characters', 'places'] as const;

export const BeatSchema = z.object({
  place: PlaceRefSchema,
  /** Where the beat sits in the plot structure (`Rising Action`); stored as a section. */
  plotElement: InlineText.refine((s) => !/^#/.test(s), 'must not start with #').refine(
    (s) => !(RESERVED_SECTIONS as readonly string[]).includes(s.toLowerCase()),
    'Characters and Places are reserved section titles',
  ),
  /** What happens, in a sentence or two; stored as the scene's synopsis. */
  beat: InlineText,
});
export type Beat = z.infer<typeof BeatSchema>;
export const BeatsSchema = z.array(BeatSchema);

export const PlaceSchema = z.object({
  name: NameText,
  description: InlineText,
});
export type Place = z.infer<typeof PlaceSchema>;
export const PlacesSchema = z.array(PlaceSchema);

/** Lines that the store would read as structure rather than as part of a scene body. */
export function draftProblems(draft: string): string[] {
  const problems: string[] = [];
  if (/\r/.test(draft)) problems.push('uses \\r line endings');
  const leading = draft.slice(0, draft.length - draft.trimStart().length);
  const trailing = draft.slice(draft.trimEnd().length);
  if (leading.includes('\n') || trailing.includes('\n')) {
    problems.push('starts or ends with a blank line');
  }
  if (draft !== draft.trimEnd()) problems.push('ends with whitespace');
  for (const line of draft.split('\n')) {
    if (isHeadingLike(line)) problems.push(`line reads as a scene heading: ${line}`);
    else if (/^\s*#/.test(line)) problems.push(`line reads as a section: ${line}`);
    else if (opensSynopsis(line)) problems.push(`line reads as a synopsis: ${line}`);
  }
  if (unbalanced(draft, '[[', ']]')) problems.push('has an unclosed or stray [[ ]] note');
  if (unbalanced(draft, '/*', '*/')) problems.push('has an unclosed or stray /* */ boneyard');
  return problems;
}

/** Conservative: anything a Fountain app might take for a heading, in any context. */
export function isHeadingLike(line: string): boolean {
  // fountain-js, afterwriting and Better Fountain also read a heading behind emphasis markers
  // (`*INT. HOUSE*`, `_EXT. ROAD`), so a draft line like that must be treated as one too.
  let start = 0;
  while (start < line.length && ' \t*_'.includes(line[start])) start++;
  const t = line.slice(start);
  return (t.startsWith('.') && !t.startsWith('..')) || HEADING_PREFIX.test(t);
}

function unbalanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith(open, i)) {
      if (depth > 0) return true;
      depth++;
      i += open.length - 1;
    } else if (text.startsWith(close, i)) {
      if (depth === 0) return true;
      depth--;
      i += close.length - 1;
    }
  }
  return depth !== 0;
}

export const SceneDraftSchema = z.object({
  /** Fountain action and dialogue; '' while the scene is unwritten. */
  draft: z.string().superRefine((draft, ctx) => {
    for (const message of draftProblems(draft)) ctx.addIssue({ code: 'custom', message });
  }),
});
export type SceneDraft = z.infer<typeof SceneDraftSchema>;

export const StorySchema = z
  .object({
    logline: LoglineSchema,
    title: TitleSchema,
    characters: CharactersSchema,
    places: PlacesSchema,
    beats: BeatsSchema,
    /** `scenes[i]` is the draft of `beats[i]`: Fountain stores them under one heading. */
    scenes: z.array(SceneDraftSchema),
  })
  .superRefine((story, ctx) => {
    if (story.scenes.length !== story.beats.length) {
      ctx.addIssue({ code: 'custom', message: 'there must be exactly one scene per beat', path: ['scenes'] });
    }
    // A scene's plot element is the section above it, so once one is set it carries on.
    let seen = false;
    story.beats.forEach((b, i) => {
      if (b.plotElement) seen = true;
      else if (seen) {
        ctx.addIssue({ code: 'custom', message: 'a beat after a plot element needs one too', path: ['beats', i, 'plotElement'] });
      }
    });
  });
export type Story = z.infer<typeof StorySchema>;

export function emptyStory(logline = ''): Story {
  return { logline, title: '', characters: [], places: [], beats: [], scenes: [] };
}

/** The levels of the hierarchy, top-down, in the order the pipeline runs them. */
export const LEVELS = ['logline', 'title', 'characters', 'beats', 'places', 'scenes'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
