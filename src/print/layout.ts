import { BlockReader, type LayoutSource } from './blockReader';
import { pageGeometry, withDefaults } from './geometry';
import { addFurniture, paginate } from './paginator';
import { layoutTitlePage } from './titlePage';
import type { Bookmark, ElementKind, Layout, LayoutOptions, Page, PageStart } from './types';

export type { LayoutSource } from './blockReader';

/** Lays out the whole script: the title page, then the body pages. */
export function layoutScript(source: LayoutSource, options?: LayoutOptions): Layout {
  const opts = withDefaults(options);
  const geometry = pageGeometry(opts.paper);
  const start: PageStart = { line: 0, continuation: false, scenesBefore: 0 };
  const { pages, bookmarks } = paginate(new BlockReader(source, opts, 0, 0), geometry, opts.sceneNumbers, 0, start);
  addFurniture(pages, 0, pages.length, geometry, opts.continued);
  return { geometry, options: opts, titlePage: layoutTitlePage(source, geometry), pages, bookmarks: withSceneDepths(bookmarks) };
}

/**
 * Which source lines an edit touched, in the new document's numbering: lines [start, end) were
 * (re)classified, and every line from `end` on is the old line `n - lineDelta` unchanged.
 */
export interface LineChange {
  start: number;
  end: number;
  lineDelta: number;
}

/**
 * Lays out again from the page before the one holding the edit, and stops at the first clean
 * page start after the edit that the old layout also had: from there on the old pages are kept
 * (shifted by the line delta and renumbered if needed). The result equals `layoutScript`'s.
 */
export function relayout(previous: Layout, source: LayoutSource, change: LineChange, options?: LayoutOptions): Layout {
  const opts = withDefaults(options);
  if (!sameOptions(opts, previous.options) || previous.pages.length === 0) return layoutScript(source, opts);
  const geometry = previous.geometry;
  const old = previous.pages;

  // Restart at a clean page start before the line above the edit, then one clean page earlier,
  // because that page's foot depends on the first blocks of the next (keep-with-next). A page that
  // holds nothing but kept-with-next blocks (a heading left alone above a block too tall to follow
  // it) chains its own start to the page after it, so go back past it too.
  let r = pageIndexOfLine(previous, Math.max(0, change.start - 1));
  for (let back = 0; r > 0 && (old[r].start.continuation || back < 1); r--) {
    if (!old[r].start.continuation) back++;
  }
  while (r > 0 && (old[r].start.continuation || onlyKeptWithNext(old[r]))) r--;
  const restart = old[r].start;

  const oldByLine = new Map<number, number>();
  for (let i = r + 1; i < old.length; i++) if (!old[i].start.continuation) oldByLine.set(old[i].start.line, i);
  let resumeAt = -1;
  let sceneDelta = 0;
  const stopAt = (start: PageStart): boolean => {
    if (start.line < change.end + 1) return false;
    const i = oldByLine.get(start.line - change.lineDelta);
    if (i === undefined) return false;
    const delta = start.scenesBefore - old[i].start.scenesBefore;
    if (delta !== 0 && opts.sceneNumbers) return false;
    resumeAt = i;
    sceneDelta = delta;
    return true;
  };
  const reader = new BlockReader(source, opts, restart.line, restart.scenesBefore);
  const fresh = paginate(reader, geometry, opts.sceneNumbers, r, restart, stopAt);

  const pages: Page[] = old.slice(0, r).concat(fresh.pages);
  const bookmarks: Bookmark[] = previous.bookmarks.filter((b) => b.pageIndex < r).concat(fresh.bookmarks);
  if (resumeAt >= 0) {
    const shiftPages = pages.length - resumeAt;
    for (let i = resumeAt; i < old.length; i++) pages.push(shifted(old[i], change.lineDelta, shiftPages, sceneDelta));
    for (const b of previous.bookmarks) {
      if (b.pageIndex >= resumeAt) bookmarks.push(change.lineDelta || shiftPages ? { ...b, source: b.source + change.lineDelta, pageIndex: b.pageIndex + shiftPages } : b);
    }
    // Kept pages need their furniture again when their numbers moved, or when the scenes before
    // them did (a page that no longer has a heading above it is no longer CONTINUED).
    const refurnish = shiftPages !== 0 || (sceneDelta !== 0 && opts.continued);
    addFurniture(pages, Math.max(0, r - 1), refurnish ? pages.length : r + fresh.pages.length + 1, geometry, opts.continued);
  } else addFurniture(pages, Math.max(0, r - 1), pages.length, geometry, opts.continued);
  return { geometry, options: opts, titlePage: layoutTitlePage(source, geometry), pages, bookmarks: withSceneDepths(bookmarks) };
}

/**
 * A scene's bookmark sits one level below the section bookmark above it. The reader that restarts
 * mid-script does not know that section, and an edit can add or remove one above kept pages, so the
 * depths are set again over the whole list, which always runs from the first page. A full layout
 * goes through here too: a section that ends up with no bookmark (one just before a forced page
 * break at the very start) nests nothing, whichever way the pages were made.
 */
function withSceneDepths(bookmarks: Bookmark[]): Bookmark[] {
  let sectionDepth = 0;
  return bookmarks.map((b) => {
    if (b.kind === 'section') {
      sectionDepth = b.depth;
      return b;
    }
    return b.depth === sectionDepth + 1 ? b : { ...b, depth: sectionDepth + 1 };
  });
}

function shifted(page: Page, lineDelta: number, pageDelta: number, sceneDelta: number): Page {
  if (lineDelta === 0 && pageDelta === 0 && sceneDelta === 0) return page;
  return {
    number: page.number + pageDelta,
    start: { ...page.start, line: page.start.line + lineDelta, scenesBefore: page.start.scenesBefore + sceneDelta },
    lastSource: page.lastSource < 0 ? page.lastSource : page.lastSource + lineDelta,
    lines: lineDelta === 0 ? page.lines.slice() : page.lines.map((l) => (l.source < 0 ? l : { ...l, source: l.source + lineDelta })),
  };
}

/** Printed kinds whose blocks keep with the next one (they never end a page by choice). */
const KEPT_WITH_NEXT: ReadonlySet<ElementKind> = new Set(['sceneHeading', 'shot', 'transition']);

function onlyKeptWithNext(page: Page): boolean {
  return page.lines.every((l) => l.source < 0 || l.generated || KEPT_WITH_NEXT.has(l.kind));
}

function sameOptions(a: Required<LayoutOptions>, b: Required<LayoutOptions>): boolean {
  return (Object.keys(a) as (keyof LayoutOptions)[]).every((k) => a[k] === b[k]);
}

/** Index into `layout.pages` of the page where source line `line` prints, or would print. */
export function pageIndexOfLine(layout: Layout, line: number): number {
  const pages = layout.pages;
  let lo = 0;
  let hi = pages.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid].start.line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // A split block's first lines stay on the page before its continuation.
  while (found > 0 && pages[found].start.continuation && firstOwnSource(pages[found]) > line) found--;
  return found;
}

function firstOwnSource(page: Page): number {
  for (const l of page.lines) if (!l.generated && l.source >= 0) return l.source;
  return page.start.line;
}
