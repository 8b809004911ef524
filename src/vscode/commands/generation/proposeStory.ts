import * as vscode from 'vscode';
import { combinedPatch, proposalPatch } from '../../../story/documentPatch';
import type { DocumentPatch } from '../../../story/documentPatch';
import { parseSidecar, serializeSidecar, sidecarPath } from '../../../story/sidecar';
import { recordWritten } from '../../../story/staleness';
import { readStory } from '../../../story/storyReader';
import { writtenItems } from '../../../story/proposal';
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
    onAccepted: () => void recordProvenance(document, proposals),
  });
}

/**
 * After an Accept, notes in the optional sidecar which model wrote which items and from which
 * inputs, so "Regenerate Stale" can tell later what an upstream edit invalidated. Only for files
 * on disk; a failure here never affects the script.
 */
export function recordProvenance(document: vscode.TextDocument, proposals: readonly Proposal[]): Promise<void> {
  // Accept All resolves several proposals at once; each read-modify-write of the sidecar must see
  // the previous one's result, or the last writer drops the others' records.
  const next = provenanceWrites.then(() => writeProvenance(document, proposals));
  provenanceWrites = next;
  return next;
}

let provenanceWrites: Promise<void> = Promise.resolve();

async function writeProvenance(document: vscode.TextDocument, proposals: readonly Proposal[]): Promise<void> {
  if (document.uri.scheme !== 'file') return;
  const uri = document.uri.with({ path: sidecarPath(document.uri.path) });
  try {
    let existing: string | undefined;
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      existing = undefined;
    }
    let sidecar = parseSidecar(existing);
    const story = readStory(document.getText());
    for (const p of proposals) {
      for (const ref of writtenItems(story, p)) {
        sidecar = recordWritten(sidecar, story, ref, { source: 'model', model: p.source.model, promptHash: p.source.promptHash, seed: p.source.seed, at: new Date().toISOString() });
      }
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeSidecar(sidecar)));
  } catch {
    // Provenance is optional by design.
  }
}

export async function readSidecarText(document: vscode.TextDocument): Promise<string | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri.with({ path: sidecarPath(document.uri.path) })));
  } catch {
    return undefined;
  }
}
