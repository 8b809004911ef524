/**
 * Parser benchmark: full parse of big-fish ×1/×2/×4/×8 against fountain-js in the same run,
 * one-character incremental updates at ×8, and the derived model (outline + indexes) rebuild that
 * every debounced feature update pays. Medians over repeated runs; run by `npm run bench`.
 */
import { Fountain } from 'fountain-js';
import { FountainDocument } from '../src/fountain';
import { bigFish } from '../test/support/corpus';
import { median, printTable } from './stats';

const fjsRuns = (times: number) => (times >= 8 ? 3 : times >= 4 ? 5 : 9);

export function runParserBench(): Record<string, number> {
  const rows: string[][] = [];
  const figures: Record<string, number> = {};
  for (const times of [1, 2, 4, 8]) {
    const text = bigFish(times);
    for (let i = 0; i < 5; i++) FountainDocument.parse(text); // warm-up for the JIT
    const ours = median(Array.from({ length: 21 }, () => time(() => FountainDocument.parse(text))));
    const theirs = median(Array.from({ length: fjsRuns(times) }, () => time(() => new Fountain().parse(text, true))));
    figures[`parse_x${times}_ms`] = ours;
    figures[`fountainjs_x${times}_ms`] = theirs;
    rows.push([`×${times}`, `${(text.length / 1024).toFixed(0)} KB`, ours.toFixed(2), theirs.toFixed(1), `${(theirs / ours).toFixed(0)}×`]);
  }
  printTable('Full parse (median ms)', ['scale', 'size', 'Dramaturge', 'fountain-js 1.2.4', 'speed-up'], rows);

  const doc = FountainDocument.parse(bigFish(8));
  const edits: number[] = [];
  const derives: number[] = [];
  for (let i = 0; i < 400; i++) {
    const line = 40 + ((i * 97) % (doc.lineCount - 80));
    const col = Math.min(3, doc.lines[line].text.length);
    // type a character, then delete it again, so the document stays the same over the run
    edits.push(time(() => doc.applyEdits([{ startLine: line, startCharacter: col, endLine: line, endCharacter: col, text: 'a' }])));
    derives.push(time(() => void doc.outline.allScenes.length));
    edits.push(time(() => doc.applyEdits([{ startLine: line, startCharacter: col, endLine: line, endCharacter: col + 1, text: '' }])));
    derives.push(time(() => void doc.outline.allScenes.length));
  }
  const newline: number[] = [];
  for (let i = 0; i < 200; i++) {
    const line = 40 + ((i * 131) % (doc.lineCount - 80));
    newline.push(time(() => doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0, text: '\n' }])));
    doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line + 1, endCharacter: 0, text: '' }]);
  }
  figures.incremental_char_x8_ms = median(edits);
  figures.incremental_newline_x8_ms = median(newline);
  figures.derive_x8_ms = median(derives);
  printTable('Incremental at ×8 (median ms)', ['operation', 'median', 'p95'], [
    ['type one character', fmt(median(edits)), fmt(p95(edits))],
    ['insert a line break', fmt(median(newline)), fmt(p95(newline))],
    ['rebuild outline + indexes', fmt(median(derives)), fmt(p95(derives))],
  ]);
  return figures;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)];
}

const fmt = (n: number) => (n < 0.1 ? n.toFixed(4) : n.toFixed(2));
