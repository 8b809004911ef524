import * as vscode from 'vscode';
import type { ChatModel } from '../../../llm/chatModel';
import { proposalPatch } from '../../../story/documentPatch';
import {
  describePlace,
  draftScene,
  generateBeats,
  generateCharacters,
  generateTitle,
  placesToDescribe,
  regenerateBeat,
  regenerateCharacter,
} from '../../../story/operations';
import type { EngineOptions } from '../../../story/operations';
import { parseSceneDraft, cleanReply } from '../../../story/parsers';
import { mapLimit, regenerateStale, writeAll } from '../../../story/pipeline';
import { continueScenePrompt, sceneContext, scenePrompt } from '../../../story/prompts';
import { applyProposal, makeProposal } from '../../../story/proposal';
import type { Proposal } from '../../../story/proposal';
import { namesOf } from '../../../story/characterMatch';
import { parseSidecar } from '../../../story/sidecar';
import type { Story } from '../../../story/schema';
import type { ItemRef } from '../../../story/items';
import type { ModelAccess } from '../../modelAccess';
import type { ReviewController } from '../../review/reviewController';
import { GenerationRuns } from './generationRun';
import { labelOf, proposeStory, readSidecarText } from './proposeStory';
import { rewritePrompt } from './rewritePrompt';
import { itemAtLine, readDocument, sceneAtLine } from './storyAtCursor';
import { streamIntoProposal } from './streamProposal';

/**
 * The generation commands. Each reads the story from the active script, asks the engine, and
 * hands the result to the review controller as a proposal: nothing is ever written here.
 */

interface Ctx {
  editor: vscode.TextEditor;
  document: vscode.TextDocument;
  story: Story;
}

const YES = 'Generate them first';

/**
 * The modal questions the commands ask ("Generate the characters first?"). Replaceable so the
 * extension-host tests can answer them: a modal dialog cannot be clicked from there.
 */
export interface GenerationPrompts {
  confirm(question: string, action: string): Thenable<boolean>;
}

const modalPrompts: GenerationPrompts = {
  confirm: async (question, action) => (await vscode.window.showInformationMessage(question, { modal: true }, action)) === action,
};

/** A command argument given as text (from a keybinding, another extension, or a test), else undefined. */
function textArg(arg: unknown): string | undefined {
  return typeof arg === 'string' && arg.trim() ? arg.trim() : undefined;
}

/** Lets the outline show which scenes are being written. */
export interface SceneActivity {
  begin(uri: vscode.Uri, sceneIndex: number): vscode.Disposable;
}

export function registerGenerationCommands(models: ModelAccess, review: ReviewController, activity?: SceneActivity): vscode.Disposable {
  const runs = new GenerationRuns(models);
  const prompts: { current: GenerationPrompts } = { current: modalPrompts };

  const engine = (model: ChatModel, signal: AbortSignal): EngineOptions => {
    const config = vscode.workspace.getConfiguration('dramaturge.generation');
    return { model, signal, structure: config.get<string>('structure') || undefined, characterCount: config.get<number>('characterCount') || undefined };
  };
  const concurrency = () => vscode.workspace.getConfiguration('dramaturge.generation').get<number>('concurrency') ?? 4;

  const context = (): Ctx | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'fountain') {
      void vscode.window.showInformationMessage('Open a Fountain screenplay (.fountain) first.');
      return undefined;
    }
    return { editor, document: editor.document, story: readDocument(editor.document.getText()).story };
  };

  /** A logline is every level's input: without one, ask for it and propose it along with the result. */
  const withLogline = async (ctx: Ctx): Promise<{ story: Story; before: Proposal[] } | undefined> => {
    if (ctx.story.logline.trim()) return { story: ctx.story, before: [] };
    const logline = await vscode.window.showInputBox({ title: 'This screenplay has no logline yet', prompt: 'The story in one or two sentences', ignoreFocusOut: true });
    if (!logline?.trim()) return undefined;
    const p = makeProposal(ctx.story, { kind: 'logline', value: logline.trim().replace(/\s+/g, ' ') }, { model: 'writer', promptHash: '' });
    return { story: applyProposal(ctx.story, p), before: [p] };
  };

  /** Runs `make` with the story and proposes what it returns (with any prerequisite proposals). */
  const generate = async (title: string, make: (story: Story, opts: EngineOptions, report: (m: string) => void) => Promise<Proposal[]>, needs?: (story: Story, opts: EngineOptions) => Promise<Proposal[] | undefined>) => {
    const ctx = context();
    if (!ctx) return;
    const base = await withLogline(ctx);
    if (!base) return;
    await runs.run(title, async (signal, report) => {
      const model = await models.getChatModel();
      const opts = engine(model, signal);
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
      proposeStory(review, ctx.document, [...before, ...made]);
    });
  };

  const askThen = async (question: string, run: () => Promise<Proposal[]>): Promise<Proposal[] | undefined> => {
    return (await prompts.current.confirm(question, YES)) ? run() : undefined;
  };

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'dramaturge.newScreenplayFromLogline': async (arg?: unknown) => {
      const logline = textArg(arg) ?? (await vscode.window.showInputBox({ title: 'New Screenplay from Logline', prompt: 'The story in one or two sentences', ignoreFocusOut: true }))?.trim();
      if (!logline) return;
      const document = await createScreenplay(logline);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('dramaturge.generateTitle');
    },
    'dramaturge.generateTitle': () => generate('Title', async (story, opts) => generateTitle(story, opts)),
    'dramaturge.generateCharacters': () => generate('Characters', async (story, opts) => [await generateCharacters(story, opts)]),
    'dramaturge.generateBeats': () =>
      generate(
        'Beats',
        async (story, opts) => [await generateBeats(story, opts)],
        async (story, opts) => (story.characters.length ? [] : askThen('This screenplay has no characters yet. Generate them first?', async () => [await generateCharacters(story, opts)])),
      ),
    'dramaturge.generatePlaces': () =>
      generate('Places', async (story, opts, report) => {
        const todo = placesToDescribe(story);
        if (!todo.length) {
          void vscode.window.showInformationMessage(story.beats.length ? 'Every place already has a description.' : 'There are no scenes yet: generate the beats first.');
          return [];
        }
        let done = 0;
        const settled = await mapLimit(todo, concurrency(), async (p) => {
          const [proposal] = await describePlace(story, p.index, p.name, opts);
          report(`${++done}/${todo.length} places`);
          return proposal;
        }, opts.signal);
        return fulfilled(settled);
      }),
    'dramaturge.generateSceneAtCursor': () => streamScene('write'),
    'dramaturge.continueScene': () => streamScene('continue'),
    'dramaturge.generateAllScenes': () => allScenes(),
    'dramaturge.writeWholeScreenplay': () => writeWhole(),
    'dramaturge.regenerateStale': () => stale(),
    'dramaturge.regenerateThis': () => alternativesAtCursor(1),
    'dramaturge.showAlternatives': async (arg?: unknown) => {
      const n = typeof arg === 'number' && arg >= 1 ? String(Math.floor(arg)) : await vscode.window.showInputBox({ title: 'Show Alternatives', prompt: 'How many alternatives?', value: '3', validateInput: (v) => (/^[1-9]$/.test(v.trim()) ? undefined : 'A number from 1 to 9') });
      if (n) await alternativesAtCursor(Number(n));
    },
    'dramaturge.rewriteSelection': (arg?: unknown) => rewriteSelection(textArg(arg)),
    'dramaturge.cancelGeneration': () => runs.cancel(),
    // For the extension-host tests, which run in another module instance than the bundle.
    'dramaturge.generation.testApi': () => ({ prompts }),
  };

  async function streamScene(mode: 'write' | 'continue'): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const read = readDocument(ctx.document.getText());
    let index = sceneAtLine(read, ctx.editor.selection.active.line);
    if (index === undefined) {
      if (!read.story.beats.length) {
        const go = await prompts.current.confirm('This screenplay has no scenes yet. Generate the beats (the scene list) first?', 'Generate Beats');
        if (go) await vscode.commands.executeCommand('dramaturge.generateBeats');
        return;
      }
      index = 0;
    }
    const story = read.story;
    if (!story.logline.trim()) {
      void vscode.window.showInformationMessage('Add a logline (Logline: … on the title page) so the model knows the story.');
      return;
    }
    const i = index;
    const current = story.scenes[i]?.draft ?? '';
    const continuing = mode === 'continue' && current.trim() !== '';
    await runs.run(`${continuing ? 'Continuing' : 'Writing'} scene ${i + 1}`, async (signal) => {
      const model = await models.getChatModel();
      const prompt = continuing ? continueScenePrompt(sceneContext(story, i), current) : scenePrompt(sceneContext(story, i));
      const MARK = '\u0000';
      const text = ctx.document.getText();
      const patch = proposalPatch(text, makeProposal(story, { kind: 'scene', index: i, value: continuing ? `${current}\n\n${MARK}` : MARK }, { model: '', promptHash: '' }));
      const [prefix, suffix] = patch.text.split(MARK);
      const names = story.characters.flatMap(namesOf);
      const busy = activity?.begin(ctx.document.uri, i);
      try {
      await streamIntoProposal(
        review,
        ctx.document,
        model,
        prompt,
        { label: `Scene ${i + 1}`, start: patch.start, end: patch.end, prefix, suffix },
        (raw, result) => parseSceneDraft(raw, names, result.finishReason === 'length').draft,
        signal,
      );
      } finally {
        busy?.dispose();
      }
    });
  }

  async function rewriteSelection(given?: string): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const selection = ctx.editor.selection;
    if (selection.isEmpty) {
      void vscode.window.showInformationMessage('Select the passage to rewrite first.');
      return;
    }
    const instruction = given ?? (await vscode.window.showInputBox({ title: 'Rewrite Selection', prompt: 'How should it change?', placeHolder: 'make it funnier · less on the nose · shorter' }))?.trim();
    if (!instruction) return;
    const passage = ctx.document.getText(selection);
    const start = ctx.document.offsetAt(selection.start);
    const end = ctx.document.offsetAt(selection.end);
    // Keep the selection's own leading/trailing whitespace: the model's answer is trimmed.
    const prefix = /^\s*/.exec(passage)![0];
    const suffix = /\s*$/.exec(passage)![0];
    await runs.run('Rewriting the selection', async (signal) => {
      const model = await models.getChatModel();
      await streamIntoProposal(review, ctx.document, model, rewritePrompt(passage.trim(), instruction, ctx.story.logline), { label: 'Rewrite', start, end, prefix, suffix }, (raw) => cleanReply(raw), signal);
    });
  }

  async function allScenes(): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const story = ctx.story;
    if (!story.beats.length) {
      const go = await prompts.current.confirm('This screenplay has no scenes yet. Generate the beats first?', 'Generate Beats');
      if (go) await vscode.commands.executeCommand('dramaturge.generateBeats');
      return;
    }
    let todo = story.beats.map((_, i) => i).filter((i) => !story.scenes[i]?.draft);
    if (!todo.length) {
      const again = await prompts.current.confirm('Every scene has a draft. Write them all again?', 'Rewrite All');
      if (!again) return;
      todo = story.beats.map((_, i) => i);
    }
    await runs.run(`Writing ${todo.length} scenes`, async (signal, report) => {
      const opts = engine(await models.getChatModel(), signal);
      let done = 0;
      const settled = await mapLimit(todo, concurrency(), async (i) => {
        const busy = activity?.begin(ctx.document.uri, i);
        const [p] = await draftScene(story, i, opts, 1, story.scenes[i - 1]?.draft ?? '').finally(() => busy?.dispose());
        report(`${++done}/${todo.length} scenes`);
        return p;
      }, signal);
      if (signal.aborted) return;
      reportFailures(settled);
      // One proposal per scene, reviewable one by one (next/previous) or all at once (Accept All).
      for (const p of fulfilled(settled)) proposeStory(review, ctx.document, [p]);
    });
  }

  async function writeWhole(): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const base = await withLogline(ctx);
    if (!base) return;
    await runs.run('Writing the whole screenplay', async (signal, report) => {
      const opts = engine(await models.getChatModel(), signal);
      const result = await writeAll(base.story, { ...opts, concurrency: concurrency(), onProgress: (e) => e.type === 'done' && report(`${e.label} (${e.done}/${e.total})`) });
      if (result.cancelled || signal.aborted) return;
      for (const f of result.failures) void vscode.window.showWarningMessage(`${f.id}: ${f.error.message}`);
      const outline = [...base.before, ...result.proposals.filter((p) => p.change.kind !== 'scene')];
      const scenes = result.proposals.filter((p) => p.change.kind === 'scene');
      if (!outline.length) {
        for (const p of scenes) proposeStory(review, ctx.document, [p]);
      } else {
        // The scenes live inside the new outline: one proposal whose blocks are reviewed in turn.
        proposeStory(review, ctx.document, [...outline, ...scenes], 'Whole screenplay');
      }
    });
  }

  async function stale(): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const sidecar = parseSidecar(await readSidecarText(ctx.document));
    await runs.run('Regenerating stale items', async (signal) => {
      const opts = engine(await models.getChatModel(), signal);
      const result = await regenerateStale(ctx.story, sidecar, { ...opts, concurrency: concurrency() });
      if (signal.aborted) return;
      if (!result.stale.length) {
        void vscode.window.showInformationMessage('Nothing is stale: every generated item is up to date with what it was written from.');
        return;
      }
      for (const f of result.failures) void vscode.window.showWarningMessage(`${f.id}: ${f.error.message}`);
      for (const p of result.proposals) proposeStory(review, ctx.document, [p]);
    });
  }

  async function alternativesAtCursor(n: number): Promise<void> {
    const ctx = context();
    if (!ctx) return;
    const read = readDocument(ctx.document.getText());
    const ref = itemAtLine(read, ctx.editor.selection.active.line);
    if (!ref || ref.level === 'logline') {
      void vscode.window.showInformationMessage('Put the cursor on a title, character, place, scene heading or scene to regenerate it.');
      return;
    }
    const story = read.story;
    const alternatives = await runs.run(n > 1 ? `${n} alternatives` : 'Regenerating', async (signal) => regenerate(story, ref, engine(await models.getChatModel(), signal), n));
    if (!alternatives?.length) return;
    if (alternatives.length === 1) {
      proposeStory(review, ctx.document, alternatives);
      return;
    }
    await pickAlternative(ctx.document, alternatives);
  }

  /** The quick pick previews each alternative as the proposal while it is highlighted. */
  async function pickAlternative(document: vscode.TextDocument, alternatives: Proposal[]): Promise<void> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { proposal: Proposal }>();
    pick.title = `Alternatives for ${labelOf(alternatives.slice(0, 1))}`;
    pick.placeholder = 'Highlight one to preview it in the editor; Enter keeps it as the proposal to review';
    pick.items = alternatives.map((p, i) => ({ label: `Alternative ${i + 1}`, detail: p.newText.replace(/\s+/g, ' ').slice(0, 200), proposal: p }));
    let shown: ReturnType<typeof proposeStory> | undefined;
    const show = (p: Proposal) => {
      if (shown) review.discard(shown);
      shown = proposeStory(review, document, [p]);
    };
    pick.onDidChangeActive((items) => items[0] && show(items[0].proposal));
    const chosen = await new Promise<boolean>((resolve) => {
      pick.onDidAccept(() => resolve(true));
      pick.onDidHide(() => resolve(false));
      pick.show();
    });
    const selected = pick.selectedItems[0] ?? pick.activeItems[0];
    pick.dispose();
    if (!chosen) {
      if (shown) review.discard(shown);
      return;
    }
    if (selected) show(selected.proposal);
  }

  function fulfilled(settled: PromiseSettledResult<Proposal>[]): Proposal[] {
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  function reportFailures(settled: PromiseSettledResult<Proposal>[]): void {
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed.length) models.showError(failed[0].reason);
  }

  return vscode.Disposable.from(runs, ...Object.entries(commands).map(([id, f]) => vscode.commands.registerCommand(id, f)));
}

async function regenerate(story: Story, ref: ItemRef, opts: EngineOptions, n: number): Promise<Proposal[]> {
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

/** A new script beside the open folder's others, holding just the logline; the title comes as a proposal. */
async function createScreenplay(logline: string): Promise<vscode.TextDocument> {
  const content = `Logline: ${logline.replace(/\s+/g, ' ')}\n`;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return vscode.workspace.openTextDocument({ language: 'fountain', content });
  const slug = logline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 5).join('-') || 'screenplay';
  for (let n = 0; ; n++) {
    const uri = vscode.Uri.joinPath(folder.uri, `${slug}${n ? `-${n + 1}` : ''}.fountain`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
      return vscode.workspace.openTextDocument(uri);
    }
  }
}
