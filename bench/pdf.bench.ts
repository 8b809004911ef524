/**
 * The PDF of Big Fish at ×1 and ×8 (about 123 and 960 pages), against afterwriting (npm, MIT) in
 * the same run. Two views:
 * - lay out and write in a warm process: ours is parse + layout + PDF bytes in this process, through
 *   `dist/print-pdf.js`, the bundle that Export PDF… loads (targets: ×1 ≤ 300 ms, ×8 ≤ 3 s);
 *   afterwriting's is its own parse, line breaking and PDF file written by its own pdfmaker, run
 *   the same number of times in one process of its own after a first run
 *   (`afterwritingInProcess.cjs`). Target: at least 3× faster than afterwriting;
 * - as a writer runs each tool from a shell: `dramaturge export --pdf` against afterwriting's `awc.js`,
 *   each a fresh Node process, timed from spawn to exit, with its peak memory (max RSS, reported by
 *   a preloaded script at exit). Target: at least 3× faster than afterwriting.
 * Runs alternate between the two tools, so a change in the machine's load hits both alike. Each
 * tool's start-up (a one-scene script) is timed too, so the work beyond it can be compared.
 * Run by `npm run bench` after the build.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FountainDocument } from '../src/fountain';
import type * as PdfModule from '../src/print/pdf';
import { bigFish, repoRoot } from '../test/support/corpus';
import { median, printTable } from './stats';

const WORK = path.join(repoRoot, '.bench/pdf');
/** Prints the process's peak resident memory (KB) to stderr as it exits. */
const MAX_RSS = path.join(WORK, 'max-rss.cjs');

interface ProcessRun {
  ms: number;
  maxRssMb: number;
}

function runTool(args: string[]): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', MAX_RSS, ...args], { cwd: WORK, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const rss = /max-rss-kb=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !rss) throw new Error(`${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return { ms, maxRssMb: Number(rss[1]) / 1024 };
}

function ours(source: string, out: string): ProcessRun {
  return runTool([path.join(repoRoot, 'dist/cli.js'), 'export', source, '--pdf', out]);
}

/** afterwriting's lay-out-and-write times in one warm process of its own, the first run left out. */
function afterwritingWarm(source: string, out: string, runs: number): { ms: number; pages: number } {
  const harness = path.join(repoRoot, 'bench/afterwritingInProcess.cjs');
  const r = spawnSync(process.execPath, [harness, path.join(repoRoot, 'node_modules/afterwriting'), source, out, String(runs + 1)], { cwd: WORK, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`afterwriting in process failed: ${r.stderr}`);
  const { times } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { times: number[] };
  const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' });
  return { ms: median(times.slice(1)), pages: Number(/Pages:\s+(\d+)/.exec(info.stdout ?? '')?.[1] ?? NaN) };
}

function afterwriting(source: string, out: string): ProcessRun {
  return runTool([path.join(repoRoot, 'node_modules/afterwriting/awc.js'), '--source', source, '--pdf', out, '--overwrite', '--config', path.join(WORK, 'aw-config.json')]);
}

async function inProcess(pdf: typeof PdfModule, text: string, runs: number): Promise<{ ms: number; pages: number; bytes: number }> {
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = await pdf.renderPdf(FountainDocument.parse(text), { paper: 'letter', fontsDir: pdf.bundledFontsDir(path.join(repoRoot, 'dist')) });
    times.push(performance.now() - t0);
    pages = result.pageCount;
    bytes = result.bytes.length;
  }
  return { ms: median(times), pages, bytes };
}

export async function runPdfBench(): Promise<Record<string, number>> {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(MAX_RSS, "process.on('exit', () => process.stderr.write(`max-rss-kb=${process.resourceUsage().maxRSS}\\n`));\n");
  writeFileSync(path.join(WORK, 'aw-config.json'), JSON.stringify({ print_profile: 'usletter' }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pdf = require(path.join(repoRoot, 'dist/print-pdf.js')) as typeof PdfModule;
  const figures: Record<string, number> = {};
  const rows: string[][] = [];
  const cliRows: string[][] = [];
  // Each tool's fixed cost: start Node, load the tool, print a one-scene script.
  const tiny = path.join(WORK, 'one-scene.fountain');
  writeFileSync(tiny, 'INT. ROOM - DAY\n\nA door opens.\n');
  const startOurs: number[] = [];
  const startTheirs: number[] = [];
  for (let i = 0; i < 5; i++) {
    startOurs.push(ours(tiny, path.join(WORK, 'ours.pdf')).ms);
    startTheirs.push(afterwriting(tiny, path.join(WORK, 'afterwriting.pdf')).ms);
  }
  const fixedOurs = median(startOurs);
  const fixedTheirs = median(startTheirs);
  cliRows.push(['one scene (start-up)', fixedOurs.toFixed(0), fixedTheirs.toFixed(0), `${(fixedTheirs / fixedOurs).toFixed(1)}×`, '', '', '']);
  Object.assign(figures, { pdf_cli_startup_ms: fixedOurs, afterwriting_cli_startup_ms: fixedTheirs });
  for (const [times, runs] of [[1, 7], [8, 3]] as const) {
    const text = bigFish(times);
    const source = path.join(WORK, `big-fish-x${times}.fountain`);
    writeFileSync(source, text);
    await inProcess(pdf, text, 1); // warm up: fonts read, code compiled
    const mine = await inProcess(pdf, text, runs);
    const theirs = afterwritingWarm(source, path.join(WORK, 'afterwriting-warm.pdf'), runs);
    const target = times === 1 ? 300 : 3000;
    rows.push([`×${times}`, String(mine.pages), `${(mine.bytes / 1024).toFixed(0)} KB`, mine.ms.toFixed(0), `≤ ${target}`, `${theirs.ms.toFixed(0)} (${theirs.pages} pages)`, `${(theirs.ms / mine.ms).toFixed(1)}×`]);
    Object.assign(figures, { [`pdf_x${times}_ms`]: mine.ms, [`afterwriting_warm_x${times}_ms`]: theirs.ms, [`pdf_warm_x${times}_speedup`]: theirs.ms / mine.ms });

    const oursRuns: ProcessRun[] = [];
    const theirRuns: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
      const pair = [() => oursRuns.push(ours(source, path.join(WORK, 'ours.pdf'))), () => theirRuns.push(afterwriting(source, path.join(WORK, 'afterwriting.pdf')))];
      if (i % 2) pair.reverse();
      for (const run of pair) run();
    }
    const o = median(oursRuns.map((r) => r.ms));
    const a = median(theirRuns.map((r) => r.ms));
    const oMem = Math.max(...oursRuns.map((r) => r.maxRssMb));
    const aMem = Math.max(...theirRuns.map((r) => r.maxRssMb));
    cliRows.push([`×${times}`, o.toFixed(0), a.toFixed(0), `${(a / o).toFixed(1)}×`, oMem.toFixed(0), aMem.toFixed(0), `${(statSync(path.join(WORK, 'afterwriting.pdf')).size / 1024).toFixed(0)} KB`]);
    const beyond = (a - fixedTheirs) / (o - fixedOurs);
    cliRows.push([`×${times} beyond start-up`, (o - fixedOurs).toFixed(0), (a - fixedTheirs).toFixed(0), `${beyond.toFixed(1)}×`, '', '', '']);
    Object.assign(figures, { [`pdf_cli_x${times}_beyond_startup_speedup`]: beyond, [`pdf_cli_x${times}_ms`]: o, [`afterwriting_cli_x${times}_ms`]: a, [`pdf_cli_x${times}_speedup`]: a / o, [`pdf_cli_x${times}_max_rss_mb`]: oMem, [`afterwriting_cli_x${times}_max_rss_mb`]: aMem });
  }
  printTable('PDF of Big Fish, lay out and write in a warm process (ours: parse + layout + PDF bytes in the extension host; median ms)', ['script', 'pages', 'PDF', 'Dramaturge', 'target', 'afterwriting', 'speed-up'], rows);
  console.log('  target: at least 3× faster than afterwriting');
  printTable('PDF of Big Fish from the command line, each a fresh process (median ms, peak RSS MB)', ['script', 'dramaturge', 'afterwriting', 'speed-up', 'dramaturge MB', 'afterwriting MB', "afterwriting's PDF"], cliRows);
  console.log('  target: at least 3× faster than afterwriting');
  return figures;
}
