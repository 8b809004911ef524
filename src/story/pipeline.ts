import type { Level, Story } from './schema';
import type { Sidecar } from './sidecar';
import { emptySidecar } from './sidecar';
import { acceptProposal } from './proposal';
import type { Proposal } from './proposal';
import type { EngineOptions } from './operations';
import {
  describePlace,
  draftScene,
  generateBeats,
  generateCharacters,
  generateLogline,
  generateTitle,
  placesToDescribe,
  regenerateBeat,
  regenerateCharacter,
} from './operations';
import { findStale } from './staleness';
import type { StaleItem } from './staleness';

/**
 * "Write the whole screenplay": the levels in order, each filling only what is missing, with
 * place descriptions and scene drafts written in parallel under a concurrency bound. A failed
 * item is reported and skipped; every other item still arrives. Cancelling stops new requests,
 * aborts running ones, and returns what finished.
 */

export type ProgressEvent =
  | { type: 'level'; level: Level; items: number }
  | { type: 'start'; id: string; label: string }
  | { type: 'done'; id: string; label: string; done: number; total: number }
  | { type: 'failed'; id: string; label: string; error: string; done: number; total: number };

export interface PipelineOptions extends EngineOptions {
  /** At most this many requests in flight (places, scenes). Default 4. */
  concurrency?: number;
  /** The writer's premise, when there is no logline yet. */
  premise?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ItemFailure {
  id: string;
  error: Error;
}

export interface PipelineResult {
  story: Story;
  sidecar: Sidecar;
  /** Every accepted change, in the order applied (what the editor's review layer shows). */
  proposals: Proposal[];
  failures: ItemFailure[];
  cancelled: boolean;
}

/** Runs `work` over `items` with at most `limit` running at once; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      if (signal?.aborted) {
        results[i] = { status: 'rejected', reason: new Error('cancelled') };
        continue;
      }
      try {
        results[i] = { status: 'fulfilled', value: await work(items[i], i) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

class Run {
  proposals: Proposal[] = [];
  failures: ItemFailure[] = [];
  constructor(
    public story: Story,
    public sidecar: Sidecar,
    readonly opts: PipelineOptions,
  ) {}

  accept(p: Proposal): void {
    ({ story: this.story, sidecar: this.sidecar } = acceptProposal(this.story, this.sidecar, p));
    this.proposals.push(p);
  }

  emit(e: ProgressEvent): void {
    this.opts.onProgress?.(e);
  }

  get cancelled(): boolean {
    return !!this.opts.signal?.aborted;
  }

  /** One item that the next level depends on: its failure stops the run. */
  async single(level: Level, label: string, work: () => Promise<Proposal | Proposal[]>): Promise<void> {
    this.emit({ type: 'level', level, items: 1 });
    this.emit({ type: 'start', id: level, label });
    const result = await work();
    for (const p of Array.isArray(result) ? result.slice(0, 1) : [result]) this.accept(p);
    this.emit({ type: 'done', id: level, label, done: 1, total: 1 });
  }

  /** Independent items in parallel; failures are recorded, the rest accepted. */
  async parallel<T>(level: Level, items: readonly T[], describe: (item: T) => { id: string; label: string }, work: (item: T) => Promise<Proposal>): Promise<void> {
    if (items.length === 0) return;
    const tracked = this.tracker(level, items.length, describe);
    this.settle(items, describe, await mapLimit(items, this.opts.concurrency ?? 4, (item) => tracked(item, () => work(item)), this.opts.signal));
  }

  /** Scenes in runs of consecutive scenes (see `draftScenesInRuns`); failures recorded, the rest accepted. */
  async scenes(indexes: readonly number[], describe: (i: number) => { id: string; label: string }): Promise<void> {
    if (indexes.length === 0) return;
    const tracked = this.tracker('scenes', indexes.length, describe);
    this.settle(indexes, describe, await draftScenesInRuns(this.story, indexes, this.opts, this.opts.concurrency ?? 4, tracked));
  }

  /** Wraps each item's work with its progress events. */
  private tracker<T>(level: Level, total: number, describe: (item: T) => { id: string; label: string }) {
    this.emit({ type: 'level', level, items: total });
    let done = 0;
    return async (item: T, work: () => Promise<Proposal>): Promise<Proposal> => {
      const { id, label } = describe(item);
      this.emit({ type: 'start', id, label });
      try {
        const p = await work();
        done++;
        this.emit({ type: 'done', id, label, done, total });
        return p;
      } catch (err) {
        done++;
        const error = err instanceof Error ? err : new Error(String(err));
        if (!this.cancelled) this.emit({ type: 'failed', id, label, error: error.message, done, total });
        throw error;
      }
    };
  }

  private settle<T>(items: readonly T[], describe: (item: T) => { id: string }, settled: PromiseSettledResult<Proposal>[]): void {
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') this.accept(s.value);
      else if (!this.cancelled) this.failures.push({ id: describe(items[i]).id, error: s.reason as Error });
    });
  }

  result(): PipelineResult {
    return { story: this.story, sidecar: this.sidecar, proposals: this.proposals, failures: this.failures, cancelled: this.cancelled };
  }
}

export async function writeAll(story: Story, opts: PipelineOptions, sidecar: Sidecar = emptySidecar()): Promise<PipelineResult> {
  const run = new Run(story, sidecar, opts);
  try {
    if (!run.story.logline) {
      if (!opts.premise) throw new Error('The story has no logline: give a premise or write a logline first.');
      await run.single('logline', 'Logline', () => generateLogline(run.story, opts.premise!, opts));
    }
    if (!run.story.title) await run.single('title', 'Title', () => generateTitle(run.story, opts));
    if (run.story.characters.length === 0) await run.single('characters', 'Characters', () => generateCharacters(run.story, opts));
    if (run.story.beats.length === 0) await run.single('beats', 'Beats', () => generateBeats(run.story, opts));

    await writePlaces(run);
    await writeScenes(run, missingScenes(run.story));
  } catch (err) {
    if (!run.cancelled) throw err;
  }
  return run.result();
}

/** Only the places stage of `writeAll`: describes every place that lacks a description. */
export async function fillPlaces(story: Story, opts: PipelineOptions, sidecar: Sidecar = emptySidecar()): Promise<PipelineResult> {
  const run = new Run(story, sidecar, opts);
  await writePlaces(run);
  return run.result();
}

/** Only the scenes stage of `writeAll`: drafts every scene that has no draft. */
export async function fillScenes(story: Story, opts: PipelineOptions, sidecar: Sidecar = emptySidecar()): Promise<PipelineResult> {
  const run = new Run(story, sidecar, opts);
  await writeScenes(run, missingScenes(story));
  return run.result();
}

function missingScenes(story: Story): number[] {
  return story.scenes.map((s, i) => (s.draft ? -1 : i)).filter((i) => i >= 0);
}

async function writePlaces(run: Run): Promise<void> {
  const before = run.story;
  await run.parallel(
    'places',
    placesToDescribe(before),
    (p) => ({ id: `places/${p.index}`, label: `Place: ${p.name}` }),
    async (p) => (await describePlace(before, p.index, p.name, run.opts))[0],
  );
}

async function writeScenes(run: Run, indexes: number[]): Promise<void> {
  const beats = run.story.beats;
  await run.scenes(indexes, (i) => ({ id: `scenes/${i}`, label: `Scene ${i + 1}: ${beats[i].place.name}` }));
}

/**
 * Drafts scenes with bounded concurrency without giving up continuity: the indexes are cut into
 * `concurrency` runs of consecutive scenes; runs go in parallel, the scenes of a run in order, and
 * each scene's prompt carries the closing lines of the draft just written before it. The wall time
 * is the same as drafting every scene at once in batches (⌈n/c⌉ rounds); only the first scene of
 * each run sees the previous scene's existing draft (or its beat alone) instead of a fresh one.
 * Results keep the order of `indexes`; a failed scene doesn't stop its run.
 */
export async function draftScenesInRuns(
  story: Story,
  indexes: readonly number[],
  opts: EngineOptions,
  concurrency: number,
  around: (index: number, work: () => Promise<Proposal>) => Promise<Proposal> = (_, work) => work(),
): Promise<PromiseSettledResult<Proposal>[]> {
  const results = new Map<number, PromiseSettledResult<Proposal>>();
  await mapLimit(
    consecutiveRuns(indexes, concurrency),
    concurrency,
    async (runOfScenes) => {
      let written: { index: number; draft: string } | undefined;
      for (const i of runOfScenes) {
        if (opts.signal?.aborted) break;
        const previousDraft = written?.index === i - 1 ? written.draft : (story.scenes[i - 1]?.draft ?? '');
        try {
          const p = await around(i, async () => (await draftScene(story, i, opts, 1, previousDraft))[0]);
          results.set(i, { status: 'fulfilled', value: p });
          written = { index: i, draft: p.newText };
        } catch (reason) {
          results.set(i, { status: 'rejected', reason });
          written = undefined;
        }
      }
    },
    opts.signal,
  );
  return indexes.map((i) => results.get(i) ?? { status: 'rejected', reason: new Error('cancelled') });
}

/** `items` cut into at most `count` runs of near-equal length, in order. */
export function consecutiveRuns<T>(items: readonly T[], count: number): T[][] {
  const n = Math.max(1, Math.min(count, items.length));
  const base = Math.floor(items.length / n);
  const extra = items.length % n;
  const runs: T[][] = [];
  let at = 0;
  for (let r = 0; r < n; r++) {
    const size = base + (r < extra ? 1 : 0);
    runs.push(items.slice(at, at + size));
    at += size;
  }
  return runs.filter((r) => r.length > 0);
}

/**
 * Redoes exactly the items that are stale now, top-down; the scenes among them in parallel.
 * Items that become stale because of this run's own changes are left for the next check, so the
 * writer always sees what changed and why.
 */
export async function regenerateStale(story: Story, sidecar: Sidecar, opts: PipelineOptions): Promise<PipelineResult & { stale: StaleItem[] }> {
  const stale = findStale(story, sidecar);
  const run = new Run(story, sidecar, opts);
  try {
    for (const item of stale.filter((s) => s.ref.level !== 'scenes' && s.ref.level !== 'places')) {
      const i = item.ref.index ?? 0;
      const label = item.id;
      if (item.ref.level === 'title') await run.single('title', label, () => generateTitle(run.story, opts));
      else if (item.ref.level === 'characters') await run.single('characters', label, () => regenerateCharacter(run.story, i, opts));
      else if (item.ref.level === 'beats') await run.single('beats', label, () => regenerateBeat(run.story, i, opts));
    }
    const places = stale.filter((s) => s.ref.level === 'places').map((s) => s.ref.index ?? 0);
    const before = run.story;
    await run.parallel(
      'places',
      places,
      (i) => ({ id: `places/${i}`, label: `Place: ${before.places[i].name}` }),
      async (i) => (await describePlace(before, i, before.places[i].name, opts))[0],
    );
    await writeScenes(
      run,
      stale.filter((s) => s.ref.level === 'scenes').map((s) => s.ref.index ?? 0),
    );
  } catch (err) {
    if (!run.cancelled) throw err;
  }
  return { ...run.result(), stale };
}
