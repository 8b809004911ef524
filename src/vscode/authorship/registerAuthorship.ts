import * as vscode from 'vscode';
import { wordShares } from '../../provenance';
import type { Config } from '../config';
import { ConfigKeys } from '../config';
import type { ScriptSessions } from '../scriptSessions';
import type { OutlineTree } from '../outlineTree/registerOutlineTree';
import type { ReviewController } from '../review/reviewController';
import { AITextDecorations } from './aiTextDecorations';
import { showAuthorshipReport } from './authorshipReportCommand';
import { AuthorshipTracker } from './authorshipTracker';
import type { GhostTextOffer } from './authorshipTracker';

/** The outline's word figures wait for a pause: they read the whole script. */
const SHARES_MS = 400;

export interface AuthorshipFeature extends vscode.Disposable {
  readonly tracker: AuthorshipTracker;
  readonly decorations: AITextDecorations;
}

/**
 * Word-level authorship in the editor: the tracker, the Show AI-Written Text underlines, the
 * outline's share of model words per scene and for the script, and the Authorship Report.
 */
export function registerAuthorship(sessions: ScriptSessions, config: Config, review: ReviewController, outline: OutlineTree, ghostText: vscode.Event<GhostTextOffer>): AuthorshipFeature {
  const tracker = new AuthorshipTracker(sessions, review, () => vscode.env.clipboard.readText(), ghostText);
  const decorations = new AITextDecorations(tracker, config);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publishShares = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const document = outline.provider.currentDocument;
      if (!document || document.isClosed) return;
      const session = sessions.get(document);
      outline.provider.setWordShares(document, wordShares(document.getText(), session.model, tracker.current(document).authorship, session.read().layout));
    }, SHARES_MS);
  };
  const disposables: vscode.Disposable[] = [
    tracker,
    decorations,
    tracker.onDidChange(publishShares),
    vscode.window.onDidChangeActiveTextEditor(publishShares),
    vscode.commands.registerCommand('dramaturge.authorship.toggleAIText', async () => {
      await vscode.workspace.getConfiguration().update(ConfigKeys.showAIText, !config.showAIText, vscode.ConfigurationTarget.Global);
      decorations.redraw();
    }),
    vscode.commands.registerCommand('dramaturge.authorship.report', (target?: unknown) => showAuthorshipReport(sessions, tracker, isDocument(target) ? target : undefined)),
    { dispose: () => clearTimeout(timer) },
  ];
  publishShares();
  return { tracker, decorations, dispose: () => disposables.forEach((d) => d.dispose()) };
}

/** The report for a given script (another extension, a test), else the active editor's. */
function isDocument(value: unknown): value is vscode.TextDocument {
  return !!value && typeof value === 'object' && 'uri' in value && 'getText' in value;
}
