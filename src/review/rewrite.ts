import type { Span, TextChange } from './anchor';
import { minimalPatch } from '../story/documentPatch';

/**
 * Applies chosen replacements to a document and says where every anchored span lies afterwards,
 * so the review keeps exact positions for the blocks it did not touch. The spans must be disjoint;
 * several empty spans at one offset (the scenes of a long insertion) keep the order they are given
 * in, which is the order their texts appear in the result.
 */
export interface Anchored {
  span: Span;
  /** Text that replaces the span; undefined leaves it as it is. */
  replacement?: string;
}

export interface Rewritten {
  text: string;
  /** Where each input span lies in `text`, in input order (a replaced span covers its new text). */
  spans: Span[];
  /** The whole rewrite as one minimal change to the old text (one edit, so one undo step). */
  change: TextChange;
}

export function rewrite(text: string, items: readonly Anchored[]): Rewritten {
  const order = items.map((_, i) => i).sort((a, b) => items[a].span.start - items[b].span.start || a - b);
  const spans: Span[] = new Array(items.length);
  let out = '';
  let at = 0;
  for (const i of order) {
    const { span, replacement } = items[i];
    // Disjoint by construction; a span the writer's edits made overlap its neighbour is clamped.
    const start = Math.max(span.start, at);
    const end = Math.max(span.end, start);
    out += text.slice(at, start);
    const newStart = out.length;
    out += replacement ?? text.slice(start, end);
    spans[i] = { start: newStart, end: out.length };
    at = end;
  }
  out += text.slice(at);
  const patch = minimalPatch(text, out);
  return { text: out, spans, change: { start: patch.start, end: patch.end, text: patch.text } };
}
