import * as vscode from 'vscode';
import { combinedPatch, proposalPatch } from '../../../story/documentPatch';
import type { DocumentPatch } from '../../../story/documentPatch';
import type { Proposal } from '../../../story/proposal';
import type { ReviewController, ReviewProposal } from '../../review/reviewController';

/** A friendly name for an engine item id (`scenes/2` → `Scene 3`). */
export function labelOf(proposals: readonly Proposal[]): string {
  const names = proposals.map((p) => {
    const [level, index] = p.label.split('/');
    const title = { logline: 'Logline', title: 'Title', characters: 'Characters', beats: 'Beats', places: 'Places', scenes: 'Scene' }[level] ?? level;
    if (index === undefined) return title;
    const singular = { Characters: 'Character', Beats: 'Beat', Places: 'Place', Scene: 'Scene' }[title] ?? title;
    return `${singular} ${Number(index) + 1}`;
  });
  return [...new Set(names)].join(' + ');
}

/** Shows engine proposals as one review proposal over the document (several are applied in order). */
export function proposeStory(review: ReviewController, document: vscode.TextDocument, proposals: readonly Proposal[], label = labelOf(proposals)): ReviewProposal {
  const text = document.getText();
  const patch: DocumentPatch = proposals.length === 1 ? proposalPatch(text, proposals[0]) : combinedPatch(text, proposals);
  return review.propose(document, {
    label,
    start: patch.start,
    end: patch.end,
    text: patch.text,
    ...warningOf(proposals),
    // The authorship tracker records, on Accept, which model wrote which items and words.
    origin: proposals,
  });
}

/** The engine's warnings (answers that did not fit what was asked), named by item when several. */
function warningOf(proposals: readonly Proposal[]): { warning?: string } {
  const warned = proposals.filter((p) => p.warning);
  if (warned.length === 0) return {};
  if (proposals.length === 1) return { warning: warned[0].warning };
  return { warning: warned.map((p) => `${labelOf([p])}: ${p.warning}`).join(' ') };
}
