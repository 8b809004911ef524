import { characterKey } from './characterName';
import { inBoneyard, inNote } from './parserState';
import { LINES_PER_PAGE, printedLines } from './pageEstimate';
import { splitHeading, withoutSceneNumber } from './sceneHeading';
import type {
  CharacterEntry,
  FountainLine,
  LineRange,
  LocationEntry,
  Outline,
  Scene,
  Section,
  TitlePageEntry,
} from './types';

export interface DerivedModel {
  outline: Outline;
  characters: Map<string, CharacterEntry>;
  locations: Map<string, LocationEntry>;
  titlePage: TitlePageEntry[];
  blocks: { kind: 'note' | 'boneyard'; range: LineRange }[];
  totalPages: number;
  dualLeft: Set<number>;
}

/**
 * Everything structural, in one linear walk over the classified lines: no regular expression
 * runs here except on headings, so this stays a few milliseconds even on a 1 MB script.
 */
export function deriveModel(lines: readonly FountainLine[]): DerivedModel {
  const allScenes: Scene[] = [];
  const rootSections: Section[] = [];
  const rootScenes: Scene[] = [];
  const sectionStack: Section[] = [];
  const characters = new Map<string, CharacterEntry>();
  const locations = new Map<string, LocationEntry>();
  const titlePage: TitlePageEntry[] = [];
  const blocks: { kind: 'note' | 'boneyard'; range: LineRange }[] = [];
  const dualLeft = new Set<number>();

  let printed = 0;
  let scene: Scene | undefined;
  let sceneStartPrinted = 0;
  let speaker: CharacterEntry | undefined;
  let lastCueLine = -1;
  let noteStart = -1;
  let boneyardStart = -1;
  let prevState = 0;

  const closeScene = (endLine: number) => {
    if (!scene) return;
    scene.range.end = endLine;
    scene.pages = (printed - sceneStartPrinted) / LINES_PER_PAGE;
    scene.seconds = Math.round(scene.pages * 60);
    scene = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    printed += printedLines(line);
    if (line.type === 'pageBreak') printed = Math.ceil(printed / LINES_PER_PAGE) * LINES_PER_PAGE;

    // Multi-line notes and boneyard: a block opens on the line whose outgoing state is "inside".
    if (!inNote(prevState) && inNote(line.state)) noteStart = i;
    if (inNote(prevState) && !inNote(line.state) && noteStart >= 0) {
      blocks.push({ kind: 'note', range: { start: noteStart, end: i } });
      noteStart = -1;
    }
    if (!inBoneyard(prevState) && inBoneyard(line.state)) boneyardStart = i;
    if (inBoneyard(prevState) && !inBoneyard(line.state) && boneyardStart >= 0) {
      blocks.push({ kind: 'boneyard', range: { start: boneyardStart, end: i } });
      boneyardStart = -1;
    }
    prevState = line.state;

    switch (line.type) {
      case 'titleKey':
        titlePage.push({ key: line.key ?? '', value: line.text.slice(line.text.indexOf(':') + 1).trim(), line: i, range: { start: i, end: i } });
        break;
      case 'titleValue': {
        const entry = titlePage[titlePage.length - 1];
        if (entry) {
          const v = line.text.trim();
          entry.value = entry.value ? entry.value + '\n' + v : v;
          entry.range.end = i;
        }
        break;
      }
      case 'section': {
        closeScene(i - 1);
        const depth = line.depth ?? 1;
        while (sectionStack.length && sectionStack[sectionStack.length - 1].depth >= depth) {
          sectionStack.pop()!.range.end = i - 1;
        }
        const section: Section = {
          line: i,
          depth,
          title: line.text.trim().replace(/^#+\s*/, ''),
          range: { start: i, end: lines.length - 1 },
          sections: [],
          scenes: [],
        };
        (sectionStack.length ? sectionStack[sectionStack.length - 1].sections : rootSections).push(section);
        sectionStack.push(section);
        break;
      }
      case 'sceneHeading': {
        closeScene(i - 1);
        const raw = line.text.trim();
        let headingText = line.forced ? raw.slice(1) : raw;
        headingText = withoutSceneNumber(headingText).trim();
        const parts = splitHeading(headingText);
        const index = allScenes.length;
        scene = {
          index,
          line: i,
          heading: raw,
          headingText,
          prefix: line.forced ? '' : parts.prefix,
          location: line.forced ? headingText : parts.location,
          timeOfDay: line.forced ? '' : parts.timeOfDay,
          range: { start: i, end: lines.length - 1 },
          characters: [],
          page: sceneStartPage(printed),
          pages: 0,
          seconds: 0,
        };
        if (line.sceneNumber) scene.sceneNumber = line.sceneNumber.text;
        sceneStartPrinted = printed - 1;
        allScenes.push(scene);
        (sectionStack.length ? sectionStack[sectionStack.length - 1].scenes : rootScenes).push(scene);
        if (scene.location) {
          const key = scene.location.toUpperCase();
          let loc = locations.get(key);
          if (!loc) locations.set(key, (loc = { name: key, scenes: [] }));
          loc.scenes.push(index);
        }
        break;
      }
      case 'synopsis':
        if (scene && scene.synopsis === undefined) scene.synopsis = line.text.trim().replace(/^=\s*/, '');
        break;
      case 'character': {
        const name = characterKey(line.name ?? '');
        let entry = characters.get(name);
        if (!entry) characters.set(name, (entry = { name, spellings: new Map(), cues: 0, lines: 0, cueLines: [] }));
        const spelling = line.name ?? name;
        entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
        entry.cues++;
        entry.cueLines.push(i);
        speaker = entry;
        if (scene && !scene.characters.includes(name)) scene.characters.push(name);
        if (line.dualRight && lastCueLine >= 0 && pairsWith(lines, lastCueLine, i)) dualLeft.add(lastCueLine);
        lastCueLine = i;
        break;
      }
      case 'dialogue':
      case 'lyric':
        if (speaker && lines[i - 1] && lines[i - 1].type !== 'blank') speaker.lines++;
        break;
      case 'blank':
        speaker = undefined;
        break;
    }
  }
  const last = lines.length - 1;
  closeScene(last);
  for (const s of sectionStack) s.range.end = Math.min(s.range.end, last);
  if (noteStart >= 0) blocks.push({ kind: 'note', range: { start: noteStart, end: last } });
  if (boneyardStart >= 0) blocks.push({ kind: 'boneyard', range: { start: boneyardStart, end: last } });
  blocks.sort((a, b) => a.range.start - b.range.start);

  return {
    outline: { sections: rootSections, scenes: rootScenes, allScenes },
    characters,
    locations,
    titlePage,
    blocks: blocks.filter((b) => b.range.end > b.range.start),
    totalPages: Math.max(1, printed / LINES_PER_PAGE),
    dualLeft,
  };
}

function sceneStartPage(printedSoFar: number): number {
  return Math.floor(Math.max(0, printedSoFar - 1) / LINES_PER_PAGE) + 1;
}

/** `^` pairs with the cue before only when nothing but that cue's dialogue and blanks lie between. */
function pairsWith(lines: readonly FountainLine[], leftCue: number, rightCue: number): boolean {
  for (let j = leftCue + 1; j < rightCue; j++) {
    const t = lines[j].type;
    if (t !== 'dialogue' && t !== 'parenthetical' && t !== 'lyric' && t !== 'blank' && t !== 'note' && t !== 'boneyard') return false;
  }
  return true;
}
