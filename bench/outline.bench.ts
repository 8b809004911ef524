/**
 * Outline tree update per keystroke at big-fish ×8: one character typed (applyEdits), then the
 * tree model reconciled with the new version (which includes the parser's derived-model rebuild
 * the update reads). Target ≤ 5 ms median. Run by `npm run bench`.
 */
import { FountainDocument } from '../src/fountain';
import { OutlineTreeModel } from '../src/outline/outlineModel';
import { bigFish } from '../test/support/corpus';
import { median, printTable } from './stats';

export function runOutlineBench(): Record<string, number> {
  const doc = FountainDocument.parse(bigFish(8));
  const model = new OutlineTreeModel();
  model.update(doc);
  const times: number[] = [];
  let refreshed = 0;
  for (let i = 0; i < 300; i++) {
    const line = 40 + ((i * 97) % (doc.lineCount - 80));
    const col = Math.min(3, doc.lines[line].text.length);
    for (const [text, end] of [['a', col], ['', col + 1]] as const) {
      const t0 = performance.now();
      doc.applyEdits([{ startLine: line, startCharacter: col, endLine: line, endCharacter: end, text }]);
      const changed = model.update(doc);
      times.push(performance.now() - t0);
      refreshed += changed === 'root' ? 1 : changed.length;
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  printTable('Outline tree at ×8 (ms per keystroke: applyEdits + tree update)', ['operation', 'median', 'p95', 'target', 'nodes refreshed / keystroke'], [
    ['type one character', median(times).toFixed(2), p95.toFixed(2), '≤ 5', (refreshed / times.length).toFixed(2)],
  ]);
  return { outline_keystroke_x8_ms: median(times) };
}
