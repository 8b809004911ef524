import type { Block, BlockRow } from './blocks';
import type { BlockReader } from './blockReader';
import { HEADER_ROW, INDENT } from './geometry';
import type { Bookmark, Page, PageGeometry, PageStart, PrintedLine } from './types';

export interface PaginateResult {
  pages: Page[];
  bookmarks: Bookmark[];
  /** Set when `stopAt` accepted a page start: that page was not laid out. */
  stoppedAt?: PageStart;
}

/**
 * Fills pages with blocks, `linesPerPage` rows each, one blank row between blocks:
 * - a block that fits goes on the page; one that does not may break (`Block.split`) or moves on;
 * - a scene heading, shot or transition takes the next block's first rows along (`minHead`),
 *   so it never ends a page;
 * - a block taller than a whole page breaks wherever it must.
 * `stopAt` is asked at every clean page start (one that does not continue a split block): a
 * re-layout stops where the old pages take over.
 */
export function paginate(reader: BlockReader, geometry: PageGeometry, sceneNumbers: boolean, firstIndex: number, firstStart: PageStart, stopAt?: (start: PageStart) => boolean): PaginateResult {
  const L = geometry.linesPerPage;
  const pages: Page[] = [];
  const bookmarks: Bookmark[] = [];
  let page = newPage(firstIndex, firstStart);
  let row = 0;
  let breakPending = false;

  function newPage(index: number, start: PageStart): Page {
    const p: Page = { number: index + 1, lines: [], start, lastSource: -1 };
    pages.push(p);
    return p;
  }

  function turn(start: PageStart): boolean {
    if (!start.continuation && stopAt?.(start)) return false;
    page = newPage(firstIndex + pages.length, start);
    row = 0;
    return true;
  }

  function place(rows: readonly BlockRow[], at: number, block: Block): void {
    for (const m of block.marks) bookmarks.push({ ...m, pageIndex: firstIndex + pages.length - 1, row: at });
    block.marks = [];
    let bottom = at;
    for (const r of rows) {
      const line: PrintedLine = { kind: r.kind, source: r.source, row: at + r.offset, x: r.x, y: geometry.topIn + (at + r.offset) * geometry.lineHeightIn, runs: r.runs, cells: r.cells };
      if (r.generated) line.generated = true;
      if (r.column) line.column = r.column;
      page.lines.push(line);
      if (!r.generated && r.source > page.lastSource) page.lastSource = r.source;
      bottom = Math.max(bottom, at + r.offset + 1);
    }
    row = bottom;
    if (sceneNumbers && block.sceneNumber !== undefined && rows.length > 0 && rows[0].kind === 'sceneHeading') {
      const n = block.sceneNumber;
      const y = geometry.topIn + at * geometry.lineHeightIn;
      for (const x of [INDENT.sceneNumberLeft, INDENT.sceneNumberRight]) {
        page.lines.push({ kind: 'sceneNumber', source: rows[0].source, generated: true, row: at, x, y, runs: [{ text: n }], cells: n.length });
      }
    }
  }

  const clean = (b: Block): PageStart => ({ line: b.from, continuation: false, scenesBefore: b.scenesBefore });

  for (;;) {
    const block = reader.take();
    if (!block) break;
    if (block.pageBreak) {
      if (row > 0) breakPending = true;
      continue;
    }
    if (breakPending) {
      breakPending = false;
      if (!turn(clean(block))) return { pages, bookmarks, stoppedAt: clean(block) };
    }
    const space = row === 0 ? 0 : 1;
    if (row + space + block.height + chained(reader, block) <= L) {
      place(block.rows(), row + space, block);
      continue;
    }
    if (row > 0) {
      const parts = block.keepWithNext ? undefined : block.split(L - row - space, false);
      if (parts) {
        place(parts.head, row + space, block);
        reader.unshift(parts.tail);
        turn({ line: parts.tail.from, continuation: true, scenesBefore: parts.tail.scenesBefore });
        continue;
      }
      reader.unshift(block);
      if (!turn(clean(block))) return { pages, bookmarks, stoppedAt: clean(block) };
      continue;
    }
    // At the top of a page and it still does not fit: what follows a heading gives way first.
    if (block.height <= L) {
      place(block.rows(), 0, block);
      continue;
    }
    const instead = block.unpair?.();
    if (instead) {
      reader.unshift(...instead);
      continue;
    }
    const parts = block.split(L, true);
    if (!parts) {
      place(block.rows().slice(0, L), 0, block); // cannot happen: every tall block can break
      continue;
    }
    place(parts.head, 0, block);
    reader.unshift(parts.tail);
    turn({ line: parts.tail.from, continuation: true, scenesBefore: parts.tail.scenesBefore });
  }
  if (page.lines.length === 0 && pages.length > 1) pages.pop();
  return { pages, bookmarks };
}

/** Rows a keep-with-next block needs below it: a blank and the start of what follows, in a chain. */
function chained(reader: BlockReader, block: Block): number {
  let extra = 0;
  let current = block;
  for (let k = 0; current.keepWithNext && k < 4; k++) {
    const next = reader.peek(k);
    if (!next || next.pageBreak) break;
    extra += 1 + (next.keepWithNext ? next.height : next.minHead());
    current = next;
  }
  return extra;
}

/** Page numbers (`2.` from page 2 on) and, when asked, CONTINUED marks where a scene crosses pages. */
export function addFurniture(pages: readonly Page[], from: number, to: number, geometry: PageGeometry, continued: boolean): void {
  for (let i = from; i < to && i < pages.length; i++) {
    const page = pages[i];
    page.lines = page.lines.filter((l) => l.kind !== 'pageNumber' && l.kind !== 'continued');
    if (page.number >= 2) page.lines.push(furniture('pageNumber', `${page.number}.`, HEADER_ROW, geometry, 'right'));
    if (!continued) continue;
    const next = pages[i + 1];
    if (next && midScene(next)) page.lines.push(furniture('continued', '(CONTINUED)', geometry.linesPerPage + 1, geometry, 'right'));
    if (i > 0 && midScene(page)) page.lines.push(furniture('continued', 'CONTINUED:', HEADER_ROW, geometry, 'left'));
  }
}

/** The page starts inside a scene: there was a heading before it and it does not open with one. */
function midScene(page: Page): boolean {
  if (page.start.scenesBefore === 0 && !page.start.continuation) return false;
  const first = page.lines.find((l) => l.kind !== 'pageNumber' && l.kind !== 'continued' && l.kind !== 'sceneNumber');
  return !!first && first.kind !== 'sceneHeading' && (page.start.scenesBefore > 0 || page.start.continuation);
}

function furniture(kind: PrintedLine['kind'], text: string, row: number, geometry: PageGeometry, align: 'left' | 'right'): PrintedLine {
  const x = align === 'right' ? INDENT.right - text.length * geometry.cellIn : INDENT.action;
  return { kind, source: -1, generated: true, row, x, y: geometry.topIn + row * geometry.lineHeightIn, runs: [{ text }], cells: text.length };
}
