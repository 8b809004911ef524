/**
 * The printed page, as every output reads it: the PDF writer, the preview, the Final Draft
 * writer and the status bar's page count. Positions are in inches from the page's top-left
 * corner; text is measured in Courier cells (10 to the inch, 6 lines to the inch).
 */

export type Paper = 'letter' | 'a4';

/** What a printed line is. Script elements keep their Fountain names; the rest is page furniture. */
export type ElementKind =
  | 'sceneHeading'
  | 'action'
  /** A one-line, all-capitals action paragraph (`CLOSE ON THE LAMP.`): kept with what follows. */
  | 'shot'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'lyric'
  | 'transition'
  | 'centered'
  | 'section'
  | 'synopsis'
  | 'note'
  /** `(MORE)` under a dialogue block that continues on the next page. */
  | 'more'
  | 'pageNumber'
  | 'sceneNumber'
  /** `(CONTINUED)` at the foot of a page and `CONTINUED:` at the head of the next, within a scene. */
  | 'continued'
  | 'title'
  | 'credit'
  | 'author'
  | 'source'
  | 'draftDate'
  | 'contact'
  | 'titleNotes'
  | 'copyright';

export interface TextRun {
  text: string;
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
}

export interface PrintedLine {
  kind: ElementKind;
  /** 0-based source line this text comes from; -1 for page furniture (page numbers, marks). */
  source: number;
  /**
   * True for text the layout adds: `(MORE)`, a cue repeated with `(CONT'D)`, page numbers,
   * scene numbers, CONTINUED marks. Every other line is the script's own text.
   */
  generated?: boolean;
  /**
   * Row on the page in lines from the top of the body (0 … linesPerPage-1). Furniture above the
   * body (the page number) has a negative row; below it (`(CONTINUED)`), a row ≥ linesPerPage.
   */
  row: number;
  /** Left edge of the text, inches from the page's left edge. */
  x: number;
  /** Top of the line, inches from the page's top edge (= geometry.topIn + row / 6). */
  y: number;
  /** The text with its emphasis; markup characters (`*`, `_`, `\`) are already removed. */
  runs: TextRun[];
  /** Width of the text in Courier cells (a CJK character counts two). */
  cells: number;
  /** Dual dialogue: which column. */
  column?: 'left' | 'right';
}

/** Where a page's layout began, so that a re-layout can restart at a page boundary. */
export interface PageStart {
  /** First source line the layout read for this page (non-printing lines before its first block included). */
  line: number;
  /** True when the page begins with the rest of a block split at the end of the page before. */
  continuation: boolean;
  /** Scene headings before `line` (for automatic scene numbers). */
  scenesBefore: number;
}

export interface Page {
  /** Printed page number; the title page is 0, the first body page 1. */
  number: number;
  /** Lines in block order (the left dual column before the right), not sorted by row. */
  lines: PrintedLine[];
  start: PageStart;
  /** Last source line that prints on this page (-1 if none). */
  lastSource: number;
}

export interface Bookmark {
  title: string;
  kind: 'section' | 'scene';
  /** Section depth (1…6); scenes are one level below the section that holds them. */
  depth: number;
  source: number;
  /** Index into `Layout.pages` and the row there. */
  pageIndex: number;
  row: number;
}

export interface PageGeometry {
  paper: Paper;
  widthIn: number;
  heightIn: number;
  /** Top of the first body line. */
  topIn: number;
  linesPerPage: number;
  /** 1/6 in: Courier 12 pt at 6 lines per inch. */
  lineHeightIn: number;
  /** 1/10 in: Courier 12 pt at 10 characters per inch. */
  cellIn: number;
  fontSizePt: number;
}

export interface LayoutOptions {
  paper?: Paper;
  /** Scene numbers in both margins: the heading's own `#12A#`, else its ordinal. */
  sceneNumbers?: boolean;
  /** `(CONTINUED)` / `CONTINUED:` where a scene crosses a page. */
  continued?: boolean;
  printNotes?: boolean;
  printSections?: boolean;
  printSynopses?: boolean;
}

export interface Layout {
  geometry: PageGeometry;
  options: Required<LayoutOptions>;
  /** The title page, when the script has printable title-page keys. */
  titlePage?: Page;
  /** Body pages, numbered from 1. */
  pages: Page[];
  /** Sections and scenes, in order, for PDF bookmarks and navigation. */
  bookmarks: Bookmark[];
}
