import * as vscode from 'vscode';
import type { ModelAccess } from '../../modelAccess';
import type { ReviewController } from '../../review/reviewController';
import type { ScriptSessions } from '../../scriptSessions';
import { continueScene, generateSceneAtCursor } from './continueScene';
import { createGenerationContext } from './generationContext';
import type { GenerationCommand, GenerationContext, SceneActivity } from './generationContext';
import { generateBeatsCommand, generateCharactersCommand, generatePlacesCommand, generateTitleCommand } from './generateLevel';
import { generateAllScenes } from './generateScenes';
import { newScreenplayFromLogline } from './newScreenplay';
import { regenerateStale, regenerateThis, showAlternatives } from './regenerate';
import { rewriteSelection } from './rewriteSelection';
import { writeWholeScreenplay } from './writeWholeScreenplay';

export type { GenerationPrompts, SceneActivity } from './generationContext';

/**
 * The generation commands. Each takes its script and item from its argument (`{ uri, item }`, as
 * the outline tree passes) or else from the active editor's cursor, reads the story from the
 * script's session, asks the engine, and hands the result to the review controller as a proposal:
 * nothing is ever written here.
 */
const commands: Record<string, GenerationCommand> = {
  'dramaturge.newScreenplayFromLogline': newScreenplayFromLogline,
  'dramaturge.generateTitle': generateTitleCommand,
  'dramaturge.generateCharacters': generateCharactersCommand,
  'dramaturge.generateBeats': generateBeatsCommand,
  'dramaturge.generatePlaces': generatePlacesCommand,
  'dramaturge.generateSceneAtCursor': generateSceneAtCursor,
  'dramaturge.continueScene': continueScene,
  'dramaturge.generateAllScenes': generateAllScenes,
  'dramaturge.writeWholeScreenplay': writeWholeScreenplay,
  'dramaturge.regenerateStale': regenerateStale,
  'dramaturge.regenerateThis': regenerateThis,
  'dramaturge.showAlternatives': showAlternatives,
  'dramaturge.rewriteSelection': rewriteSelection,
  'dramaturge.cancelGeneration': (ctx) => () => ctx.runs.cancel(),
};

/** The commands, and the prompts they use (which the extension-host tests read through the test-mode API). */
export function registerGenerationCommands(models: ModelAccess, sessions: ScriptSessions, review: ReviewController, activity?: SceneActivity): { disposable: vscode.Disposable; prompts: GenerationContext['prompts'] } {
  const ctx = createGenerationContext(models, sessions, review, activity);
  const disposable = vscode.Disposable.from(ctx.runs, ...Object.entries(commands).map(([id, command]) => vscode.commands.registerCommand(id, command(ctx))));
  return { disposable, prompts: ctx.prompts };
}
