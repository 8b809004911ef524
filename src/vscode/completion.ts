import * as vscode from 'vscode';
import { HEADING_PREFIXES, characterKey, preferredSpelling, type FountainDocument } from '../fountain';
import type { Config } from './config';
import type { FountainDocuments } from './fountainDocuments';
import { LOOKS_LIKE_HEADING } from '../fountain/likelyMistakes';
import { skipSpaces } from '../text/scan';

/**
 * Completion for what a screenwriter types over and over: character cues, scene-heading prefixes,
 * known locations, times of day and transitions. The context is read from the line text alone,
 * so on the common keystroke (a space in an action paragraph) the provider returns without
 * touching the parsed model.
 */

export const SCENE_PREFIXES = ['INT.', 'EXT.', 'INT./EXT.', 'EST.', 'I/E'] as const;
export const TIMES_OF_DAY = [
  'DAY',
  'NIGHT',
  'MORNING',
  'EVENING',
  'CONTINUOUS',
  'LATER',
  'MOMENTS LATER',
  'DAWN',
  'DUSK',
] as const;
export const TRANSITIONS = [
  'CUT TO:',
  'SMASH CUT TO:',
  'MATCH CUT TO:',
  'JUMP CUT TO:',
  'DISSOLVE TO:',
  'FADE TO:',
  'WIPE TO:',
  'FADE OUT.',
  'FADE TO BLACK.',
  'CUT TO BLACK.',
] as const;

export const COMPLETION_TRIGGER_CHARACTERS = [' ', '-', '.', '/', '@', '>'];

/** A scene-heading prefix as Fountain recognises it (case-insensitive, then a dot or a space). */
const HEADING_START = new RegExp(`^(\\s*)(?:${HEADING_PREFIXES})\\.? `, 'i');
const LOWERCASE = /\p{Ll}/u;

/** Where the name starts in a cue being typed: after the indent and an `@`; none when unforced and lowercase. */
function cueNameStart(before: string): { start: number; forced: boolean } | undefined {
  const lead = skipSpaces(before);
  if (before[lead] === '@') return { start: lead + 1, forced: true };
  return LOWERCASE.test(before) ? undefined : { start: lead, forced: false };
}

/** Where the words of a transition being typed start (after `>` when forced); none once lowercase appears. */
function transitionStart(before: string): { start: number; forced: boolean } | undefined {
  const lead = skipSpaces(before);
  const forced = before[lead] === '>';
  const start = forced ? skipSpaces(before, lead + 1) : lead;
  return LOWERCASE.test(before.slice(start)) ? undefined : { start, forced };
}
const PREFIX_SO_FAR = /^(\s*)([A-Za-z./]{0,9})$/;

export function registerCompletion(
  selector: vscode.DocumentSelector,
  store: FountainDocuments,
  config: Config,
): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    selector,
    {
      provideCompletionItems(document, position) {
        if (!config.completionEnabled) return undefined;
        const items = fountainCompletions(document, position, () => store.get(document));
        return items.length > 0 ? items : undefined;
      },
    },
    ...COMPLETION_TRIGGER_CHARACTERS,
  );
}

export function fountainCompletions(
  document: vscode.TextDocument,
  position: vscode.Position,
  model: () => FountainDocument,
): vscode.CompletionItem[] {
  const lineText = document.lineAt(position.line).text;
  const before = lineText.slice(0, position.character);
  const restOfLineEmpty = lineText.slice(position.character).trim() === '';

  const heading = HEADING_START.exec(before);
  if (heading) {
    const afterPrefix = heading[0].length;
    const dash = before.lastIndexOf(' -');
    if (dash >= afterPrefix) return timeOfDayItems(model(), position, before, dash + 2);
    return locationItems(model(), position, before, afterPrefix, restOfLineEmpty);
  }

  const afterBlankLine = position.line === 0 || document.lineAt(position.line - 1).isEmptyOrWhitespace;
  if (!afterBlankLine) return [];
  const items: vscode.CompletionItem[] = [];
  const cue = cueNameStart(before);
  if (cue && (cue.forced || !before.trimStart().startsWith('>'))) {
    items.push(...cueItems(model(), position, cue.start, cue.forced));
  }
  const prefix = PREFIX_SO_FAR.exec(before);
  if (prefix) items.push(...prefixItems(position, prefix[1].length, restOfLineEmpty));
  const transition = transitionStart(before);
  if (transition && !before.trimStart().startsWith('@')) items.push(...transitionItems(model(), position, transition.start, transition.forced));
  return items;
}

/**
 * Characters ranked for the next cue. Dialogue alternates, so the likeliest next speaker is the
 * one who spoke *before* the last speech (the Final Draft "SmartType" habit); then the last
 * speaker; then everyone else who spoke in this scene, most recent first; then the rest of the
 * cast by how often they speak in the whole script.
 */
export function rankedSpeakers(model: FountainDocument, line: number): { name: string; cues: number }[] {
  const sceneStart = model.sceneAt(line)?.line ?? 0;
  const recent: string[] = [];
  for (let i = Math.min(line, model.lineCount) - 1; i >= sceneStart; i--) {
    const l = model.lines[i];
    if (l.type === 'character' && l.name) {
      const key = characterKey(l.name);
      if (!recent.includes(key)) recent.push(key);
    }
  }
  if (recent.length >= 2) [recent[0], recent[1]] = [recent[1], recent[0]];

  const candidates: { key: string; name: string; cues: number }[] = [];
  for (const [key, entry] of model.characters) {
    // The line being typed may already parse as a cue of its own partial name: don't offer it back.
    const cues = entry.cues - (entry.cueLines.includes(line) ? 1 : 0);
    // A heading typed without its blank line parses as a cue; it is not a character.
    if (cues <= 0 || LOOKS_LIKE_HEADING.test(entry.name)) continue;
    candidates.push({ key: characterKey(key), name: preferredSpelling(entry), cues });
  }
  const recency = (key: string) => {
    const i = recent.indexOf(key);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  candidates.sort((a, b) => recency(a.key) - recency(b.key) || b.cues - a.cues || a.name.localeCompare(b.name));
  return candidates.map(({ name, cues }) => ({ name, cues }));
}

function cueItems(
  model: FountainDocument,
  position: vscode.Position,
  nameStart: number,
  forced: boolean,
): vscode.CompletionItem[] {
  const range = new vscode.Range(position.line, nameStart, position.line, position.character);
  return rankedSpeakers(model, position.line).map((speaker, rank) => {
    const item = new vscode.CompletionItem(speaker.name, vscode.CompletionItemKind.User);
    item.detail = speaker.cues === 1 ? '1 speech' : `${speaker.cues} speeches`;
    item.range = range;
    item.sortText = `a${String(rank).padStart(5, '0')}`;
    // A name with lowercase letters is only a cue when forced with `@`.
    const text = !forced && /\p{Ll}/u.test(speaker.name) ? `@${speaker.name}` : speaker.name;
    // The cue alone, with the cursor at its end: the writer's own Enter (a habit in every
    // screenwriting app) then starts the dialogue. Inserting the line break as well made that Enter
    // leave a blank line, and the dialogue became action.
    item.insertText = text;
    item.filterText = speaker.name;
    return item;
  });
}

function prefixItems(position: vscode.Position, start: number, restOfLineEmpty: boolean): vscode.CompletionItem[] {
  const range = new vscode.Range(position.line, start, position.line, position.character);
  return SCENE_PREFIXES.map((prefix, rank) => {
    const item = new vscode.CompletionItem(prefix, vscode.CompletionItemKind.Keyword);
    item.detail = 'scene heading';
    item.range = range;
    item.sortText = `b${rank}`;
    item.insertText = restOfLineEmpty ? `${prefix} ` : prefix;
    // Go straight on to the known locations.
    if (restOfLineEmpty) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest locations' };
    return item;
  });
}

function locationItems(
  model: FountainDocument,
  position: vscode.Position,
  before: string,
  afterPrefix: number,
  restOfLineEmpty: boolean,
): vscode.CompletionItem[] {
  let start = afterPrefix;
  while (start < before.length && before[start] === ' ') start++;
  const range = new vscode.Range(position.line, start, position.line, position.character);
  const scenes = model.outline.allScenes;
  const locations = [...model.locations.values()]
    // The heading being typed is a scene of its own half-typed location.
    .map((entry) => ({ name: entry.name, scenes: entry.scenes.filter((i) => scenes[i]?.line !== position.line).length }))
    .filter((entry) => entry.scenes > 0 && entry.name.trim() !== '')
    .sort((a, b) => b.scenes - a.scenes || a.name.localeCompare(b.name));
  return locations.map((location, rank) => {
    const item = new vscode.CompletionItem(location.name, vscode.CompletionItemKind.Reference);
    item.detail = location.scenes === 1 ? '1 scene' : `${location.scenes} scenes`;
    item.range = range;
    item.sortText = String(rank).padStart(5, '0');
    if (restOfLineEmpty) {
      item.insertText = `${location.name} - `;
      item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest times of day' };
    }
    return item;
  });
}

function timeOfDayItems(
  model: FountainDocument,
  position: vscode.Position,
  before: string,
  afterDash: number,
): vscode.CompletionItem[] {
  const needsSpace = afterDash >= before.length || before[afterDash] !== ' ';
  let start = afterDash;
  while (start < before.length && before[start] === ' ') start++;
  const range = new vscode.Range(position.line, start, position.line, position.character);

  const used = new Map<string, number>();
  for (const scene of model.outline.allScenes) {
    const time = scene.timeOfDay.trim().toUpperCase();
    if (time && scene.line !== position.line) used.set(time, (used.get(time) ?? 0) + 1);
  }
  const times = [
    ...[...used].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([time]) => time),
    ...TIMES_OF_DAY.filter((time) => !used.has(time)),
  ];
  return times.map((time, rank) => {
    const item = new vscode.CompletionItem(time, vscode.CompletionItemKind.EnumMember);
    const uses = used.get(time);
    item.detail = uses ? `time of day · used ${uses}×` : 'time of day';
    item.range = range;
    item.sortText = String(rank).padStart(5, '0');
    if (needsSpace) {
      item.insertText = ` ${time}`;
      item.filterText = time;
    }
    return item;
  });
}

function transitionItems(
  model: FountainDocument,
  position: vscode.Position,
  start: number,
  alreadyForced: boolean,
): vscode.CompletionItem[] {
  const range = new vscode.Range(position.line, start, position.line, position.character);
  const known = new Set<string>(TRANSITIONS);
  for (const line of model.lines) {
    if (line.type !== 'transition') continue;
    const text = line.text.trim().replace(/^>\s*/, '').toUpperCase();
    if (text) known.add(text);
  }
  return [...known].map((transition, rank) => {
    const item = new vscode.CompletionItem(transition, vscode.CompletionItemKind.Operator);
    item.detail = 'transition';
    item.range = range;
    item.sortText = `c${String(rank).padStart(4, '0')}`;
    // Only an uppercase line ending in `TO:` is a transition by itself; others need `>`.
    if (!alreadyForced && !transition.endsWith('TO:')) {
      item.insertText = `> ${transition}`;
      item.filterText = transition;
    }
    return item;
  });
}

