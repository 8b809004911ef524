import type { LayoutSource } from './blockReader';
import { INDENT, WIDTH } from './geometry';
import { cells, parseEmphasis, toRuns, wrap } from './styledText';
import type { ElementKind, Page, PageGeometry, PrintedLine } from './types';

const KINDS: Record<string, ElementKind> = {
  title: 'title',
  credit: 'credit',
  author: 'author',
  authors: 'author',
  source: 'source',
  'draft date': 'draftDate',
  date: 'draftDate',
  contact: 'contact',
  notes: 'titleNotes',
  copyright: 'copyright',
};

/** Rows the title block starts on: about a third of the way down, as the style guides show. */
const TITLE_ROW = 17;

/**
 * The title page: title centred a third of the way down, then credit, author(s) and source
 * below it; contact and copyright at the foot on the left, draft date and notes on the right.
 * Keys that other tools do not print (`Logline:`, custom keys) stay off the page.
 */
export function layoutTitlePage(source: LayoutSource, geometry: PageGeometry): Page | undefined {
  const entries = source.titlePage
    .map((e) => ({ kind: KINDS[e.key.trim().toLowerCase()], value: e.value, line: e.line }))
    .filter((e): e is { kind: ElementKind; value: string; line: number } => e.kind !== undefined && e.value.trim() !== '');
  if (entries.length === 0) return undefined;
  const lines: PrintedLine[] = [];
  const centre = geometry.widthIn / 2;
  const widthOf = (align: 'center' | 'left' | 'right') => (align === 'center' ? WIDTH.action : WIDTH.action / 2);
  const rowsOf = (value: string, align: 'center' | 'left' | 'right') =>
    value.split('\n').reduce((n, raw) => n + wrap(parseEmphasis(raw.trim()).text, widthOf(align)).length, 0);
  const emit = (kind: ElementKind, entry: { value: string; line: number }, row: number, align: 'center' | 'left' | 'right'): number => {
    for (const raw of entry.value.split('\n')) {
      const text = parseEmphasis(raw.trim());
      for (const [s, e] of wrap(text.text, widthOf(align))) {
        const w = cells(text.text, s, e);
        const x = align === 'center' ? centre - (w * geometry.cellIn) / 2 : align === 'right' ? INDENT.right - w * geometry.cellIn : INDENT.action;
        lines.push({ kind, source: entry.line, row, x, y: geometry.topIn + row * geometry.lineHeightIn, runs: toRuns(text, s, e), cells: w });
        row++;
      }
    }
    return row;
  };
  const of = (kind: ElementKind) => entries.filter((e) => e.kind === kind);
  let row = TITLE_ROW;
  for (const [kind, gap] of [['title', 0], ['credit', 3], ['author', 1], ['source', 3]] as const) {
    const found = of(kind);
    if (found.length === 0) continue;
    if (row > TITLE_ROW) row += gap;
    for (const e of found) row = emit(kind, e, row, 'center');
  }
  // The foot: each corner's lines end on the page's last row.
  const foot = (kinds: ElementKind[], align: 'left' | 'right') => {
    const found = kinds.flatMap(of);
    const height = found.reduce((n, e) => n + rowsOf(e.value, align), 0) + Math.max(0, found.length - 1);
    let r = geometry.linesPerPage - height;
    for (const e of found) r = emit(e.kind, e, r, align) + 1;
  };
  foot(['contact', 'copyright'], 'left');
  foot(['draftDate', 'titleNotes'], 'right');
  return { number: 0, lines, start: { line: 0, continuation: false, scenesBefore: 0 }, lastSource: -1 };
}
