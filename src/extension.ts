// Extension entry point. activate() builds the services once and registers each feature.
import './vscode/zodJitless';
import * as vscode from 'vscode';
import { registerGoToSceneCommand } from './vscode/commands/goToScene';
import { registerFinalDraftCommands } from './vscode/commands/finalDraft';
import { registerPreview } from './vscode/preview/registerPreview';
import { registerExportPdfCommand } from './vscode/commands/exportPdf';
import { PageLayouts } from './vscode/pageLayouts';
import { registerCompletion } from './vscode/completion';
import { Config } from './vscode/config';
import { registerDiagnosticFixes } from './vscode/diagnosticFixes';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerDocumentSymbols } from './vscode/documentSymbols';
import { registerFolding } from './vscode/folding';
import { registerSemanticTokens } from './vscode/semanticTokens';
import { registerModelAccess } from './vscode/modelAccess';
import { FountainDocuments, fountainSelector } from './vscode/fountainDocuments';
import { ScriptSessions } from './vscode/scriptSessions';
import { registerSceneStatusBar } from './vscode/sceneStatusBar';
import { registerReview } from './vscode/review/registerReview';
import { registerGenerationCommands } from './vscode/commands/generation/generationCommands';
import { registerInlineSuggestions } from './vscode/inlineSuggestions/registerInlineSuggestions';
import { GenerationActivity } from './vscode/outlineTree/generationActivity';
import { registerOutlineTree } from './vscode/outlineTree/registerOutlineTree';
import { registerAuthorship } from './vscode/authorship/registerAuthorship';
import { registerChooseLocalModelCommand } from './vscode/commands/chooseLocalModel';
import { registerUseLocalModelFileCommand } from './vscode/commands/useLocalModelFile';
import { registerRemoveLocalModelCommand } from './vscode/commands/removeLocalModel';

export function activate(context: vscode.ExtensionContext): DramaturgeApi | undefined {
  // Run for tests (ExtensionMode.Test), modal questions get the answers the tests set, and the
  // handles below are returned; in production activate() returns nothing.
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const answers = { replaceEditedText: false };
  const config = new Config();
  // The one parsed model per open script that every feature below reads.
  const documents = new FountainDocuments(config);
  // Each open script's session: that model, the story read from it once per version, its sidecar.
  const sessions = new ScriptSessions(documents);
  // Its printed pages, laid out on demand once per version: the status bar's page count, the PDF.
  const layouts = new PageLayouts(() => config.printLayout);
  // Model access (endpoint or editor models, keys, usage status bar, model commands).
  const models = registerModelAccess(context);
  context.subscriptions.push(
    documents,
    sessions,
    // Fountain language features
    registerDocumentSymbols(fountainSelector, documents),
    registerFolding(fountainSelector, documents),
    registerSemanticTokens(fountainSelector, documents),
    registerCompletion(fountainSelector, documents, config),
    registerDiagnostics(documents, config),
    registerDiagnosticFixes(fountainSelector, documents),
    registerSceneStatusBar(documents, config, layouts),
    // Commands
    registerGoToSceneCommand(documents),
    registerFinalDraftCommands(documents),
    // The paged preview beside the editor
    registerPreview(documents, context.extensionUri, config),
    registerExportPdfCommand(documents, config, layouts),
    // Getting a model for the built-in runtime: download one, point at a file, remove one.
    registerChooseLocalModelCommand(context),
    registerUseLocalModelFileCommand(),
    registerRemoveLocalModelCommand(context),
  );
  // The outline tree in the sidebar and ghost-text scene suggestions.
  // Which scenes are being written now: the commands mark them, the tree shows them.
  const generationActivity = new GenerationActivity();
  const outlineTree = registerOutlineTree(sessions, generationActivity);
  const inlineSuggestions = registerInlineSuggestions(fountainSelector, sessions, config, models);
  context.subscriptions.push(outlineTree, inlineSuggestions, generationActivity);
  // Generation commands; every result is a proposal reviewed as a diff (Accept/Reject).
  const review = registerReview(testMode ? async () => answers.replaceEditedText : undefined);
  const generation = registerGenerationCommands(models, sessions, review.controller, generationActivity);
  context.subscriptions.push(review.disposable, generation.disposable);
  // Who wrote each word: tracked through every edit, shown on request, reported.
  const authorship = registerAuthorship(sessions, config, review.controller, outlineTree, inlineSuggestions.provider.onDidOffer);
  context.subscriptions.push(authorship);
  if (!testMode) return undefined;
  return { outlineTree, inlineSuggestions: inlineSuggestions.provider, generationActivity, authorship, review: review.controller, prompts: generation.prompts, answers };
}

/** What `activate` returns in test mode only (`extension.exports`): handles the extension-host tests drive directly. */
export interface DramaturgeApi {
  outlineTree: ReturnType<typeof registerOutlineTree>;
  inlineSuggestions: ReturnType<typeof registerInlineSuggestions>['provider'];
  generationActivity: GenerationActivity;
  authorship: ReturnType<typeof registerAuthorship>;
  review: ReturnType<typeof registerReview>['controller'];
  prompts: ReturnType<typeof registerGenerationCommands>['prompts'];
  /** What a test answers where the writer would answer a modal question. */
  answers: { replaceEditedText: boolean };
}

export function deactivate(): void {}
