/**
 * Who wrote each character of a text, run-length encoded: consecutive characters by the same
 * author form one run. A model run also says where its characters sit in the model's original
 * text (`offset`), so deleting words from the middle of a model passage splits its run in two
 * with a gap in the offsets: that gap is how an edit inside a word is told apart from a word the
 * model wrote exactly so.
 */
export type Run =
  | { readonly kind: 'writer'; readonly length: number }
  | { readonly kind: 'pasted'; readonly length: number }
  | { readonly kind: 'model'; readonly length: number; readonly origin: number; readonly offset: number };

/** One replacement in offsets of the text before it (VS Code's `contentChanges` semantics). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function runsLength(runs: readonly Run[]): number {
  let n = 0;
  for (const r of runs) n += r.length;
  return n;
}

function withLength(run: Run, length: number, skip = 0): Run {
  return run.kind === 'model' ? { ...run, length, offset: run.offset + skip } : { kind: run.kind, length };
}

/** Whether `b` continues `a` as one run. */
function continues(a: Run, b: Run): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'model' && b.kind === 'model') return a.origin === b.origin && a.offset + a.length === b.offset;
  return true;
}

function push(out: Run[], run: Run): void {
  if (run.length <= 0) return;
  const last = out[out.length - 1];
  if (last && continues(last, run)) out[out.length - 1] = withLength(last, last.length + run.length);
  else out.push(run);
}

/** Replaces the runs covering [start, end) with `inserted`; everything else keeps its author. */
export function spliceRuns(runs: readonly Run[], start: number, end: number, inserted: readonly Run[]): Run[] {
  const total = runsLength(runs);
  if (start < 0 || end < start || end > total) throw new RangeError(`Edit [${start}, ${end}) is outside a text of ${total} characters.`);
  const out: Run[] = [];
  let at = 0;
  let i = 0;
  for (; i < runs.length && at + runs[i].length <= start; i++) {
    push(out, runs[i]);
    at += runs[i].length;
  }
  // The run containing `start` (if any) keeps its head.
  if (i < runs.length && at < start) push(out, withLength(runs[i], start - at));
  for (const r of inserted) push(out, r);
  // Skip to the run containing `end`, keep its tail.
  while (i < runs.length && at + runs[i].length <= end) {
    at += runs[i].length;
    i++;
  }
  if (i < runs.length) {
    const skip = end - at;
    push(out, withLength(runs[i], runs[i].length - skip, skip));
    i++;
  }
  for (; i < runs.length; i++) push(out, runs[i]);
  return out;
}

/** The runs of [start, end), cut to that range. */
export function sliceRuns(runs: readonly Run[], start: number, end: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const r of runs) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + r.length);
    if (from < to) push(out, withLength(r, to - from, from - at));
    at += r.length;
    if (at >= end) break;
  }
  return out;
}

/** Runs with their start offsets, for callers that walk the text alongside them. */
export function* positioned(runs: readonly Run[]): Generator<{ start: number; end: number; run: Run }> {
  let at = 0;
  for (const run of runs) {
    yield { start: at, end: at + run.length, run };
    at += run.length;
  }
}

export function normalizeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) push(out, r);
  return out;
}
