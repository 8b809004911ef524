import { deflateSync } from 'node:zlib';

/**
 * Text in the Courier faces, written as PDF text operators directly rather than through pdfkit's
 * `doc.text`. That path shapes every word with fontkit, measures it twice and writes each glyph as
 * four hex digits, which is most of the time a long script takes to print; a monospaced face with
 * one glyph per character needs none of it. The font is still pdfkit's own embedded font object, so
 * subsetting, widths and the ToUnicode map that makes the text searchable are pdfkit's. Only
 * characters that need no shaping come here (`isPlainMonoText`); anything else goes through
 * `doc.text`.
 *
 * Each page's text goes into a content stream of its own, appended to the page's contents and
 * compressed at zlib level 1: about five times faster than pdfkit's default level, for a stream
 * about 1.6 times larger (the PDF stays several times smaller than afterwriting's).
 *
 * This reaches into pdfkit's font object (`subset`, `widths`, `unicode`, `id`, `ref()`), the
 * page's dictionary and its content stream's compression flag, which is why pdfkit's version is pinned exactly in package.json; the
 * read-back tests (pdftotext, pdffonts, qpdf) check the result after any upgrade.
 */

/** The parts of pdfkit's EmbeddedFont this uses. */
interface EmbeddedFont {
  id: string;
  scale: number;
  ascender: number;
  descender: number;
  font: { glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface Reference {
  end(chunk: Uint8Array): void;
}

/** pdfkit's page content stream. */
interface ContentStream {
  compress: boolean;
  uncompressedLength: number;
  data: { Filter?: string };
}

/** The parts of pdfkit's document this uses. */
interface Doc {
  _font: EmbeddedFont;
  page: { height: number; fonts: Record<string, unknown>; content: ContentStream; dictionary: { data: { Contents: unknown } } };
  font(src: string): Doc;
  ref(data: Record<string, unknown>): Reference;
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

/** Collects a page's monospaced text, then writes it as one text object in a stream of its own. */
export class MonoTextWriter {
  private readonly glyphs = new Map<EmbeddedFont, Map<number, string>>();
  private ops: string[] = [];
  private underlines: string[] = [];
  private currentFont: EmbeddedFont | undefined;

  constructor(private readonly doc: unknown) {}

  /**
   * `text` in the font at `file`, `size` pt, its top-left at (x, y) in points from the page's
   * top-left (pdfkit's 'top' baseline), `width` points wide; underlined as pdfkit would.
   */
  add(file: string, size: number, x: number, y: number, text: string, width: number, underline: boolean): void {
    const doc = this.doc as Doc;
    const font = doc.font(file)._font;
    if (font !== this.currentFont) {
      doc.page.fonts[font.id] ??= font.ref();
      this.ops.push(`/${font.id} ${size} Tf`);
      this.currentFont = font;
    }
    const height = doc.page.height;
    this.ops.push(`1 0 0 1 ${num(x)} ${num(height - y - (font.ascender / 1000) * size)} Tm (${this.encode(font, text)}) Tj`);
    if (underline) {
      // pdfkit's rule: a line as thick as a tenth of the size, one thickness above the line's bottom.
      const thickness = size < 10 ? 0.5 : Math.floor(size / 10);
      const lineY = height - (y + ((font.ascender - font.descender) / 1000) * size - thickness);
      this.underlines.push(`${thickness} w ${num(x)} ${num(lineY)} m ${num(x + width)} ${num(lineY)} l S`);
    }
  }

  /** Writes what the page collected; call before the next page is added and before the end. */
  finishPage(): void {
    const doc = this.doc as Doc;
    // pdfkit's own stream for the page now holds only its initial transform (and a watermark or a
    // fallback font's text, if any): compressing a few bytes costs more time than it saves space.
    const own = doc.page.content;
    if (own.uncompressedLength < 1024) {
      own.compress = false;
      delete own.data.Filter;
    }
    if (this.ops.length === 0) return;
    // pdfkit's pages are flipped so that y grows downwards; this stream draws in the PDF's own
    // orientation, in black, whatever state pdfkit's own stream ended in.
    const lines = this.underlines.length ? ['0 G', ...this.underlines] : [];
    const content = `q 1 0 0 -1 0 ${num(doc.page.height)} cm 0 g BT\n${this.ops.join('\n')}\nET\n${lines.join('\n')}\nQ\n`;
    const stream = doc.ref({ Filter: 'FlateDecode' });
    stream.end(deflateSync(Buffer.from(content, 'latin1'), { level: 1 }));
    const dictionary = doc.page.dictionary.data;
    dictionary.Contents = Array.isArray(dictionary.Contents) ? [...(dictionary.Contents as unknown[]), stream] : [dictionary.Contents, stream];
    this.ops = [];
    this.underlines = [];
    this.currentFont = undefined;
  }

  /**
   * The glyph ids in the subset as a PDF literal string: two bytes each (Identity-H), one character
   * per byte (the stream is written as latin1), half the size of the hex form. The ids are recorded
   * as pdfkit's own encoder records them (widths, and the text that search and copy read).
   */
  private encode(font: EmbeddedFont, text: string): string {
    let known = this.glyphs.get(font);
    if (!known) this.glyphs.set(font, (known = new Map()));
    let bytes = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      let glyphBytes = known.get(cp);
      if (glyphBytes === undefined) {
        const glyph = font.font.glyphForCodePoint(cp);
        const gid = font.subset.includeGlyph(glyph.id);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= [cp];
        glyphBytes = literalByte(gid >> 8) + literalByte(gid & 0xff);
        known.set(cp, glyphBytes);
      }
      bytes += glyphBytes;
    }
    return bytes;
  }
}

/** One byte inside a PDF literal string: the delimiters, the backslash and line ends escaped. */
function literalByte(byte: number): string {
  if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
  if (byte === 0x0a) return '\\n';
  if (byte === 0x0d) return '\\r';
  return String.fromCharCode(byte);
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
