import { z } from 'zod';

/**
 * The optional sidecar `x.fountain.dramaturge.json`: what Fountain cannot hold well — which model
 * wrote an item, with which seed and prompt, and the hash of the upstream inputs it was written
 * from (for staleness). The script never needs it: delete it and everything still reads.
 */

export const ProvenanceSchema = z.object({
  /** `scenes/4`. */
  item: z.string(),
  /** Hash of the upstream inputs (see `staleness.ts`) when the item was written. */
  inputHash: z.string(),
  /** Hash of the item's text as written, to tell the model's text from later hand edits. */
  outputHash: z.string(),
  source: z.enum(['model', 'human']),
  model: z.string().optional(),
  seed: z.number().optional(),
  promptHash: z.string().optional(),
  at: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * Version 2 adds `authorship`: who wrote each word (see `src/provenance/record.ts`, which reads and
 * checks it). A version 1 file reads as version 2 without it.
 */
export const SidecarSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]).transform((): 2 => 2),
  items: z.array(ProvenanceSchema),
  authorship: z.unknown().optional(),
});
export type Sidecar = z.output<typeof SidecarSchema>;

export function emptySidecar(): Sidecar {
  return { version: 2, items: [] };
}

export function sidecarPath(fountainPath: string): string {
  return `${fountainPath}.dramaturge.json`;
}

/** A broken or foreign sidecar is ignored, never fatal. */
export function parseSidecar(text: string | undefined): Sidecar {
  if (!text) return emptySidecar();
  try {
    const parsed = SidecarSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptySidecar();
  } catch {
    return emptySidecar();
  }
}

/**
 * Indented like ordinary JSON down to the lists, whose entries (authorship runs, model answers)
 * take one line each: readable, and compact for a script with thousands of runs.
 */
export function serializeSidecar(sidecar: Sidecar): string {
  return stringify(sidecar, 0, '') + '\n';
}

function stringify(value: unknown, depth: number, indent: string): string {
  if (value === null || typeof value !== 'object' || depth > 2) return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + stringify(v, depth + 1, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, depth + 1, inner)}`).join(',\n')}\n${indent}}`;
}

/** Records (or replaces) an item's provenance. */
export function record(sidecar: Sidecar, entry: Provenance): Sidecar {
  return { ...sidecar, items: [...sidecar.items.filter((e) => e.item !== entry.item), entry] };
}
