import * as vscode from 'vscode';
import { describePlace, generateBeats, generateCharacters, generateTitle, placesToDescribe } from '../../../story/operations';
import type { EngineOptions } from '../../../story/operations';
import { mapLimit } from '../../../story/pipeline';
import { applyProposal } from '../../../story/proposal';
import type { Proposal } from '../../../story/proposal';
import type { Story } from '../../../story/schema';
import { resolveTarget, withLogline } from './scriptTarget';
import type { GenerationCommand, GenerationContext } from './generationContext';
import { proposeStory } from './proposeStory';
import { fulfilled } from './settledProposals';

/** The outline levels (title, characters, beats, places): one run, one proposal of the whole level. */

const YES = 'Generate them first';

type Make = (story: Story, opts: EngineOptions, report: (m: string) => void) => Promise<Proposal[]>;
type Needs = (story: Story, opts: EngineOptions) => Promise<Proposal[] | undefined>;

/** Runs `make` with the story and proposes what it returns (with any prerequisite proposals). */
async function generateLevel(ctx: GenerationContext, arg: unknown, title: string, make: Make, needs?: Needs): Promise<void> {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  const base = await withLogline(script);
  if (!base) return;
  await ctx.runs.run(title, async (signal, report) => {
    const model = await ctx.models.getChatModel();
    const opts = ctx.engine(model, signal);
    let story = base.story;
    const before = [...base.before];
    if (needs) {
      const extra = await needs(story, opts);
      if (!extra) return;
      for (const p of extra) story = applyProposal(story, p);
      before.push(...extra);
    }
    const made = await make(story, opts, report);
    if (signal.aborted || !made.length) return;
    // The writer may have typed meanwhile: the patch is computed against the text as it is now.
    proposeStory(ctx.review, script.document, [...before, ...made]);
  });
}

/** Generates a missing prerequisite if the writer agrees; undefined (stop) when they decline. */
async function askThen(ctx: GenerationContext, question: string, run: () => Promise<Proposal[]>): Promise<Proposal[] | undefined> {
  return (await ctx.prompts.current.confirm(question, YES)) ? run() : undefined;
}

export const generateTitleCommand: GenerationCommand = (ctx) => (arg?: unknown) => generateLevel(ctx, arg, 'Title', async (story, opts) => generateTitle(story, opts));

export const generateCharactersCommand: GenerationCommand = (ctx) => (arg?: unknown) => generateLevel(ctx, arg, 'Characters', async (story, opts) => [await generateCharacters(story, opts)]);

export const generateBeatsCommand: GenerationCommand = (ctx) => (arg?: unknown) =>
  generateLevel(
    ctx,
    arg,
    'Beats',
    async (story, opts) => [await generateBeats(story, opts)],
    async (story, opts) => (story.characters.length ? [] : askThen(ctx, 'This screenplay has no characters yet. Generate them first?', async () => [await generateCharacters(story, opts)])),
  );

export const generatePlacesCommand: GenerationCommand = (ctx) => (arg?: unknown) =>
  generateLevel(ctx, arg, 'Places', async (story, opts, report) => {
    const todo = placesToDescribe(story);
    if (!todo.length) {
      void vscode.window.showInformationMessage(story.beats.length ? 'Every place already has a description.' : 'There are no scenes yet: generate the beats first.');
      return [];
    }
    let done = 0;
    const settled = await mapLimit(todo, ctx.concurrency(), async (p) => {
      const [proposal] = await describePlace(story, p.index, p.name, opts);
      report(`${++done}/${todo.length} places`);
      return proposal;
    }, opts.signal);
    return fulfilled(settled);
  });
