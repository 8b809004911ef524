import * as vscode from 'vscode';
import type { Proposal } from '../../../story/proposal';
import type { ReviewController } from '../../review/reviewController';
import { labelOf, proposeStory } from './proposeStory';

/** The quick pick previews each alternative as the proposal while it is highlighted. */
export async function pickAlternative(review: ReviewController, document: vscode.TextDocument, alternatives: Proposal[]): Promise<void> {
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
