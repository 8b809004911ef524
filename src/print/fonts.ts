import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** One font file the PDF can use, and the code points it draws. */
export interface FontFace {
  file: string;
  /** For collections (.ttc): which face. */
  postscriptName?: string;
  has(codePoint: number): boolean;
}

export interface PrintFonts {
  /** Liberation Mono, metric-compatible with Courier New: Latin, Cyrillic, Greek, Hebrew. */
  courier: Record<FontStyle, FontFace>;
  /** Tried in order for characters the Courier faces lack. */
  fallbacks: FontFace[];
}

const FILES: Record<FontStyle, string> = {
  regular: 'LiberationMono-Regular.ttf',
  bold: 'LiberationMono-Bold.ttf',
  italic: 'LiberationMono-Italic.ttf',
  boldItalic: 'LiberationMono-BoldItalic.ttf',
};

/** Where the bundled fonts are: `media/fonts` beside `dist/` (extension, CLI) or the repository root (tests). */
export function bundledFontsDir(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'media', 'fonts');
    if (existsSync(path.join(candidate, FILES.regular))) return candidate;
  }
  throw new Error(`The print fonts (media/fonts/${FILES.regular}) are missing near ${from}. Reinstall Dramaturge.`);
}

/** A face from any font file: opened now, so an unreadable file is reported at once. */
export function openFace(file: string, postscriptName?: string): FontFace {
  const opened = fontkit.openSync(file, postscriptName);
  const font = 'fonts' in opened ? opened.fonts[0] : opened;
  // Reading a WOFF2 font needs brotli, which the bundle leaves out (see scripts/build.mjs).
  if ((font as { type?: string }).type === 'WOFF2') throw new Error('WOFF2 fonts cannot be printed with: use the TTF or OTF file');
  // A collection (.ttc) names the face pdfkit must take from it.
  return faceOf(file, 'fonts' in opened ? font.postscriptName : postscriptName, () => font);
}

/**
 * One of the bundled faces (plain TrueType files), parsed on the first question about its
 * glyphs: a script in plain Latin never asks the bold and italic faces anything, and parsing
 * one costs a few milliseconds of every export.
 */
function bundledFace(file: string): FontFace {
  let font: fontkit.Font | undefined;
  return faceOf(file, undefined, () => (font ??= fontkit.openSync(file) as fontkit.Font));
}

function faceOf(file: string, postscriptName: string | undefined, font: () => fontkit.Font): FontFace {
  const cache = new Map<number, boolean>();
  return {
    file,
    postscriptName,
    has(cp: number): boolean {
      let hit = cache.get(cp);
      if (hit === undefined) cache.set(cp, (hit = font().hasGlyphForCodePoint(cp)));
      return hit;
    },
  };
}

/**
 * The bundled Courier faces, then the fonts the writer named (a file path each), then, for code
 * points still uncovered in `text`, whatever fontconfig (`fc-match`) or the usual system folders
 * offer. A font that cannot be read is skipped with a warning, never fatal.
 */
export function loadPrintFonts(fontsDir: string, userFonts: readonly string[], text: string, warn: (message: string) => void): PrintFonts {
  const courier = Object.fromEntries(Object.entries(FILES).map(([style, file]) => [style, bundledFace(path.join(fontsDir, file))])) as Record<FontStyle, FontFace>;
  const fallbacks: FontFace[] = [];
  for (const file of userFonts) {
    if (!file.trim()) continue;
    try {
      fallbacks.push(openFace(file.trim()));
    } catch (err) {
      warn(`The fallback font "${file}" could not be read (${err instanceof Error ? err.message : String(err)}); it is skipped.`);
    }
  }
  const missing = uncovered(text, [courier.regular, ...fallbacks]);
  if (missing.length > 0) {
    for (const file of systemFontsFor(missing)) {
      try {
        const face = openFace(file);
        if (missing.some((cp) => face.has(cp))) fallbacks.push(face);
      } catch {
        // An unreadable system font is simply not used.
      }
    }
  }
  return { courier, fallbacks };
}

/** Code points in `text` that none of `faces` draws (at most 200, enough to choose fonts by). */
export function uncovered(text: string, faces: readonly FontFace[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  // Jumps from one character beyond Latin to the next: walking a long script character by
  // character cost about 10 ms of every export, for nothing in a script in English.
  const beyondLatin = /[^\0-\u024f]/gu;
  for (let m = beyondLatin.exec(text); m; m = beyondLatin.exec(text)) {
    const cp = m[0].codePointAt(0)!;
    if (seen.has(cp)) continue;
    seen.add(cp);
    if (isInvisible(cp) || faces.some((f) => f.has(cp))) continue;
    out.push(cp);
    if (out.length >= 200) break;
  }
  return out;
}

/** Controls and format characters draw nothing in any font; they are never "missing". */
export function isInvisible(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f);
}

const COMMON_FONTS = [
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/Supplemental/Arial Unicode.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\msgothic.ttc',
  'C:\\Windows\\Fonts\\malgun.ttf',
  'C:\\Windows\\Fonts\\arialuni.ttf',
];

/** Font files likely to hold `codePoints`: fontconfig's choice first, then common locations. */
function systemFontsFor(codePoints: readonly number[]): string[] {
  const files: string[] = [];
  const charset = codePoints
    .slice(0, 50)
    .map((cp) => cp.toString(16))
    .join(' ');
  try {
    // Required here, not at the top: only a script with characters Courier lacks gets this far,
    // and loading child_process costs every export a few milliseconds.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const fc = spawnSync('fc-match', ['-s', '--format=%{file}\\n', `:charset=${charset}`], { encoding: 'utf8', timeout: 5000 });
    if (fc.status === 0) files.push(...fc.stdout.split('\n').filter((f) => /\.(ttf|otf|ttc)$/i.test(f)).slice(0, 8));
  } catch {
    // No fontconfig on this system: the common locations below still apply.
  }
  for (const f of COMMON_FONTS) if (!files.includes(f) && existsSync(f)) files.push(f);
  return files;
}
