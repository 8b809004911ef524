import PDFDocument from 'pdfkit';
import { isInvisible, type FontFace, type FontStyle, type PrintFonts } from './fonts';
import type { Bookmark, Layout, Page, PrintedLine, TextRun } from './types';
import { MonoTextWriter, isPlainMonoText } from './monoText';

const POINTS = 72;

export interface PdfOptions {
  /** Document information: shown by readers and search tools. */
  title?: string;
  author?: string;
  /** Light diagonal text on every page, e.g. `DRAFT` or a recipient's name. */
  watermark?: string;
  signal?: AbortSignal;
  /** Called after each page with (pages written, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface PdfResult {
  bytes: Buffer;
  /** Pages in the file, the title page included. */
  pageCount: number;
  /** One line per source line that holds characters no font can draw. */
  warnings: string[];
}

export class PrintCancelled extends Error {
  constructor() {
    super('Export cancelled.');
    this.name = 'PrintCancelled';
  }
}

/** A piece of a run drawn with one font, `cell` Courier cells from the line's start. */
interface Piece {
  font: string;
  text: string;
  cell: number;
  /** Cells the piece covers: a fallback font's glyphs are spaced to fill exactly this. */
  cells: number;
}

/**
 * Writes the laid-out pages with pdfkit: each piece of text at its exact position, fonts embedded
 * and subset (pdfkit embeds only the glyphs used), bookmarks for sections and scenes, title and
 * author in the document information. Characters the Courier faces lack come from the fallback
 * fonts; one no font has prints as `?` and is reported with its source line, never as a blank.
 */
export async function writePdf(layout: Layout, fonts: PrintFonts, options: PdfOptions = {}): Promise<PdfResult> {
  const g = layout.geometry;
  const doc = new PDFDocument({
    size: [g.widthIn * POINTS, g.heightIn * POINTS],
    margin: 0,
    autoFirstPage: false,
    font: fonts.courier.regular.file,
    info: { Title: options.title ?? '', Author: options.author ?? '', Creator: 'Dramaturge' },
    displayTitle: !!options.title,
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  // Fonts are selected by file path (and face name in a collection): pdfkit caches them by that
  // key, whereas a registered alias of an already loaded font is opened again at every use.
  const styleFonts: Record<FontStyle, string> = { regular: fonts.courier.regular.file, bold: fonts.courier.bold.file, italic: fonts.courier.italic.file, boldItalic: fonts.courier.boldItalic.file };
  const faces = new Map<string, FontFace>(fonts.fallbacks.map((f, i) => [`F${i}`, f]));
  const select = (key: string) => {
    const face = faces.get(key);
    return face ? doc.font(face.file, face.postscriptName as string) : doc.font(key);
  };

  const missing = new Map<number, Set<string>>();
  const all: Page[] = layout.titlePage ? [layout.titlePage, ...layout.pages] : layout.pages;
  const offset = layout.titlePage ? 1 : 0;
  const byPage = groupBookmarks(layout.bookmarks);
  const outline = new OutlineBuilder(doc);
  const mono = new MonoTextWriter(doc);

  for (let i = 0; i < all.length; i++) {
    if (options.signal?.aborted) throw new PrintCancelled();
    doc.addPage({ size: [g.widthIn * POINTS, g.heightIn * POINTS], margin: 0 });
    if (options.watermark) drawWatermark(doc, styleFonts.bold, options.watermark, g.widthIn * POINTS, g.heightIn * POINTS);
    for (const line of all[i].lines) drawLine(doc, select, mono, line, fonts, styleFonts, missing);
    mono.finishPage();
    for (const b of byPage.get(i - offset) ?? []) outline.add(b);
    options.onProgress?.(i + 1, all.length);
    // Let the editor breathe (and Cancel arrive) on long scripts.
    if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
  }
  if (all.length === 0) doc.addPage();
  doc.end();
  await ended;
  const warnings = [...missing].sort((a, b) => a[0] - b[0]).map(([line, chars]) => `Line ${line + 1}: no font has ${[...chars].map(describeChar).join(', ')}; printed as "?". Name a font that has ${chars.size > 1 ? 'them' : 'it'} in the "dramaturge.print.fallbackFonts" setting (or --font).`);
  return { bytes: Buffer.concat(chunks), pageCount: all.length, warnings };
}

function describeChar(ch: string): string {
  return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

function groupBookmarks(bookmarks: readonly Bookmark[]): Map<number, Bookmark[]> {
  const map = new Map<number, Bookmark[]>();
  for (const b of bookmarks) {
    const list = map.get(b.pageIndex);
    if (list) list.push(b);
    else map.set(b.pageIndex, [b]);
  }
  return map;
}

/** Nests bookmarks by depth: a scene under the section above it, a section under a shallower one. */
class OutlineBuilder {
  private stack: { depth: number; item: PDFKit.PDFOutline }[] = [];
  constructor(private readonly doc: PDFKit.PDFDocument) {}
  add(b: Bookmark): void {
    while (this.stack.length && this.stack[this.stack.length - 1].depth >= b.depth) this.stack.pop();
    const parent = this.stack.length ? this.stack[this.stack.length - 1].item : this.doc.outline;
    const item = parent.addItem(b.title || (b.kind === 'scene' ? 'Scene' : 'Section'));
    this.stack.push({ depth: b.depth, item });
  }
}

function styleOf(run: TextRun): FontStyle {
  return run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';
}

function drawLine(doc: PDFKit.PDFDocument, select: (font: string) => PDFKit.PDFDocument, mono: MonoTextWriter, line: PrintedLine, fonts: PrintFonts, styleFonts: Record<FontStyle, string>, missing: Map<number, Set<string>>): void {
  let cell = 0;
  const y = line.y * POINTS;
  for (const run of line.runs) {
    const style = styleOf(run);
    const pieces = piecesOf(run.text, fonts.courier[style], styleFonts[style], fonts.fallbacks, cell, (ch) => {
      if (line.source < 0) return;
      let set = missing.get(line.source);
      if (!set) missing.set(line.source, (set = new Set()));
      set.add(ch);
    });
    for (const p of pieces) {
      if (p.font === styleFonts[style] && isPlainMonoText(p.text)) {
        mono.add(p.font, 12, (line.x + p.cell * 0.1) * POINTS, y, p.text, p.cells * 0.1 * POINTS, !!run.underline);
        continue;
      }
      select(p.font).fontSize(12);
      // A fallback font's glyphs are stretched or narrowed to fill their Courier cells exactly, so
      // the line keeps its measure and the text still reads back as one word.
      const natural = p.font === styleFonts[style] ? 0 : doc.widthOfString(p.text);
      const horizontalScaling = natural > 0 ? (100 * p.cells * 0.1 * POINTS) / natural : 100;
      const textOptions: PDFKit.Mixins.TextOptions & { horizontalScaling: number } = { lineBreak: false, underline: !!run.underline, horizontalScaling };
      doc.text(p.text, (line.x + p.cell * 0.1) * POINTS, y, textOptions);
    }
    cell += cellsOf(run.text);
  }
}

function cellsOf(text: string): number {
  let n = 0;
  for (const ch of text) n += cellOfChar(ch.codePointAt(0)!);
  return n;
}

function cellOfChar(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x591 && cp <= 0x5c7) || isInvisible(cp)) return 0;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)) return 2;
  return 1;
}

/** Splits a run where the font changes; everything ASCII stays in one piece. */
function piecesOf(text: string, face: FontFace, faceName: string, fallbacks: readonly FontFace[], startCell: number, onMissing: (ch: string) => void): Piece[] {
  if (/^[\x20-\x7e]*$/.test(text)) return text.trim() ? [{ font: faceName, text, cell: startCell, cells: text.length }] : [];
  const pieces: Piece[] = [];
  let cell = startCell;
  let current: Piece | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const width = cellOfChar(cp);
    if (isInvisible(cp)) continue;
    let font = faceName;
    let out = ch;
    if (cp >= 0x80 && !face.has(cp)) {
      const i = fallbacks.findIndex((f) => f.has(cp));
      if (i >= 0) font = `F${i}`;
      else {
        onMissing(ch);
        out = '?';
      }
    }
    if (current && current.font === font) {
      current.text += out;
      current.cells += width;
    } else {
      current = { font, text: out, cell, cells: width };
      pieces.push(current);
    }
    cell += width;
  }
  return pieces.filter((p) => p.text.trim() !== '');
}

function drawWatermark(doc: PDFKit.PDFDocument, font: string, text: string, width: number, height: number): void {
  const diagonal = Math.hypot(width, height);
  const size = Math.min(120, (diagonal * 0.7) / (Math.max(1, text.length) * 0.6));
  doc.save();
  doc.rotate((-Math.atan2(height, width) * 180) / Math.PI, { origin: [width / 2, height / 2] });
  doc.font(font).fontSize(size).fillColor('#000000', 0.08);
  const textWidth = text.length * size * 0.6;
  doc.text(text, width / 2 - textWidth / 2, height / 2 - size / 2, { lineBreak: false });
  doc.restore();
  doc.fillColor('#000000', 1);
}
