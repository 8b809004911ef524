import * as vscode from 'vscode';
import { proposalPatch } from '../../../story/documentPatch';
import { namesOf } from '../../../story/characterMatch';
import { parseSceneDraft } from '../../../story/parsers';
import { continueScenePrompt, sceneContext, scenePrompt } from '../../../story/prompts';
import { makeProposal } from '../../../story/proposal';
import { resolveTarget } from './scriptTarget';
import type { GenerationCommand, GenerationContext } from './generationContext';
import { streamIntoProposal } from './streamProposal';
import { checkScene } from '../../../story/answerChecks';

/** Writing the scene at the cursor and continuing it: both stream one scene's draft into a proposal. */

export const generateSceneAtCursor: GenerationCommand = (ctx) => (arg?: unknown) => streamScene(ctx, arg, 'write');

export const continueScene: GenerationCommand = (ctx) => (arg?: unknown) => streamScene(ctx, arg, 'continue');

async function streamScene(ctx: GenerationContext, arg: unknown, mode: 'write' | 'continue'): Promise<void> {
  const script = await resolveTarget(ctx.sessions, arg);
  if (!script) return;
  let index = script.scene;
  if (index === undefined) {
    if (!script.story.beats.length) {
      const go = await ctx.prompts.current.confirm('This screenplay has no scenes yet. Generate the beats (the scene list) first?', 'Generate Beats');
      if (go) await vscode.commands.executeCommand('dramaturge.generateBeats', { uri: script.document.uri });
      return;
    }
    index = 0;
  }
  const story = script.story;
  if (!story.logline.trim()) {
    void vscode.window.showInformationMessage('Add a logline (Logline: … on the title page) so the model knows the story.');
    return;
  }
  const i = index;
  const current = story.scenes[i]?.draft ?? '';
  const continuing = mode === 'continue' && current.trim() !== '';
  await ctx.runs.run(`${continuing ? 'Continuing' : 'Writing'} scene ${i + 1}`, async (signal) => {
    const model = await ctx.models.getChatModel();
    const prompt = continuing ? continueScenePrompt(sceneContext(story, i), current) : scenePrompt(sceneContext(story, i));
    // The patch a finished draft would make, with a marker where the streamed words go: what is
    // around the marker is the text the insertion needs on either side (blank lines, the old draft).
    const MARK = '\u0000';
    const text = script.document.getText();
    const patch = proposalPatch(text, makeProposal(story, { kind: 'scene', index: i, value: continuing ? `${current}\n\n${MARK}` : MARK }, { model: '', promptHash: '' }));
    const [prefix, suffix] = patch.text.split(MARK);
    const names = story.characters.flatMap(namesOf);
    const busy = ctx.activity?.begin(script.document.uri, i);
    try {
      await streamIntoProposal(
        ctx.review,
        script.document,
        model,
        prompt,
        { label: `Scene ${i + 1}`, start: patch.start, end: patch.end, prefix, suffix },
        (raw, result) => parseSceneDraft(raw, names, result.finishReason === 'length').draft,
        signal,
        ctx.limits(),
        (draft) => checkScene(draft, story.beats[i], story.characters, story.logline, continuing ? current : ''),
      );
    } finally {
      busy?.dispose();
    }
  });
}
