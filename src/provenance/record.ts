import { z } from 'zod';
import { Authorship } from './authorship';
import type { ModelOrigin } from './authorship';
import { reconcile } from './reconcile';
import type { Run } from './runs';
import { positioned } from './runs';

/**
 * The `authorship` section of sidecar version 2: readable JSON that stays compact however long a
 * script is edited. It holds the last text it knew as runs (the writer's runs carry their own
 * text; a model run points into its answer, which is stored once), only the model answers that
 * still have characters in the script, and every model ever used with its first and last date.
 * Its size is bounded by the script plus the live answers, not by the edit history.
 *
 * ```json
 * { "models": [{ "model": "gpt-4o-mini", "first": "…", "last": "…" }],
 *   "answers": [{ "model": 0, "item": "scenes/2", "at": "…", "seed": 7, "promptHash": "…", "text": "…" }],
 *   "runs": [["w", "Title: "], [0, 0, 412], ["p", "pasted words"]] }
 * ```
 * A run is `["w", text]` (the writer's), `["p", text]` (pasted), or `[answer, offset, length]`.
 */

export interface ModelUse {
  model: string;
  first: string;
  last: string;
}

const RunSchema = z.union([z.tuple([z.enum(['w', 'p']), z.string()]), z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(1)])]);

const AnswerSchema = z.object({
  model: z.number().int().min(0),
  item: z.string().optional(),
  at: z.string(),
  seed: z.number().optional(),
  promptHash: z.string().optional(),
  params: z.record(z.string(), z.number()).optional(),
  text: z.string(),
});

export const AuthorshipRecordSchema = z.object({
  models: z.array(z.object({ model: z.string(), first: z.string(), last: z.string() })),
  answers: z.array(AnswerSchema),
  runs: z.array(RunSchema),
});
export type AuthorshipRecord = z.infer<typeof AuthorshipRecordSchema>;

/** The authorship of a text as loaded: who wrote what, and which models were ever used. */
export interface LoadedAuthorship {
  authorship: Authorship;
  models: ModelUse[];
}

/** Every model used so far: the recorded history plus the answers accepted since. */
export function modelUses(history: readonly ModelUse[], origins: Iterable<ModelOrigin>): ModelUse[] {
  const byName = new Map<string, ModelUse>(history.map((m) => [m.model, { ...m }]));
  for (const o of origins) {
    const use = byName.get(o.model);
    if (!use) byName.set(o.model, { model: o.model, first: o.at, last: o.at });
    else {
      if (o.at < use.first) use.first = o.at;
      if (o.at > use.last) use.last = o.at;
    }
  }
  return [...byName.values()].sort((a, b) => a.first.localeCompare(b.first));
}

export function toRecord(text: string, authorship: Authorship, history: readonly ModelUse[]): AuthorshipRecord {
  if (text.length !== authorship.length) throw new Error('The authorship does not describe this text.');
  const models = modelUses(history, authorship.origins.values());
  const modelIndex = new Map(models.map((m, i) => [m.model, i]));
  const answerIndex = new Map<number, number>();
  const answers: AuthorshipRecord['answers'] = [];
  const runs: AuthorshipRecord['runs'] = [];
  for (const { start, end, run } of positioned(authorship.runs)) {
    if (run.kind !== 'model') {
      runs.push([run.kind === 'pasted' ? 'p' : 'w', text.slice(start, end)]);
      continue;
    }
    let index = answerIndex.get(run.origin);
    if (index === undefined) {
      const o = authorship.origins.get(run.origin) as ModelOrigin;
      index = answers.length;
      answerIndex.set(run.origin, index);
      answers.push({
        model: modelIndex.get(o.model) as number,
        ...(o.item !== undefined ? { item: o.item } : {}),
        at: o.at,
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.promptHash !== undefined ? { promptHash: o.promptHash } : {}),
        ...(o.params && Object.keys(o.params).length ? { params: { ...o.params } } : {}),
        text: o.text,
      });
    }
    runs.push([index, run.offset, run.length]);
  }
  return { models, answers, runs };
}

/**
 * Reads a record and brings it up to date with the text as it is now. A record that does not
 * hold together (a model run outside its answer, an unknown answer) is ignored as a whole: then
 * everything counts as the writer's, which is the rule for anything unknown.
 */
export function fromRecord(raw: unknown, currentText: string): LoadedAuthorship | undefined {
  const parsed = AuthorshipRecordSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const record = parsed.data;
  const origins = new Map<number, ModelOrigin>();
  for (const [i, a] of record.answers.entries()) {
    const model = record.models[a.model];
    if (!model) return undefined;
    origins.set(i, {
      model: model.model,
      at: a.at,
      text: a.text,
      ...(a.item !== undefined ? { item: a.item } : {}),
      ...(a.seed !== undefined ? { seed: a.seed } : {}),
      ...(a.promptHash !== undefined ? { promptHash: a.promptHash } : {}),
      ...(a.params ? { params: a.params } : {}),
    });
  }
  const runs: Run[] = [];
  let known = '';
  for (const r of record.runs) {
    if (typeof r[0] === 'string') {
      const text = r[1] as string;
      if (!text.length) continue;
      runs.push({ kind: r[0] === 'p' ? 'pasted' : 'writer', length: text.length });
      known += text;
    } else {
      const [answer, offset, length] = r as [number, number, number];
      const origin = origins.get(answer);
      if (!origin || offset + length > origin.text.length) return undefined;
      runs.push({ kind: 'model', origin: answer, offset, length });
      known += origin.text.slice(offset, offset + length);
    }
  }
  const authorship = reconcile(Authorship.of(runs, origins), known, currentText);
  return { authorship, models: record.models };
}
