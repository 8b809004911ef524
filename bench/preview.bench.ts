/**
 * Preview update after one keystroke at big-fish ×8 (about 960 pages): the character applied to
 * the parsed model, the layout redone from the edited page on (`LivePages.update`, which calls the
 * layout's `relayout`), and the message for the webview serialised as the extension host would
 * post it. Against the same with a full layout (`layoutScript`) every time. Target ≤ 16 ms median
 * (one frame). Run by `npm run bench`.
 */
import { FountainDocument } from '../src/fountain';
import { LivePages, layoutScript } from '../src/print';
import { bigFish } from '../test/support/corpus';
import { median, printTable } from './stats';

export function runPreviewBench(): Record<string, number> {
  const doc = FountainDocument.parse(bigFish(8));
  const live = new LivePages();
  live.update(doc);
  const pages = live.current!.pages.length;
  const incremental: number[] = [];
  const newline: number[] = [];
  const full: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 60; i++) {
    const line = 40 + ((i * 97) % (doc.lineCount - 80));
    const col = Math.min(3, doc.lines[line].text.length);
    for (const [text, end] of [['a', col], ['', col + 1]] as const) {
      const t0 = performance.now();
      doc.applyEdits([{ startLine: line, startCharacter: col, endLine: line, endCharacter: end, text }]);
      const message = JSON.stringify({ type: 'pages', update: live.update(doc) });
      incremental.push(performance.now() - t0);
      bytes += message.length;
    }
    // A line break shifts every later page by a line: those are sent as shifts, not redrawn.
    const t1 = performance.now();
    doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0, text: '\n' }]);
    JSON.stringify({ type: 'pages', update: live.update(doc) });
    newline.push(performance.now() - t1);
    doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line + 1, endCharacter: 0, text: '' }]);
    live.update(doc);
  }
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    doc.applyEdits([{ startLine: 100, startCharacter: 0, endLine: 100, endCharacter: 0, text: i % 2 ? '' : 'a' }]);
    layoutScript(doc);
    full.push(performance.now() - t0);
  }
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
  printTable(`Preview at ×8 (${pages} pages; ms per keystroke: parse + layout + message)`, ['operation', 'median', 'p95', 'target'], [
    ['type one character (incremental)', median(incremental).toFixed(2), p95(incremental).toFixed(2), '≤ 16'],
    ['line break (later pages shifted)', median(newline).toFixed(2), p95(newline).toFixed(2), ''],
    ['full layout, for comparison', median(full).toFixed(1), p95(full).toFixed(1), ''],
  ]);
  console.log(`  message per keystroke: ${(bytes / incremental.length / 1024).toFixed(1)} KB on average; incremental is ${(median(full) / median(incremental)).toFixed(0)}× faster than a full layout`);
  return { preview_keystroke_x8_ms: median(incremental), preview_newline_x8_ms: median(newline), preview_full_layout_x8_ms: median(full) };
}
