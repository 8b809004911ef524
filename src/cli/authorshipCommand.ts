/** `dramaturge authorship`: who wrote what, as Markdown, JSON or a PDF. */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FountainDocument } from '../fountain';
import { buildReport, reportMarkdown } from '../provenance';
import { reportFountain } from '../provenance/reportFountain';
import { flag } from './options';
import type { Args } from './options';
import { load } from './loadScript';
import { paperOf } from './exportCommands';

export async function cmdAuthorship(args: Args, signal: AbortSignal): Promise<number> {
  const loaded = load(args.positional[1], false);
  const report = buildReport(loaded.text, loaded.doc, loaded.authorship.authorship, loaded.authorship.models, { file: basename(loaded.path) });
  const pdf = flag(args, '--pdf');
  if (pdf) {
    // Printed by the script's own page layout and PDF writer.
    const { bundledFontsDir, renderPdf, writeFileAtomic } = await import('../print/pdf');
    const result = await renderPdf(FountainDocument.parse(reportFountain(report)), { paper: paperOf(args), fontsDir: bundledFontsDir(__dirname), signal });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    writeFileAtomic(pdf, result.bytes);
    process.stdout.write(`Wrote ${pdf} (${result.layout.pages.length} pages).\n`);
  }
  const md = flag(args, '--md');
  if (md) {
    writeFileSync(md, reportMarkdown(report));
    process.stdout.write(`Wrote ${md}.\n`);
  }
  if (args.flags.has('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (!md && !pdf) process.stdout.write(reportMarkdown(report));
  return 0;
}

