/**
 * Keeps a proposal's target anchored while the writer types elsewhere in the document. Offsets
 * are document offsets; `TextChange` offsets are those of the document before the change.
 */

export interface Span {
  start: number;
  end: number;
}

export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface MappedSpan {
  span: Span;
  /** The change altered text inside the span (or inside an empty span's insertion point). */
  touched: boolean;
}

/**
 * `inclusive`: a change at the span's very edge counts as inside it. That is right for the
 * controller's own edits and for undo/redo, which put back text that belonged to the span.
 */
export function mapSpan(span: Span, change: TextChange, inclusive = false): MappedSpan {
  const delta = change.text.length - (change.end - change.start);
  const before = inclusive ? change.end < span.start : change.end <= span.start;
  const after = inclusive ? change.start > span.end : change.start >= span.end;
  // Entirely before the target (typing right at its start included): the target moves.
  if (before) return { span: { start: span.start + delta, end: span.end + delta }, touched: false };
  // Entirely after it (typing right at its end included): nothing moves.
  if (after) return { span, touched: false };
  // Overlapping: the target grows or shrinks to cover what replaced it.
  const start = Math.min(span.start, change.start);
  const end = span.end >= change.end ? span.end + delta : change.start + change.text.length;
  return { span: { start, end: Math.max(start, end) }, touched: true };
}

/**
 * Applies one editor event's changes. VS Code describes them against the document before the
 * event, so they are applied from the last to the first, where earlier offsets stay valid.
 */
export function mapSpanThrough(span: Span, changes: readonly TextChange[], inclusive = false): MappedSpan {
  let current: MappedSpan = { span, touched: false };
  for (const change of [...changes].sort((a, b) => b.start - a.start)) {
    const next = mapSpan(current.span, change, inclusive);
    current = { span: next.span, touched: current.touched || next.touched };
  }
  return current;
}

/** Applies a change to a string (for tests and for keeping a shadow copy in step). */
export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}
