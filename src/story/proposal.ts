import type { Beat, Character, Place, Story } from './schema';
import { itemId, itemText } from './items';
import type { ItemRef } from './items';
import type { Sidecar } from './sidecar';
import { recordWritten } from './staleness';
import { renderCharacterNote, renderPlaceNote, renderScene } from './fountainStore';

/**
 * What the engine returns instead of writing: one change to one item (or one whole list), with
 * the text before and after as the store would write it, for the review layer to diff. The CLI
 * applies them straight away.
 */
export type Change =
  | { kind: 'logline'; value: string }
  | { kind: 'title'; value: string }
  | { kind: 'characters'; value: Character[] }
  /** `index === characters.length` appends. */
  | { kind: 'character'; index: number; value: Character }
  | { kind: 'beats'; value: Beat[] }
  /** `index === beats.length` appends (with an unwritten scene). */
  | { kind: 'beat'; index: number; value: Beat }
  | { kind: 'place'; index: number; value: Place }
  | { kind: 'scene'; index: number; value: string };

export interface ProposalSource {
  model: string;
  promptHash: string;
  seed?: number;
}

export interface Proposal {
  /** Which item (or, without an index, which whole list) changes. */
  target: ItemRef;
  label: string;
  oldText: string;
  newText: string;
  change: Change;
  source: ProposalSource;
  /** The model stopped early (token limit or a list cut short); the text is usable but may end abruptly. */
  truncated?: boolean;
  /**
   * The answer does not fit what was asked even after a resample (a title too long, beats out of
   * order, a speaker not in the bible): shown on the proposal, so it never goes in silently.
   */
  warning?: string;
}

function changeText(change: Change): string {
  switch (change.kind) {
    case 'logline':
    case 'title':
    case 'scene':
      return change.value;
    case 'characters':
      return change.value.map(renderCharacterNote).join('\n\n');
    case 'character':
      return renderCharacterNote(change.value);
    case 'beats':
      return change.value.map((b) => renderScene(b, '').join('\n\n')).join('\n\n');
    case 'beat':
      return renderScene(change.value, '').join('\n\n');
    case 'place':
      return renderPlaceNote(change.value);
  }
}

function targetOf(change: Change): ItemRef {
  switch (change.kind) {
    case 'logline':
    case 'title':
      return { level: change.kind };
    case 'characters':
    case 'beats':
      return { level: change.kind };
    case 'character':
      return { level: 'characters', index: change.index };
    case 'beat':
      return { level: 'beats', index: change.index };
    case 'place':
      return { level: 'places', index: change.index };
    case 'scene':
      return { level: 'scenes', index: change.index };
  }
}

export function makeProposal(story: Story, change: Change, source: ProposalSource, truncated = false, warning?: string): Proposal {
  const target = targetOf(change);
  const oldText =
    target.index === undefined && (target.level === 'characters' || target.level === 'beats')
      ? changeText({ kind: target.level, value: story[target.level] } as Change)
      : itemText(story, target);
  return { target, label: itemId(target), oldText, newText: changeText(change), change, source, ...(truncated ? { truncated } : {}), ...(warning ? { warning } : {}) };
}

/** The story with the proposal accepted. Pure: the input story is not modified. */
export function applyProposal(story: Story, proposal: Proposal): Story {
  const s: Story = { ...story, characters: [...story.characters], beats: [...story.beats], places: [...story.places], scenes: [...story.scenes] };
  const c = proposal.change;
  switch (c.kind) {
    case 'logline':
      s.logline = c.value;
      break;
    case 'title':
      s.title = c.value;
      break;
    case 'characters':
      s.characters = [...c.value];
      break;
    case 'character':
      s.characters[c.index] = c.value;
      break;
    case 'beats':
      s.beats = [...c.value];
      // Drafts stay with their position; the staleness graph flags those whose beat changed.
      s.scenes = c.value.map((_, i) => s.scenes[i] ?? { draft: '' });
      break;
    case 'beat':
      s.beats[c.index] = c.value;
      if (!s.scenes[c.index]) s.scenes[c.index] = { draft: '' };
      break;
    case 'place':
      s.places[c.index] = c.value;
      break;
    case 'scene':
      s.scenes[c.index] = { draft: c.value };
      break;
  }
  return s;
}

/** The items a proposal wrote, for provenance. */
export function writtenItems(story: Story, proposal: Proposal): ItemRef[] {
  const c = proposal.change;
  if (c.kind === 'characters') return story.characters.map((_, index) => ({ level: 'characters', index }));
  if (c.kind === 'beats') return story.beats.map((_, index) => ({ level: 'beats', index }));
  return [proposal.target];
}

/** Applies the proposal and records in the sidecar which model wrote what, from which inputs. */
export function acceptProposal(story: Story, sidecar: Sidecar, proposal: Proposal): { story: Story; sidecar: Sidecar } {
  const next = applyProposal(story, proposal);
  return { story: next, sidecar: recordModelItems(sidecar, next, [proposal], new Date().toISOString()) };
}

/**
 * Records, for each item the accepted proposals wrote, which model wrote it and from which inputs:
 * what staleness is judged by. `story` is the story with the proposals in it. The CLI and the
 * editor both record through here.
 */
export function recordModelItems(sidecar: Sidecar, story: Story, proposals: readonly Proposal[], at: string): Sidecar {
  let next = sidecar;
  for (const p of proposals) {
    for (const ref of writtenItems(story, p)) {
      next = recordWritten(next, story, ref, { source: 'model', model: p.source.model, promptHash: p.source.promptHash, seed: p.source.seed, at });
    }
  }
  return next;
}
