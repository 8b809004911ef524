import type { FountainDocument } from '../fountain';
import { layoutScript, relayout } from './layout';
import { BOLD, ITALIC, UNDERLINE } from './styledText';
import type { Layout, LayoutOptions, Page, PrintedLine } from './types';

/** A printed line as the preview draws it: compact, plain data (it crosses into a webview). */
export interface LineData {
  /** Source line (0-based), or -1 for page furniture (page numbers, `(MORE)`…). */
  s: number;
  /** Left edge and top, in inches from the page's top-left corner. */
  x: number;
  y: number;
  /** Element kind (`sceneHeading`, `dialogue`, `pageNumber`…), for styling only. */
  k: string;
  /** Runs: text and style bits (1 italic, 2 bold, 4 underline). */
  r: [string, number][];
}

export interface PageData {
  /** Index in the preview: 0 is the title page when there is one. */
  index: number;
  /** Printed page number (0 for the title page). */
  number: number;
  lines: LineData[];
}

/** The same page as before, its source lines moved by `shift` (an edit above added or removed lines). */
export interface ShiftedPage {
  index: number;
  shift: number;
}

export interface PagesUpdate {
  /** True when the whole preview is redrawn (first time, or the paper changed). */
  reset: boolean;
  widthIn: number;
  heightIn: number;
  /** How many pages the preview has now (title page included); pages beyond it are removed. */
  total: number;
  pages: PageData[];
  shifted: ShiftedPage[];
}

/**
 * Keeps a document's page layout current for the preview. Each update re-lays out only from the
 * page before the edit (the layout's `relayout`, driven by the parser's `lastChange`), then says
 * which preview pages differ from what was last sent: new pages in full, pages that only moved
 * down or up by some lines as a shift. So a keystroke sends a page or two, not the script.
 */
export class LivePages {
  private layout: Layout | undefined;
  private version = -1;
  private shown: Page[] = [];

  constructor(private options: LayoutOptions = {}) {}

  setOptions(options: LayoutOptions): void {
    this.options = options;
    this.layout = undefined;
  }

  get current(): Layout | undefined {
    return this.layout;
  }

  /** The update for `document`'s current version, or undefined when nothing changed. */
  update(document: FountainDocument): PagesUpdate | undefined {
    if (this.layout && document.version === this.version) return undefined;
    const change = document.lastChange;
    const incremental = this.layout !== undefined && change !== undefined && change.version === document.version && this.version === document.version - 1;
    const reset = this.layout === undefined;
    this.layout = incremental ? relayout(this.layout!, document, change!, this.options) : layoutScript(document, this.options);
    this.version = document.version;
    const pages = previewPages(this.layout);
    const update: PagesUpdate = { reset, widthIn: this.layout.geometry.widthIn, heightIn: this.layout.geometry.heightIn, total: pages.length, pages: [], shifted: [] };
    pages.forEach((page, index) => {
      const before = reset ? undefined : this.shown[index];
      if (page === before) return;
      const shift = before ? shiftBetween(before, page) : undefined;
      if (shift !== undefined) {
        if (shift !== 0) update.shifted.push({ index, shift });
      } else update.pages.push(pageData(page, index));
    });
    this.shown = pages;
    return update;
  }

  /** Everything, for a preview that (re)loads its page. */
  snapshot(): PagesUpdate | undefined {
    if (!this.layout) return undefined;
    const pages = previewPages(this.layout);
    return { reset: true, widthIn: this.layout.geometry.widthIn, heightIn: this.layout.geometry.heightIn, total: pages.length, pages: pages.map(pageData), shifted: [] };
  }
}

function previewPages(layout: Layout): Page[] {
  return layout.titlePage ? [layout.titlePage, ...layout.pages] : layout.pages;
}

export function pageData(page: Page, index: number): PageData {
  return { index, number: page.number, lines: page.lines.map(lineData) };
}

function lineData(line: PrintedLine): LineData {
  return { s: line.source, x: line.x, y: line.y, k: line.kind, r: line.runs.map((run) => [run.text, (run.italic ? ITALIC : 0) | (run.bold ? BOLD : 0) | (run.underline ? UNDERLINE : 0)]) };
}

/**
 * If `after` prints exactly what `before` printed, the difference in their source lines (0 when
 * they are equal); undefined when anything printed differs.
 */
function shiftBetween(before: Page, after: Page): number | undefined {
  if (before.number !== after.number || before.lines.length !== after.lines.length) return undefined;
  let shift: number | undefined;
  for (let i = 0; i < before.lines.length; i++) {
    const a = before.lines[i];
    const b = after.lines[i];
    if (a.kind !== b.kind || a.x !== b.x || a.y !== b.y || a.runs.length !== b.runs.length) return undefined;
    for (let r = 0; r < a.runs.length; r++) {
      const p = a.runs[r];
      const q = b.runs[r];
      if (p.text !== q.text || !!p.bold !== !!q.bold || !!p.italic !== !!q.italic || !!p.underline !== !!q.underline) return undefined;
    }
    if ((a.source < 0) !== (b.source < 0)) return undefined;
    if (a.source < 0) continue;
    const d = b.source - a.source;
    if (shift === undefined) shift = d;
    else if (shift !== d) return undefined;
  }
  return shift ?? 0;
}
