import * as vscode from 'vscode';
import { cleanReply } from '../../../story/parsers';
import { resolveTarget } from './scriptTarget';
import { textArg } from './generationContext';
import type { GenerationCommand } from './generationContext';
import { rewritePrompt } from './rewritePrompt';
import { streamIntoProposal } from './streamProposal';

/** Rewrites the selected passage following the writer's instruction (or the text argument). */
export const rewriteSelection: GenerationCommand = (ctx) => async (arg?: unknown) => {
  // The selection is the target: only the active editor has one, so a text argument is the instruction.
  const script = await resolveTarget(ctx.sessions, undefined);
  if (!script?.editor) return;
  const selection = script.editor.selection;
  if (selection.isEmpty) {
    void vscode.window.showInformationMessage('Select the passage to rewrite first.');
    return;
  }
  const instruction = textArg(arg) ?? (await vscode.window.showInputBox({ title: 'Rewrite Selection', prompt: 'How should it change?', placeHolder: 'make it funnier · less on the nose · shorter' }))?.trim();
  if (!instruction) return;
  const passage = script.document.getText(selection);
  const start = script.document.offsetAt(selection.start);
  const end = script.document.offsetAt(selection.end);
  // Keep the selection's own leading/trailing whitespace: the model's answer is trimmed.
  const prefix = passage.slice(0, passage.length - passage.trimStart().length);
  const suffix = passage.slice(passage.trimEnd().length);
  await ctx.runs.run('Rewriting the selection', async (signal) => {
    const model = await ctx.models.getChatModel();
    await streamIntoProposal(ctx.review, script.document, model, rewritePrompt(passage.trim(), instruction, script.story.logline), { label: 'Rewrite', start, end, prefix, suffix }, (raw) => cleanReply(raw), signal, ctx.limits());
  });
};
