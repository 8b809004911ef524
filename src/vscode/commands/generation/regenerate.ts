import * as vscode from 'vscode';
import { describePlace, draftScene, generateTitle, regenerateBeat, regenerateCharacter } from '../../../story/operations';
import type { EngineOptions } from '../../../story/operations';
import { regenerateStale as regenerateStaleItems } from '../../../story/pipeline';
import type { Proposal } from '../../../story/proposal';
import type { Story } from '../../../story/schema';
import type { ItemRef } from '../../../story/items';
import { parseSidecar } from '../../../story/sidecar';
import { activeScript } from './activeScript';
import type { GenerationCommand, GenerationContext } from './generationContext';
import { pickAlternative } from './pickAlternative';
import { proposeStory, readSidecarText } from './proposeStory';
import { itemAtLine, readDocument } from './storyAtCursor';

/** Writing existing items again: the stale ones, the one at the cursor, or alternatives for it. */

export const regenerateStale: GenerationCommand = (ctx) => async () => {
  const script = activeScript();
  if (!script) return;
  const sidecar = parseSidecar(await readSidecarText(script.document));
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

export const regenerateThis: GenerationCommand = (ctx) => () => alternativesAtCursor(ctx, 1);

export const showAlternatives: GenerationCommand = (ctx) => async (arg?: unknown) => {
  const n = typeof arg === 'number' && arg >= 1 ? String(Math.floor(arg)) : await vscode.window.showInputBox({ title: 'Show Alternatives', prompt: 'How many alternatives?', value: '3', validateInput: (v) => (/^[1-9]$/.test(v.trim()) ? undefined : 'A number from 1 to 9') });
  if (n) await alternativesAtCursor(ctx, Number(n));
};

async function alternativesAtCursor(ctx: GenerationContext, n: number): Promise<void> {
  const script = activeScript();
  if (!script) return;
  const read = readDocument(script.document.getText());
  const ref = itemAtLine(read, script.editor.selection.active.line);
  if (!ref || ref.level === 'logline') {
    void vscode.window.showInformationMessage('Put the cursor on a title, character, place, scene heading or scene to regenerate it.');
    return;
  }
  const story = read.story;
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
