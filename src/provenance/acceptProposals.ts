import { applyPatch, proposalPatch } from '../story/documentPatch';
import type { Proposal } from '../story/proposal';
import type { Authorship } from './authorship';

/**
 * Writes proposals into a text the way the CLI saves them (each placed on its item by the same
 * patch the editor's review uses, in order) and records the exact range each answer now fills.
 * The final text is the one `combinedPatch` gives.
 */
export function acceptProposals(
  text: string,
  authorship: Authorship,
  proposals: readonly Proposal[],
  meta: { at: string; params?: Readonly<Record<string, number>> },
): { text: string; authorship: Authorship } {
  let t = text;
  let a = authorship;
  for (const p of proposals) {
    const patch = proposalPatch(t, p);
    t = applyPatch(t, patch);
    a = a.edit(patch).attributeModel(patch.start, {
      model: p.source.model,
      item: p.label,
      at: meta.at,
      ...(p.source.seed !== undefined ? { seed: p.source.seed } : {}),
      promptHash: p.source.promptHash,
      ...(meta.params && Object.keys(meta.params).length ? { params: meta.params } : {}),
      text: patch.text,
    });
  }
  return { text: t, authorship: a };
}
