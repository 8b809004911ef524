import fc from 'fast-check';
import { StorySchema, draftProblems } from '../../../src/story/schema';
import type { Beat, Character, Place, Story } from '../../../src/story/schema';

/** Awkward but legal text: unicode, brackets, colons, quotes, parentheses, dashes. */
const AWKWARD = [
  'a', 'b', 'Z', ' ', ' ', 'é', 'ß', 'Ω', 'ж', '漢', '字', '🎭', ':', '[', ']', '(', ')', '"', "'", '-', '—',
  ',', '.', '!', '?', '#', '*', '/', '=', '>', '<', '_', '~', '^', '@', '\t', '0', '7', 'INT. ', 'EXT ',
];

const rawText = (max: number) => fc.array(fc.constantFrom(...AWKWARD), { maxLength: max }).map((a) => a.join(''));

/** Strips whatever the schema forbids, so generated values are awkward yet valid. */
function inline(s: string): string {
  let out = s.replace(/[\r\n]/g, ' ');
  while (/\[\[|\]\]|\/\*|\*\//.test(out)) out = out.replace(/\[\[|\]\]|\/\*|\*\//g, (m) => m[0]);
  return out.trim();
}

export const inlineText = (max = 40) => rawText(max).map(inline);

const nameText = rawText(16)
  .map((s) => inline(s.replace(/[:()#^@,\[\]]/g, '')).toUpperCase())
  .map((s) => s.replace(/^(INT|EXT|EST|I\/E)(?=[. /]|$)/i, 'X'))
  .map((s) => s.replace(/ - | -$/g, ' '))
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const character: fc.Arbitrary<Character> = fc.record({
  name: nameText,
  description: inlineText(60),
  aliases: fc.array(nameText, { maxLength: 3 }),
});

const place: fc.Arbitrary<Place> = fc.record({ name: nameText, description: inlineText(60) });

const time = fc.constantFrom('', 'DAY', 'NIGHT', 'CONTINUOUS', 'MOMENTS LATER', 'DAWN — 1999');

const DRAFT_LINES = [
  'Elena climbs the stairs: forty-two, forty-three.',
  'ELENA',
  '(whispering)',
  'Is anyone there? [[check the tone]]',
  'MARCUS (V.O.)',
  'Don\'t — don\'t touch the lamp.',
  '',
  '',
  'CUT TO:',
  '> THE END <',
  '~ A lyric line ~',
  'Ωμέγα says: «漢字» 🎭',
  '  indented action',
  '...and then silence.',
  '===',
  '!FORCED ACTION',
  'BRICK ^',
  '[[a note: with colon]]',
  'Text /* boneyard */ after.',
];

export const draft = fc
  .array(fc.oneof(fc.constantFrom(...DRAFT_LINES), inlineText(30)), { maxLength: 12 })
  .map((lines) => lines.join('\n').replace(/^\s*\n/, '').trim())
  .map((d) => d.split('\n').filter((l) => draftProblems(l).length === 0).join('\n').replace(/^(\s*\n)+/, '').trim())
  .filter((d) => draftProblems(d).length === 0);

const beat: fc.Arbitrary<Beat> = fc.record({
  place: fc.record({ setting: fc.constantFrom('INT', 'EXT', 'INT/EXT', 'NONE'), name: nameText, time }),
  plotElement: inlineText(20).map((s) => s.replace(/^#+/, '').trim()).filter((s) => !['characters', 'places'].includes(s.toLowerCase())),
  beat: inlineText(60),
}) as fc.Arbitrary<Beat>;

export const story: fc.Arbitrary<Story> = fc
  .record({
    logline: inlineText(80),
    title: inlineText(20),
    characters: fc.array(character, { maxLength: 4 }),
    places: fc.array(place, { maxLength: 3 }),
    beatsAndScenes: fc.array(fc.tuple(beat, draft), { maxLength: 5 }),
  })
  .map(({ beatsAndScenes, ...rest }) => {
    // Plot elements carry on once set (they are sections), so fill gaps the way a writer would.
    let last = '';
    const beats = beatsAndScenes.map(([b]) => {
      const plotElement = b.plotElement || last;
      last = plotElement;
      return { ...b, plotElement };
    });
    return { ...rest, beats, scenes: beatsAndScenes.map(([, d]) => ({ draft: d })) };
  })
  .filter((s) => StorySchema.safeParse(s).success);
