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

export const SidecarSchema = z.object({
  version: z.literal(1),
  items: z.array(ProvenanceSchema),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

export function emptySidecar(): Sidecar {
  return { version: 1, items: [] };
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

export function serializeSidecar(sidecar: Sidecar): string {
  return JSON.stringify(sidecar, null, 2) + '\n';
}

/** Records (or replaces) an item's provenance. */
export function record(sidecar: Sidecar, entry: Provenance): Sidecar {
  return { version: 1, items: [...sidecar.items.filter((e) => e.item !== entry.item), entry] };
}
