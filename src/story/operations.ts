import type { ChatModel, ChatResult } from '../llm/chatModel';
import { contentHash } from './hash';
import { OutputError, cleanReply, isDegenerate, parseBeats, parseCharacters, parseLogline, parsePlaceDescription, parseSceneDraft, parseTitle } from './parsers';
import type { ListResult } from './parsers';
import { makeProposal } from './proposal';
import type { Change, Proposal } from './proposal';
import {
  beatsPrompt,
  charactersPrompt,
  continueScenePrompt,
  loglinePrompt,
  moreBeatsPrompt,
  moreCharactersPrompt,
  placePrompt,
  replaceBeatPrompt,
  replaceCharacterPrompt,
  resolveStructure,
  sceneContext,
  scenePrompt,
  titlePrompt,
} from './prompts';
import type { Prompt } from './prompts';
import { namesOf } from './characterMatch';
import { checkBeats, checkCharacters, checkExampleNames, checkLogline, checkScene, checkTitle } from './answerChecks';
import type { Story } from './schema';
import { DEFAULT_ANSWER_LIMITS, maxCharsFor } from './answerLimits';
import type { AnswerLimits, ListLevel } from './answerLimits';

/**
 * The operations on every level — generate, regenerate one item with N alternatives, continue a
 * list or a scene — each returning proposals, never touching the story itself. Editing by hand
 * needs no engine: the writer edits the Fountain file and `readStory` picks it up.
 */

export interface EngineOptions {
  model: ChatModel;
  signal?: AbortSignal;
  /** A plot structure name (`freytag`, `heros-journey`, `save-the-cat`, `three-acts`) or a comma list. */
  structure?: string;
  /** How many times a degenerate or unreadable reply is resampled before giving up. */
  maxResamples?: number;
  temperature?: number;
  /** Base seed; alternatives and resamples offset it, so runs are reproducible where servers honour seeds. */
  seed?: number;
  /** Number of characters to create. */
  characterCount?: number;
  /** How long an answer and how many list items each level accepts; the defaults when absent. */
  limits?: AnswerLimits;
  /** Told about every reply the model gives, readable or not (for measuring, e.g. `npm run eval`). */
  onReply?: (event: ReplyEvent) => void;
}

/**
 * One reply to one prompt. `attempt` counts the requests made for one answer: 0 is the first, every
 * later one a resample. `outcome`: the reply parsed and fits what was asked (`ok`), parsed but is
 * not as asked (`offTarget`, see `answerChecks.ts`), looped (`degenerate`) or could not be read.
 */
export interface ReplyEvent {
  level: Prompt['level'];
  attempt: number;
  outcome: 'ok' | 'offTarget' | 'degenerate' | 'unparseable' | 'empty';
  result: ChatResult;
}

interface Asked<T> {
  value: T;
  result: ChatResult;
  promptHash: string;
  seed?: number;
  /** What about the answer is not as asked, after one resample (see `answerChecks.ts`). */
  warning?: string;
}

/** What about a parsed answer is not as asked; empty when it fits. */
type Check<T> = (value: T) => string[];

/**
 * Sends the prompt and parses the reply, resampling on degenerate or unreadable output. A
 * readable answer that `check` finds off (too long, too few, out of order, unknown names) is
 * resampled once; if the second answer is off too, the one with fewer problems is returned with a
 * warning that names them, for the review to show.
 */
async function ask<T>(opts: EngineOptions, prompt: Prompt, parse: (raw: string, result: ChatResult) => T, variant = 0, check?: Check<T>): Promise<Asked<T>> {
  let tries = 0;
  const report = (outcome: ReplyEvent['outcome'], result: ChatResult) => opts.onReply?.({ level: prompt.level, attempt: tries++, outcome, result });
  const first = await askReadable(opts, prompt, parse, variant, 0, report);
  const firstProblems = check?.(first.value) ?? [];
  report(firstProblems.length ? 'offTarget' : 'ok', first.result);
  if (firstProblems.length === 0) return first;
  const warned = (problems: string[]) => `Not as asked, even after a second try: ${problems.join('; ')}.`;
  let second: Asked<T>;
  try {
    second = await askReadable(opts, prompt, parse, variant, 1 + (opts.maxResamples ?? 2), report);
  } catch (err) {
    // A readable answer that is off beats none: when the second try cannot be read, the first is
    // proposed with its warning. A limit, a failed request or a cancel still ends the level.
    if (!(err instanceof OutputError) || err.kind === 'overLimit') throw err;
    return { ...first, warning: warned(firstProblems) };
  }
  const secondProblems = check!(second.value);
  report(secondProblems.length ? 'offTarget' : 'ok', second.result);
  if (secondProblems.length === 0) return second;
  const [best, problems] = secondProblems.length <= firstProblems.length ? [second, secondProblems] : [first, firstProblems];
  return { ...best, warning: warned(problems) };
}

/**
 * One answer that parses; `firstAttempt` numbers the tries across calls, so seeds never repeat.
 * `report` hears of every unreadable reply (the caller reports the readable one once checked).
 */
async function askReadable<T>(
  opts: EngineOptions,
  prompt: Prompt,
  parse: (raw: string, result: ChatResult) => T,
  variant: number,
  firstAttempt: number,
  report: (outcome: ReplyEvent['outcome'], result: ChatResult) => void,
): Promise<Asked<T>> {
  const attempts = 1 + (opts.maxResamples ?? 2);
  const promptHash = contentHash(prompt.messages);
  let lastError: OutputError | undefined;
  for (let attempt = firstAttempt; attempt < firstAttempt + attempts; attempt++) {
    const seed = opts.seed === undefined ? undefined : opts.seed + variant * 101 + attempt;
    const result = await opts.model.complete(
      {
        messages: prompt.messages,
        level: prompt.level,
        stop: prompt.stop,
        maxTokens: prompt.maxTokens,
        shape: prompt.shape,
        // A resample at the same temperature often loops the same way: nudge it up.
        temperature: opts.temperature === undefined ? (attempt > 0 ? 1 : undefined) : opts.temperature + attempt * 0.1,
        seed,
        maxChars: maxCharsFor(prompt.level, opts.limits),
      },
      opts.signal,
    );
    try {
      if (isDegenerate(cleanReply(result.text))) throw new OutputError('degenerate', 'The reply repeats itself.', result.text);
      return { value: parse(result.text, result), result, promptHash, seed };
    } catch (err) {
      if (!(err instanceof OutputError) || err.kind === 'overLimit') throw err;
      report(err.kind === 'degenerate' ? 'degenerate' : err.kind === 'empty' ? 'empty' : 'unparseable', result);
      lastError = err;
    }
  }
  const what = lastError?.kind === 'degenerate' ? 'kept repeating itself' : 'kept returning text that could not be read';
  throw new OutputError(
    lastError?.kind ?? 'unparseable',
    `${opts.model.label} ${what} for the ${prompt.level} level (${attempts} tries). Try another model, a higher temperature, or edit the inputs.`,
    lastError?.raw ?? '',
  );
}

function proposal<T>(story: Story, asked: Asked<T>, change: Change, truncated = false): Proposal {
  return makeProposal(story, change, { model: asked.result.model, promptHash: asked.promptHash, seed: asked.seed }, truncated, asked.warning);
}

/** Refuses a list longer than its level allows: nothing of it is inserted, and nothing fans out from it. */
function capped<T extends { items: unknown[] }>(level: ListLevel, opts: EngineOptions, parse: (raw: string) => T): (raw: string) => T {
  const limit = (opts.limits ?? DEFAULT_ANSWER_LIMITS).maxItems[level];
  return (raw) => {
    const parsed = parse(raw);
    if (parsed.items.length > limit) {
      throw new OutputError(
        'overLimit',
        `${opts.model.label} proposed ${parsed.items.length} ${level}, more than the ${limit} this level accepts. Nothing was inserted; try again, or raise the limit ("dramaturge.generation.maxListItems", or --max-items in the CLI) if the story really needs that many.`,
        raw,
      );
    }
    return parsed;
  };
}

function times<T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: Math.max(1, n) }, (_, i) => f(i)));
}

export async function generateLogline(story: Story, premise: string, opts: EngineOptions, alternatives = 1): Promise<Proposal[]> {
  return times(alternatives, async (v) => {
    const a = await ask(opts, loglinePrompt(premise), parseLogline, v, checkLogline);
    return proposal(story, a, { kind: 'logline', value: a.value });
  });
}

export async function generateTitle(story: Story, opts: EngineOptions, alternatives = 1): Promise<Proposal[]> {
  requireLogline(story);
  return times(alternatives, async (v) => {
    const a = await ask(opts, titlePrompt(story.logline), parseTitle, v, checkTitle);
    return proposal(story, a, { kind: 'title', value: a.value });
  });
}

export async function generateCharacters(story: Story, opts: EngineOptions): Promise<Proposal> {
  requireLogline(story);
  const count = opts.characterCount ?? 5;
  const a = await ask(opts, charactersPrompt(story.logline, count), capped('characters', opts, parseCharacters), 0, (list) => checkCharacters(list.items, count, story.logline));
  return proposal(story, a, { kind: 'characters', value: a.value.items }, a.value.truncated);
}

export async function regenerateCharacter(story: Story, index: number, opts: EngineOptions, alternatives = 1): Promise<Proposal[]> {
  requireItem(story.characters, index, 'character');
  const others = story.characters.filter((_, i) => i !== index);
  return times(alternatives, async (v) => {
    const a = await ask(opts, replaceCharacterPrompt(story.logline, others, story.characters[index]), parseCharacters, v, (list) => checkCharacters(list.items.slice(0, 1), 1, story.logline));
    return proposal(story, a, { kind: 'character', index, value: a.value.items[0] });
  });
}

export async function continueCharacters(story: Story, opts: EngineOptions, count = 2): Promise<Proposal[]> {
  requireLogline(story);
  const a = await ask(opts, moreCharactersPrompt(story.logline, story.characters, count), capped('characters', opts, parseCharacters), 0, (list) => checkCharacters(list.items, count, story.logline));
  const taken = new Set(story.characters.map((c) => c.name.toUpperCase()));
  const fresh = a.value.items.filter((c) => !taken.has(c.name.toUpperCase()));
  return fresh.map((c, i) => proposal(story, a, { kind: 'character', index: story.characters.length + i, value: c }, a.value.truncated));
}

export async function generateBeats(story: Story, opts: EngineOptions): Promise<Proposal> {
  requireLogline(story);
  const structure = resolveStructure(opts.structure);
  const a = await ask(opts, beatsPrompt(story.logline, story.characters, structure), capped('beats', opts, (raw) => parseBeats(raw)), 0, (list) =>
    checkBeats(list.items, structure, { whole: true, bible: story.characters, logline: story.logline }),
  );
  return proposal(story, a, { kind: 'beats', value: a.value.items }, a.value.truncated);
}

export async function regenerateBeat(story: Story, index: number, opts: EngineOptions, alternatives = 1): Promise<Proposal[]> {
  requireItem(story.beats, index, 'beat');
  return times(alternatives, async (v) => {
    const a = await ask(opts, replaceBeatPrompt(story.logline, story.characters, story.beats, index), (raw) => parseBeats(raw, story.beats[index - 1]), v, (list) =>
      checkExampleNames(list.items.slice(0, 1).map((b) => `${b.place.name}\n${b.beat}`).join('\n'), story.characters, story.logline),
    );
    const beat = a.value.items[0];
    // A lone beat has no section of its own: keep its place in the structure unless the model moved it.
    return proposal(story, a, { kind: 'beat', index, value: { ...beat, plotElement: beat.plotElement || story.beats[index].plotElement } });
  });
}

export async function continueBeats(story: Story, opts: EngineOptions, count = 3): Promise<Proposal[]> {
  requireLogline(story);
  const structure = resolveStructure(opts.structure);
  const last = story.beats[story.beats.length - 1];
  const a = await ask(opts, moreBeatsPrompt(story.logline, story.characters, structure, story.beats, count), capped('beats', opts, (raw) => parseBeats(raw, last)), 0, (list) =>
    checkBeats(list.items, structure, { whole: false, asked: count, after: last?.plotElement, bible: story.characters, logline: story.logline }),
  );
  return a.value.items.map((b, i) => proposal(story, a, { kind: 'beat', index: story.beats.length + i, value: b }, a.value.truncated));
}

/** Places the beats use that have no bible entry yet, and entries without a description. */
export function placesToDescribe(story: Story): { index: number; name: string }[] {
  const out: { index: number; name: string }[] = [];
  story.places.forEach((p, index) => {
    if (!p.description) out.push({ index, name: p.name });
  });
  const known = new Set(story.places.map((p) => p.name.toUpperCase()));
  let next = story.places.length;
  for (const b of story.beats) {
    const key = b.place.name.toUpperCase();
    if (known.has(key)) continue;
    known.add(key);
    out.push({ index: next++, name: b.place.name });
  }
  return out;
}

export async function describePlace(story: Story, index: number, name: string, opts: EngineOptions, alternatives = 1): Promise<Proposal[]> {
  requireLogline(story);
  return times(alternatives, async (v) => {
    const a = await ask(opts, placePrompt(story.logline, name, story.beats), parsePlaceDescription, v);
    return proposal(story, a, { kind: 'place', index, value: { name, description: a.value } });
  });
}

function knownNames(story: Story): string[] {
  return story.characters.flatMap(namesOf);
}

/**
 * Drafts scene `index`. `previousDraft` picks which version of the previous scene supplies the
 * continuity lines (the pipeline passes the one that existed before it started).
 */
export async function draftScene(story: Story, index: number, opts: EngineOptions, alternatives = 1, previousDraft?: string): Promise<Proposal[]> {
  requireItem(story.beats, index, 'scene');
  const context = sceneContext(story, index, previousDraft);
  return times(alternatives, async (v) => {
    const a = await ask(opts, scenePrompt(context), (raw, result) => parseSceneDraft(raw, knownNames(story), result.finishReason === 'length'), v, (scene) =>
      checkScene(scene.draft, story.beats[index], story.characters, story.logline),
    );
    return proposal(story, a, { kind: 'scene', index, value: a.value.draft }, a.value.truncated);
  });
}

export async function continueScene(story: Story, index: number, opts: EngineOptions): Promise<Proposal> {
  requireItem(story.beats, index, 'scene');
  const current = story.scenes[index]?.draft ?? '';
  if (!current) return (await draftScene(story, index, opts))[0];
  const a = await ask(
    opts,
    continueScenePrompt(sceneContext(story, index), current),
    (raw, result) => parseSceneDraft(raw, knownNames(story), result.finishReason === 'length'),
    0,
    (scene) => checkScene(scene.draft, story.beats[index], story.characters, story.logline, current),
  );
  return proposal(story, a, { kind: 'scene', index, value: `${current}\n\n${a.value.draft}` }, a.value.truncated);
}

function requireLogline(story: Story): void {
  if (!story.logline.trim()) throw new Error('The story has no logline yet: write one (or generate it from a premise) first.');
}

function requireItem(list: readonly unknown[], index: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new Error(`There is no ${what} ${index + 1}: the story has ${list.length}.`);
  }
}

export type { ListResult };
