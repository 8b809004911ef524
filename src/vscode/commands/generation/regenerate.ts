import * as vscode from 'vscode';
import { describePlace, draftScene, generateTitle, regenerateBeat, regenerateCharacter } from '../../../story/operations';
import type { EngineOptions } from '../../../story/operations';
import { regenerateStale as regenerateStaleItems } from '../../../story/pipeline';
import type { Proposal } from '../../../story/proposal';
import type { Story } from '../../../story/schema';
import type { ItemRef } from '../../../story/items';
import { isScriptItemArg, resolveTarget } from './scriptTarget';
import type { GenerationCommand, GenerationContext } from './generationContext';
import { pickAlternative } from './pickAlternative';
import { proposeStory } from './proposeStory';

/** Writing existing items again: the stale ones, the one at the cursor, or alternatives for it. */

export const regenerateStale: GenerationCommand = (ctx) => async (arg?: unknown) => {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  const sidecar = await script.session.readSidecar();
  await ctx.runs.run('Regenerating stale items', async (signal) => {
    const opts = ctx.engine(await ctx.models.getChatModel(), signal);
    const result = await regenerateStaleItems(script.story, sidecar, { ...opts, concurrency: ctx.concurrency() });
    if (signal.aborted) return;
    if (!result.stale.length) {
      void vscode.window.showInformationMessage('Nothing is stale: every generated item is up to date with what it was written from.');
      return;
    }
    for (const f of result.failures) void vscode.window.showWarningMessage(`${f.id}: ${f.error.message}`);
    for (const p of result.proposals) proposeStory(ctx.review, script.document, [p]);
  });
};

export const regenerateThis: GenerationCommand = (ctx) => (arg?: unknown) => alternativesOf(ctx, arg, 1);

export const showAlternatives: GenerationCommand = (ctx) => async (arg?: unknown) => {
  // A count, or the outline's { uri, item } (with an optional count).
  const count = typeof arg === 'number' ? arg : isScriptItemArg(arg) ? arg.count : undefined;
  const n = count !== undefined && count >= 1 ? String(Math.floor(count)) : await vscode.window.showInputBox({ title: 'Show Alternatives', prompt: 'How many alternatives?', value: '3', validateInput: (v) => (/^[1-9]$/.test(v.trim()) ? undefined : 'A number from 1 to 9') });
  if (n) await alternativesOf(ctx, isScriptItemArg(arg) ? arg : undefined, Number(n));
};

/** `n` new versions of the item the argument names, else of the one at the cursor. */
async function alternativesOf(ctx: GenerationContext, arg: unknown, n: number): Promise<void> {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  const ref = script.item;
  if (!ref || ref.level === 'logline') {
    void vscode.window.showInformationMessage('Put the cursor on a title, character, place, scene heading or scene to regenerate it.');
    return;
  }
  const story = script.story;
  const alternatives = await ctx.runs.run(n > 1 ? `${n} alternatives` : 'Regenerating', async (signal) => regenerateItem(story, ref, ctx.engine(await ctx.models.getChatModel(), signal), n));
  if (!alternatives?.length) return;
  if (alternatives.length === 1) {
    proposeStory(ctx.review, script.document, alternatives);
    return;
  }
  await pickAlternative(ctx.review, script.document, alternatives);
}

async function regenerateItem(story: Story, ref: ItemRef, opts: EngineOptions, n: number): Promise<Proposal[]> {
  const i = ref.index ?? 0;
  switch (ref.level) {
    case 'title':
      return generateTitle(story, opts, n);
    case 'characters':
      return regenerateCharacter(story, i, opts, n);
    case 'places':
      return describePlace(story, i, story.places[i].name, opts, n);
    case 'beats':
      return regenerateBeat(story, i, opts, n);
    case 'scenes':
      return draftScene(story, i, opts, n);
    default:
      return [];
  }
}
