import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LayoutSource } from './blockReader';
import { loadPrintFonts } from './fonts';
import { layoutScript } from './layout';
import { writePdf, type PdfResult } from './pdfWriter';
import { parseEmphasis } from './styledText';
import { joinLines } from '../text/scan';
import type { Layout, LayoutOptions } from './types';

export interface PdfExportOptions extends LayoutOptions {
  /** The script's layout when the caller already has it (the editor's cache); else laid out here. */
  layout?: Layout;
  /** Folder holding the bundled Liberation Mono faces (`bundledFontsDir`). */
  fontsDir: string;
  /** Font files to use for characters the Courier faces lack, before any system font. */
  fallbackFonts?: readonly string[];
  watermark?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Where font warnings go as soon as they are known (unreadable fallback font). */
  warn?: (message: string) => void;
}

/** Lays out the parsed script and writes it as PDF bytes, with the title page's title and author as metadata. */
export async function renderPdf(source: LayoutSource, options: PdfExportOptions): Promise<PdfResult & { layout: Layout }> {
  const layout = options.layout ?? layoutScript(source, options);
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.warn?.(m);
  };
  const fonts = loadPrintFonts(options.fontsDir, options.fallbackFonts ?? [], allText(layout), warn);
  const meta = (key: string) => {
    const entry = source.titlePage.find((e) => e.key.trim().toLowerCase() === key);
    return entry ? parseEmphasis(joinLines(entry.value)).text : undefined;
  };
  const result = await writePdf(layout, fonts, {
    title: meta('title'),
    author: meta('author') ?? meta('authors'),
    watermark: options.watermark,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return { ...result, warnings: [...warnings, ...result.warnings], layout };
}

function allText(layout: Layout): string {
  const parts: string[] = [];
  for (const page of layout.titlePage ? [layout.titlePage, ...layout.pages] : layout.pages) {
    for (const line of page.lines) for (const run of line.runs) parts.push(run.text);
  }
  return parts.join('\n');
}

/**
 * Replaces `target` only once the whole file is written: a cancelled or failed export leaves the
 * old file as it was. An existing file keeps its permissions.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(temp, bytes);
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written.
    }
    throw err;
  }
}
