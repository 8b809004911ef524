/**
 * `dramaturge`: the story engine, headless. Reads and writes one .fountain file (plus its optional
 * sidecar), talks to any OpenAI-compatible endpoint.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ScriptFileError, assertWritable, readScript, saveScript, saveSidecarText } from './cli/scriptFile';
import { FdxError, fdxToFountain, fountainToFdx, decodeFdx } from './fdx';
import { ModelError } from './llm/chatModel';
import type { ChatModel } from './llm/chatModel';
import { UsageError, buildModel as modelFromFlags, engineOptions as engineOptionsFromFlags, flag, intFlag, parseArgs, samplingParams } from './cli/options';
import type { Args } from './cli/options';
import { bundledFontsDir, renderPdf, writeFileAtomic } from './print/pdf';
import { displayUrl } from './llm/errors';
import { FountainDocument } from './fountain';
import { acceptProposals, buildReport, loadAuthorship, reportMarkdown, withAuthorship } from './provenance';
import { reportFountain } from './provenance/reportFountain';
import type { LoadedAuthorship } from './provenance';
import {
  OutputError,
  acceptProposal,
  continueBeats,
  continueCharacters,
  continueScene,
  describePlace,
  draftScene,
  emptyStory,
  fillPlaces,
  fillScenes,
  findStale,
  generateBeats,
  generateCharacters,
  generateLogline,
  generateTitle,
  isLevel,
  parseSidecar,
  placesToDescribe,
  readStoryFromDocument,
  regenerateBeat,
  regenerateCharacter,
  regenerateStale,
  renderStory,
  serializeSidecar,
  sidecarPath,
  writeAll,
} from './story';
import type { Level, PipelineOptions, ProgressEvent, Proposal, Sidecar, Story } from './story';

const HELP = `dramaturge — write a screenplay top-down (logline → title → characters → beats → places → scenes),
stored as a plain .fountain file.

Usage:
  dramaturge new "<logline>" -o x.fountain        start a screenplay from your logline (no model call)
  dramaturge generate <level> [--item N] x.fountain
        level: logline | title | characters | beats | places | scenes
        without --item: fills the level (characters and beats: the whole list; places and
        scenes: the ones still missing). --item N (1-based) regenerates that one item.
        --alternatives K   write the first of K alternatives, print them all
        --continue         extend the list (characters, beats) or scene N (with --item)
        --premise "..."    for "generate logline": draft the logline from this premise
  dramaturge stale x.fountain [--regenerate]      list items whose inputs changed; --regenerate redoes them
  dramaturge write-all x.fountain                 write everything that is missing, scenes in parallel
  dramaturge authorship x.fountain [--json] [--md report.md] [--pdf report.pdf [--paper letter|a4]]
        who wrote what, word by word: per scene and level, the writer's words, the model's kept
        verbatim and the model's then edited, the edit measure, the models used, and a summary
        to adapt for a guild, a producer or a copyright registration. Without flags: Markdown.
        --pdf prints it through the script's own page layout and PDF writer.
  dramaturge export x.fountain --fdx out.fdx      write a Final Draft file (no model call)
  dramaturge import x.fdx -o x.fountain           convert a Final Draft file to Fountain (--force replaces x.fountain)
  dramaturge export x.fountain --pdf out.pdf      print to PDF (fonts embedded, bookmarks, title/author)
        --paper letter|a4   (default letter)   --scene-numbers   --continued
        --watermark TEXT    --font FILE (a font for characters Courier lacks: CJK, Arabic…)
        --notes --sections --synopses   print what normally stays hidden

Model (flags win over environment):
  --provider local   the built-in local model: a GGUF file run on this machine, no server, no key
  --model-file PATH  DRAMATURGE_MODEL_FILE   the .gguf for --provider local (chosen by itself when set
                     and no endpoint is given)
  --base-url URL     OPENAI_BASE_URL    any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, OpenAI…)
  --model NAME       DRAMATURGE_MODEL
  --api-key KEY      OPENAI_API_KEY     not needed for local servers
  --timeout S        seconds the model may stay silent before the request is stopped (default 120)
  --max-tokens N     most tokens one answer may use, at every level (default: each level's own)
Limits (an answer past them is stopped and nothing of it is written):
  --max-answer-chars N   most characters one answer may have, at every level
                         (default: logline 2000, title 1000, characters 60000, beats 40000,
                         places 4000, scene 50000)
  --max-items N          most characters or beats one list answer may have (default 40 / 150)
  Local model tuning: DRAMATURGE_LOCAL_CONTEXT (tokens per sequence, default 4096),
  DRAMATURGE_LOCAL_THREADS (CPU threads, default: llama.cpp's choice)
Options:
  --concurrency N    requests in flight for places and scenes (default 4)
  --structure NAME   freytag (default) | heros-journey | save-the-cat | three-acts | "A, B, C"
  --seed N  --temperature T
  --characters N     how many characters "generate characters" and write-all create (default 5)
  --scene-max-tokens N   most tokens one scene answer may use (shorter scenes; quicker on a small local model)
  --no-sidecar       do not write x.fountain.dramaturge.json (provenance and staleness records)
  --help
`;

interface Loaded {
  path: string;
  /** The file as read, so writes patch only the items that changed. */
  text: string;
  story: Story;
  sidecar: Sidecar;
  titlePageExtras: string[];
  /** Who wrote each word of `text`, reconciled with edits made since the sidecar was written. */
  authorship: LoadedAuthorship;
  doc: FountainDocument;
}

/** Reads the script; `forWriting` refuses a read-only file before any model is asked. */
function load(path: string | undefined, forWriting: boolean): Loaded {
  if (!path) throw new UsageError('Which .fountain file? Give its path as the last argument.');
  const text = readScript(path);
  if (forWriting) assertWritable(path);
  const doc = FountainDocument.parse(text);
  const { story, titlePageExtras } = readStoryFromDocument(doc);
  const side = sidecarPath(path);
  const sidecar = parseSidecar(existsSync(side) ? readFileSync(side, 'utf8') : undefined);
  return { path, text, doc, story, titlePageExtras, sidecar, authorship: loadAuthorship(text, doc, sidecar) };
}

/** Writes the accepted proposals into the file, and the sidecar; each only if it changed. */
function save(args: Args, loaded: Loaded, proposals: readonly Proposal[], sidecar: Sidecar): void {
  // The same placement the editor's review uses: only the proposed items' text changes, so the
  // writer's own formatting, line breaks and anything outside the storage convention survive.
  // Each answer's exact range is recorded as the model's, carried along with the writer's words.
  const written = acceptProposals(loaded.text, loaded.authorship.authorship, proposals, { at: new Date().toISOString(), params: samplingParams(args) });
  // Only when something changed; in place, with a recovery copy (see src/cli/scriptFile.ts).
  if (proposals.length) saveScript(loaded.path, written.text);
  if (!args.flags.has('--no-sidecar')) {
    const next = serializeSidecar(withAuthorship(sidecar, written.text, { ...loaded.authorship, authorship: written.authorship }));
    saveSidecarText(sidecarPath(loaded.path), next, sidecar.items.length > 0);
  }
}

/** What the run started that must be stopped before the process can exit (the local model's process). */
const running: { dispose(): void }[] = [];

function buildModel(args: Args): ChatModel {
  return modelFromFlags(args, join(__dirname, 'localRuntime.mjs'), (r) => running.push(r));
}

function engineOptions(args: Args, model: ChatModel, signal: AbortSignal): PipelineOptions {
  return { ...engineOptionsFromFlags(args, model, signal), onProgress: progressPrinter() };
}

/** One rewritten status line on a terminal; plain lines in logs and pipes. */
function progressPrinter(): (e: ProgressEvent) => void {
  const tty = process.stderr.isTTY;
  const running = new Set<string>();
  return (e) => {
    if (e.type === 'level') {
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${e.level}: ${e.items} item${e.items === 1 ? '' : 's'}\n`);
      return;
    }
    if (e.type === 'start') running.add(e.label);
    else running.delete(e.label);
    if (tty) {
      const status = e.type === 'start' ? `… ${e.label}` : `${e.type === 'done' ? '✓' : '✗'} ${e.label}${'total' in e ? ` (${e.done}/${e.total})` : ''}`;
      if (e.type === 'failed') process.stderr.write(`\r\x1b[K✗ ${e.label}: ${e.error}\n`);
      process.stderr.write(`\r\x1b[K${status}${running.size ? ` · ${running.size} running` : ''}`);
    } else if (e.type === 'done') {
      process.stderr.write(`done ${e.label} (${e.done}/${e.total})\n`);
    } else if (e.type === 'failed') {
      process.stderr.write(`failed ${e.label}: ${e.error}\n`);
    }
  };
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function cmdNew(args: Args): void {
  const logline = args.positional[1];
  const out = flag(args, '-o') ?? flag(args, '--output');
  if (!logline) throw new UsageError('Give the logline: dramaturge new "<logline>" -o x.fountain');
  if (!out) throw new UsageError('Where to write it? Add -o x.fountain');
  if (existsSync(out) && !args.flags.has('--force')) throw new UsageError(`${out} already exists (use --force to replace it).`);
  const story = emptyStory(logline.replace(/\s+/g, ' ').trim());
  writeFileSync(out, renderStory(story));
  process.stdout.write(`Wrote ${out}. Next: dramaturge write-all ${out}\n`);
}

const LEVEL_ALIASES: Record<string, Level> = { character: 'characters', beat: 'beats', place: 'places', scene: 'scenes' };

async function cmdGenerate(args: Args, signal: AbortSignal): Promise<number> {
  const raw = args.positional[1];
  const level = raw && (LEVEL_ALIASES[raw] ?? raw);
  if (!level || !isLevel(level)) throw new UsageError(`Which level? One of: logline, title, characters, beats, places, scenes.`);
  const loaded = load(args.positional[2], true);
  const opts = engineOptions(args, buildModel(args), signal);
  const item = intFlag(args, '--item', 1);
  const index = item === undefined ? undefined : item - 1;
  const alternatives = intFlag(args, '--alternatives', 1) ?? 1;
  const extend = args.flags.has('--continue');
  const { story } = loaded;

  let proposals: Proposal[];
  let alternativesShown: Proposal[] = [];
  const pickFirst = (ps: Proposal[]) => {
    alternativesShown = ps;
    return ps.slice(0, 1);
  };
  switch (level) {
    case 'logline':
      proposals = pickFirst(await generateLogline(story, flag(args, '--premise') ?? story.logline, opts, alternatives));
      break;
    case 'title':
      proposals = pickFirst(await generateTitle(story, opts, alternatives));
      break;
    case 'characters':
      proposals = extend
        ? await continueCharacters(story, opts)
        : index === undefined
          ? [await generateCharacters(story, opts)]
          : pickFirst(await regenerateCharacter(story, index, opts, alternatives));
      break;
    case 'beats':
      proposals = extend
        ? await continueBeats(story, opts)
        : index === undefined
          ? [await generateBeats(story, opts)]
          : pickFirst(await regenerateBeat(story, index, opts, alternatives));
      break;
    case 'places': {
      const todo = index === undefined ? placesToDescribe(story) : [{ index, name: story.places[index]?.name }];
      if (todo.some((p) => !p.name)) throw new UsageError(`There is no place ${item}: the story has ${story.places.length}.`);
      if (index !== undefined) proposals = pickFirst(await describePlace(story, index, todo[0].name, opts, alternatives));
      else return runPipelineLevel(args, loaded, opts, 'places');
      break;
    }
    case 'scenes':
      if (index === undefined) return runPipelineLevel(args, loaded, opts, 'scenes');
      proposals = extend ? [await continueScene(story, index, opts)] : pickFirst(await draftScene(story, index, opts, alternatives));
      break;
  }
  if (alternativesShown.length > 1) {
    alternativesShown.forEach((p, i) => process.stdout.write(`--- alternative ${i + 1}${i === 0 ? ' (written)' : ''}\n${p.newText}\n`));
  }
  let next = { story, sidecar: loaded.sidecar };
  for (const p of proposals) next = acceptProposal(next.story, next.sidecar, p);
  save(args, loaded, proposals, next.sidecar);
  for (const p of proposals) process.stdout.write(`updated ${p.label}${p.truncated ? ' (the model stopped early; you may want to continue it)' : ''}\n`);
  return 0;
}

/** Places or scenes without --item: the pipeline's parallel stage for that level. */
async function runPipelineLevel(args: Args, loaded: Loaded, opts: PipelineOptions, level: 'places' | 'scenes'): Promise<number> {
  const fill = level === 'places' ? fillPlaces : fillScenes;
  return finish(args, loaded, await fill(loaded.story, opts, loaded.sidecar));
}

function finish(args: Args, loaded: Loaded, result: { story: Story; sidecar: Sidecar; failures: { id: string; error: Error }[]; cancelled: boolean; proposals: Proposal[] }): number {
  endProgress();
  save(args, loaded, result.proposals, result.sidecar);
  const written = result.proposals.length;
  const failed = result.failures.length;
  // Each failure was printed once already, as it happened (see progressPrinter).
  if (written) process.stdout.write(`${written} item(s) written to ${loaded.path}\n`);
  if (failed) process.stderr.write(written ? `${failed} item(s) failed; the ${written} that finished were saved.\n` : `Nothing was written: ${failed === 1 ? 'the only item' : `all ${failed} items`} failed.\n`);
  else if (!written && !result.cancelled) process.stdout.write(`Nothing to write: ${loaded.path} has every item already.\n`);
  if (result.cancelled) {
    process.stderr.write(written ? 'Cancelled: what finished was saved.\n' : 'Cancelled: nothing was written.\n');
    return 130;
  }
  return failed ? 1 : 0;
}

async function cmdWriteAll(args: Args, signal: AbortSignal): Promise<number> {
  const loaded = load(args.positional[1], true);
  const opts = engineOptions(args, buildModel(args), signal);
  return finish(args, loaded, await writeAll(loaded.story, { ...opts, premise: flag(args, '--premise') }, loaded.sidecar));
}

async function cmdStale(args: Args, signal: AbortSignal): Promise<number> {
  const loaded = load(args.positional[1], args.flags.has('--regenerate'));
  const stale = findStale(loaded.story, loaded.sidecar);
  if (!args.flags.has('--regenerate')) {
    if (stale.length === 0) process.stdout.write('Nothing is stale.\n');
    for (const s of stale) process.stdout.write(`${s.id}\t${s.reason}${s.basis === 'inferred' ? ' (inferred: no record in the sidecar)' : ''}\n`);
    return 0;
  }
  const opts = engineOptions(args, buildModel(args), signal);
  return finish(args, loaded, await regenerateStale(loaded.story, loaded.sidecar, opts));
}

async function cmdAuthorship(args: Args, signal: AbortSignal): Promise<number> {
  const loaded = load(args.positional[1], false);
  const report = buildReport(loaded.text, loaded.doc, loaded.authorship.authorship, loaded.authorship.models, { file: basename(loaded.path) });
  const pdf = flag(args, '--pdf');
  if (pdf) {
    // Printed by the script's own page layout and PDF writer.
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

async function cmdExport(args: Args, signal: AbortSignal): Promise<number> {
  const input = args.positional[1];
  const outputs = Object.entries(EXPORTERS).map(([f, e]) => `${f} ${e.example}`).join(' or ');
  if (!input) throw new UsageError(`Which .fountain file? dramaturge export x.fountain ${outputs}`);
  const formats = Object.keys(EXPORTERS).filter((f) => flag(args, f));
  if (formats.length === 0) throw new UsageError(`Export to what? Add ${outputs}`);
  for (const f of formats) await EXPORTERS[f].write(args, input, flag(args, f)!, signal);
  return 0;
}

function paperOf(args: Args): 'letter' | 'a4' {
  const paper = flag(args, '--paper') ?? 'letter';
  if (paper !== 'letter' && paper !== 'a4') throw new UsageError('--paper must be letter or a4.');
  return paper;
}

async function exportPdf(args: Args, input: string, out: string, signal: AbortSignal): Promise<void> {
  const paper = paperOf(args);
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

function cmdImport(args: Args): void {
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

function endpointOf(argv: string[]): string {
  try {
    return flag(parseArgs(argv), '--base-url') ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  } catch {
    return process.env.OPENAI_BASE_URL ?? 'the configured endpoint';
  }
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nCancelling… (Ctrl+C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const args = parseArgs(argv);
    const command = args.positional[0];
    if (args.flags.has('--help') || args.flags.has('-h') || !command || command === 'help') {
      process.stdout.write(HELP);
      return command || args.flags.has('--help') || args.flags.has('-h') ? 0 : 2;
    }
    switch (command) {
      case 'new':
        cmdNew(args);
        return 0;
      case 'generate':
        return await cmdGenerate(args, controller.signal);
      case 'stale':
        return await cmdStale(args, controller.signal);
      case 'write-all':
        return await cmdWriteAll(args, controller.signal);
      case 'authorship':
        return await cmdAuthorship(args, controller.signal);
      case 'export':
        return await cmdExport(args, controller.signal);
      case 'import':
        cmdImport(args);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}". Run dramaturge --help.`);
    }
  } catch (err) {
    endProgress();
    if (err instanceof UsageError || err instanceof ScriptFileError) {
      process.stderr.write(`dramaturge: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ModelError || err instanceof OutputError) {
      process.stderr.write(`dramaturge: ${err.message}\n`);
      // Not after a connection that broke mid-answer: the server was running then.
      if (err instanceof ModelError && (err.kind === 'unreachable' || err.kind === 'timeout')) {
        const url = displayUrl(endpointOf(argv));
        process.stderr.write(`No model answered at ${url}. Is the server running? Set the endpoint with --base-url or OPENAI_BASE_URL.\n`);
      }
      return 3;
    }
    process.stderr.write(`dramaturge: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    for (const r of running.splice(0)) r.dispose();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
