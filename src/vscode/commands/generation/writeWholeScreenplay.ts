import * as vscode from 'vscode';
import { writeAll } from '../../../story/pipeline';
import { resolveTarget, withLogline } from './scriptTarget';
import type { GenerationCommand } from './generationContext';
import { proposeStory } from './proposeStory';

/** Every level from the logline down to the scenes, in one run. */
export const writeWholeScreenplay: GenerationCommand = (ctx) => async (arg?: unknown) => {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  const base = await withLogline(script);
  if (!base) return;
  await ctx.runs.run('Writing the whole screenplay', async (signal, report) => {
    const opts = ctx.engine(await ctx.models.getChatModel(), signal);
    const result = await writeAll(base.story, { ...opts, concurrency: ctx.concurrency(), onProgress: (e) => e.type === 'done' && report(`${e.label} (${e.done}/${e.total})`) });
    if (result.cancelled || signal.aborted) return;
    for (const f of result.failures) void vscode.window.showWarningMessage(`${f.id}: ${f.error.message}`);
    const outline = [...base.before, ...result.proposals.filter((p) => p.change.kind !== 'scene')];
    const scenes = result.proposals.filter((p) => p.change.kind === 'scene');
    if (!outline.length) {
      for (const p of scenes) proposeStory(ctx.review, script.document, [p]);
    } else {
      // The scenes live inside the new outline: one proposal whose blocks are reviewed in turn.
      proposeStory(ctx.review, script.document, [...outline, ...scenes], 'Whole screenplay');
    }
  });
};
