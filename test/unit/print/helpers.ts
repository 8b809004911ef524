import { FountainDocument } from '../../../src/fountain';
import { layoutScript, type Layout, type LayoutOptions, type Page, type PrintedLine } from '../../../src/print';

export function lay(text: string, options?: LayoutOptions): Layout {
  return layoutScript(FountainDocument.parse(text), options);
}

export function textOf(line: PrintedLine): string {
  return line.runs.map((r) => r.text).join('');
}

/** The script's own lines on a page (no page furniture), top to bottom, left column first. */
export function body(page: Page): PrintedLine[] {
  return page.lines.filter((l) => l.kind !== 'pageNumber' && l.kind !== 'continued' && l.kind !== 'sceneNumber').sort((a, b) => a.row - b.row || a.x - b.x);
}

/** `rows` one-line action paragraphs' worth of filler: one paragraph of `rows` lines. */
export function filler(rows: number, word = 'Filler'): string {
  return Array.from({ length: rows }, (_, i) => `${word} ${i + 1}.`).join('\n');
}

/** Page `n` (1-based) as text rows, for readable failures. */
export function render(page: Page): string {
  const out: string[] = [];
  for (const l of [...page.lines].sort((a, b) => a.row - b.row || a.x - b.x)) {
    const r = l.row + 3;
    out[r] = (out[r] ?? '').padEnd(Math.round(l.x * 10)) + textOf(l);
  }
  return Array.from(out, (x) => x ?? '').join('\n');
}
