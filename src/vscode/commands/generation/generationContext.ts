import * as vscode from 'vscode';
import type { ChatModel } from '../../../llm/chatModel';
import type { EngineOptions } from '../../../story/operations';
import { answerLimits } from '../../../story/answerLimits';
import type { AnswerLimits } from '../../../story/answerLimits';
import type { ModelAccess } from '../../modelAccess';
import type { ReviewController } from '../../review/reviewController';
import type { ScriptSessions } from '../../scriptSessions';
import { GenerationRuns } from './generationRun';

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

/** Lets the outline show which scenes are being written. */
export interface SceneActivity {
  begin(uri: vscode.Uri, sceneIndex: number): vscode.Disposable;
}

/** What every generation command is handed: built once, shared by all of them. */
export interface GenerationContext {
  readonly models: ModelAccess;
  /** Each open script's parsed model, story and sidecar: commands read them, never the text again. */
  readonly sessions: ScriptSessions;
  /** Every result goes here as a proposal: no command ever writes to the document itself. */
  readonly review: ReviewController;
  readonly activity?: SceneActivity;
  /** A box rather than a value so the tests can swap the prompts after registration. */
  readonly prompts: { current: GenerationPrompts };
  /** One run at a time, shared so that any command's run blocks (and is cancelled like) the others. */
  readonly runs: GenerationRuns;
  /** Read on every call: the settings may change between runs. */
  engine(model: ChatModel, signal: AbortSignal): EngineOptions;
  concurrency(): number;
  /** How long an answer and how many list items each level accepts (settings over defaults). */
  limits(): AnswerLimits;
}

/** A factory per command: given the context, it returns the command's handler. */
export type GenerationCommand = (ctx: GenerationContext) => (...args: unknown[]) => unknown;

export function createGenerationContext(models: ModelAccess, sessions: ScriptSessions, review: ReviewController, activity?: SceneActivity): GenerationContext {
  const settings = () => vscode.workspace.getConfiguration('dramaturge.generation');
  const limits = () => {
    const config = settings();
    return answerLimits({ maxChars: config.get<Record<string, unknown>>('maxAnswerChars'), maxItems: config.get<Record<string, unknown>>('maxListItems') });
  };
  return {
    models,
    sessions,
    review,
    activity,
    prompts: { current: modalPrompts },
    runs: new GenerationRuns(models),
    engine: (model, signal) => {
      const config = settings();
      return { model, signal, structure: config.get<string>('structure') || undefined, characterCount: config.get<number>('characterCount') || undefined, limits: limits() };
    },
    concurrency: () => settings().get<number>('concurrency') ?? 4,
    limits,
  };
}

/** A command argument given as text (from a keybinding, another extension, or a test), else undefined. */
export function textArg(arg: unknown): string | undefined {
  return typeof arg === 'string' && arg.trim() ? arg.trim() : undefined;
}
