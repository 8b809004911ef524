/**
 * Text in the Courier faces, written as PDF text operators directly rather than through pdfkit's
 * `doc.text`. That path shapes every word with fontkit and measures it twice, which is most of the
 * time a long script takes to print; a monospaced face with one glyph per character needs neither.
 * The font is still pdfkit's own embedded font object, so subsetting, widths and the ToUnicode map
 * that makes the text searchable are pdfkit's. Only characters that need no shaping come here
 * (`isPlainMonoText`); anything else goes through `doc.text`.
 *
 * This reaches into pdfkit's font object (`subset`, `widths`, `unicode`, `id`, `ref()`), which is
 * why pdfkit's version is pinned exactly in package.json; the read-back tests (pdftotext, pdffonts,
 * qpdf) check the result after any upgrade.
 */

/** The parts of pdfkit's EmbeddedFont this uses. */
interface EmbeddedFont {
  id: string;
  scale: number;
  ascender: number;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

/** The parts of pdfkit's document this uses. */
interface Doc {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown> };
  font(src: string): Doc;
  addContent(data: string): Doc;
}

/**
 * True when every character draws as one glyph in one cell with no shaping: Latin, Greek and
 * Cyrillic letters without combining marks. Hebrew and Arabic (order, shaping), combining marks
 * and wide characters are left to pdfkit's layout.
 */
export function isPlainMonoText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x300 && c < 0x370) || c >= 0x530) return false;
  }
  return true;
}

/**
 * Collects monospaced text and writes it as one text object: at the end of each page, and before
 * anything else is drawn, so the content keeps the order of the text.
 */
export class MonoTextWriter {
  private readonly glyphs = new Map<EmbeddedFont, Map<number, string>>();
  private ops: string[] = [];
  private currentFont: EmbeddedFont | undefined;

  constructor(private readonly doc: unknown) {}

  /** `text` in the font at `file`, `size` pt, its top-left at (x, y) in points from the page's top-left. */
  add(file: string, size: number, x: number, y: number, text: string): void {
    const doc = this.doc as Doc;
    const font = doc.font(file)._font;
    if (font !== this.currentFont) {
      doc.page.fonts[font.id] ??= font.ref();
      this.ops.push(`/${font.id} ${size} Tf`);
      this.currentFont = font;
    }
    // pdfkit puts text's top at y (its default 'top' baseline); PDF places the baseline.
    const baseline = doc.page.height - y - (font.ascender / 1000) * size;
    this.ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm <${this.encode(font, text)}> Tj`);
  }

  /** Writes what was collected; call before drawing anything else and before the next page. */
  flush(): void {
    if (this.ops.length === 0) return;
    const doc = this.doc as Doc;
    // pdfkit's pages are flipped so that y grows downwards; text wants the PDF's own orientation.
    doc.addContent(`q 1 0 0 -1 0 ${num(doc.page.height)} cm BT`);
    doc.addContent(this.ops.join('\n'));
    doc.addContent('ET Q');
    this.ops = [];
    this.currentFont = undefined;
  }

  /** Glyph ids in the subset, as pdfkit's own encoder records them (widths, and text for search). */
  private encode(font: EmbeddedFont, text: string): string {
    let known = this.glyphs.get(font);
    if (!known) this.glyphs.set(font, (known = new Map()));
    let hex = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      let h = known.get(cp);
      if (h === undefined) {
        const glyph = font.font.glyphForCodePoint(cp);
        const gid = font.subset.includeGlyph(glyph.id);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= [cp];
        h = gid.toString(16).padStart(4, '0');
        known.set(cp, h);
      }
      hex += h;
    }
    return hex;
  }
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
