import * as vscode from 'vscode';
import { draftScenesInRuns } from '../../../story/pipeline';
import { resolveTarget } from './scriptTarget';
import type { GenerationCommand } from './generationContext';
import { proposeStory } from './proposeStory';
import { fulfilled, reportFailures } from './settledProposals';

/** Drafts every scene that has none yet (or, if the writer agrees, all of them again). */
export const generateAllScenes: GenerationCommand = (ctx) => async (arg?: unknown) => {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  const story = script.story;
  if (!story.beats.length) {
    const go = await ctx.prompts.current.confirm('This screenplay has no scenes yet. Generate the beats first?', 'Generate Beats');
    if (go) await vscode.commands.executeCommand('dramaturge.generateBeats', { uri: script.document.uri });
    return;
  }
  let todo = story.beats.map((_, i) => i).filter((i) => !story.scenes[i]?.draft);
  if (!todo.length) {
    const again = await ctx.prompts.current.confirm('Every scene has a draft. Write them all again?', 'Rewrite All');
    if (!again) return;
    todo = story.beats.map((_, i) => i);
  }
  await ctx.runs.run(`Writing ${todo.length} scenes`, async (signal, report) => {
    const opts = ctx.engine(await ctx.models.getChatModel(), signal);
    let done = 0;
    const settled = await draftScenesInRuns(story, todo, opts, ctx.concurrency(), async (i, work) => {
      const busy = ctx.activity?.begin(script.document.uri, i);
      const p = await work().finally(() => busy?.dispose());
      report(`${++done}/${todo.length} scenes`);
      return p;
    });
    if (signal.aborted) return;
    reportFailures(ctx.models, settled);
    // One proposal per scene, reviewable one by one (next/previous) or all at once (Accept All).
    for (const p of fulfilled(settled)) proposeStory(ctx.review, script.document, [p]);
  });
};
