/** `export` (Final Draft, PDF) and `import` (Final Draft): no model is ever asked. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FdxError, fdxToFountain, fountainToFdx, decodeFdx } from '../fdx';
import { FountainDocument } from '../fountain';
import { UsageError, flag } from './options';
import type { Args } from './options';
import { readScript } from './scriptFile';

function exportFdx(_args: Args, input: string, out: string): void {
  const document = FountainDocument.parse(readScript(input));
  // Written in place (not renamed over), so a file that already exists keeps its identity and mode.
  writeFileSync(out, fountainToFdx(document));
  process.stdout.write(`Wrote ${out} (${document.outline.allScenes.length} scenes).\n`);
}

/** One entry per output format of `export`; each writes `out` from the script at `input`. */
const EXPORTERS: Record<string, { example: string; write: (args: Args, input: string, out: string, signal: AbortSignal) => Promise<void> | void }> = {
  '--fdx': { example: 'out.fdx', write: exportFdx },
  '--pdf': { example: 'out.pdf', write: exportPdf },
};

export async function cmdExport(args: Args, signal: AbortSignal): Promise<number> {
  const input = args.positional[1];
  const outputs = Object.entries(EXPORTERS).map(([f, e]) => `${f} ${e.example}`).join(' or ');
  if (!input) throw new UsageError(`Which .fountain file? dramaturge export x.fountain ${outputs}`);
  const formats = Object.keys(EXPORTERS).filter((f) => flag(args, f));
  if (formats.length === 0) throw new UsageError(`Export to what? Add ${outputs}`);
  for (const f of formats) await EXPORTERS[f].write(args, input, flag(args, f)!, signal);
  return 0;
}

export function paperOf(args: Args): 'letter' | 'a4' {
  const paper = flag(args, '--paper') ?? 'letter';
  if (paper !== 'letter' && paper !== 'a4') throw new UsageError('--paper must be letter or a4.');
  return paper;
}

async function exportPdf(args: Args, input: string, out: string, signal: AbortSignal): Promise<void> {
  const paper = paperOf(args);
  // Loaded here, not with this module: pdfkit and fontkit take a while to initialise, and
  // `export --fdx` never needs them.
  const { bundledFontsDir, renderPdf, writeFileAtomic } = await import('../print/pdf');
  const doc = FountainDocument.parse(readScript(input));
  const font = flag(args, '--font');
  const result = await renderPdf(doc, {
    paper,
    sceneNumbers: args.flags.has('--scene-numbers'),
    continued: args.flags.has('--continued'),
    printNotes: args.flags.has('--notes'),
    printSections: args.flags.has('--sections'),
    printSynopses: args.flags.has('--synopses'),
    watermark: flag(args, '--watermark'),
    fontsDir: bundledFontsDir(__dirname),
    fallbackFonts: font ? [font] : [],
    signal,
  });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  writeFileAtomic(out, result.bytes);
  const titlePage = result.layout.titlePage ? ' and a title page' : '';
  process.stdout.write(`${out}: ${result.layout.pages.length} pages${titlePage}\n`);
}

export function cmdImport(args: Args): void {
  const input = args.positional[1];
  const out = flag(args, '-o') ?? flag(args, '--output');
  if (!input) throw new UsageError('Which .fdx file? dramaturge import x.fdx -o x.fountain');
  if (!out) throw new UsageError('Where to write it? Add -o x.fountain');
  if (!existsSync(input)) throw new UsageError(`${input} does not exist.`);
  if (existsSync(out) && !args.flags.has('--force')) throw new UsageError(`${out} already exists (use --force to replace it).`);
  let fountain: string;
  try {
    fountain = fdxToFountain(decodeFdx(readFileSync(input)));
  } catch (error) {
    if (error instanceof FdxError) throw new UsageError(`${input}: ${error.message}`);
    throw error;
  }
  writeFileSync(out, fountain);
  process.stdout.write(`Wrote ${out}.\n`);
}

