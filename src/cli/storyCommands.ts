/**
 * The commands that ask a model (generate, stale, write-all) and `new`: loaded only when one of
 * them runs, so that the other commands never initialise the model stack (openai, zod, undici).
 */
import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ModelError } from '../llm/chatModel';
import type { ChatModel } from '../llm/chatModel';
import { displayUrl } from '../llm/errors';
import { acceptProposals, withAuthorship } from '../provenance';
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
  placesToDescribe,
  regenerateBeat,
  regenerateCharacter,
  regenerateStale,
  renderStory,
  serializeSidecar,
  sidecarPath,
  writeAll,
} from '../story';
import type { Level, PipelineOptions, ProgressEvent, Proposal, Sidecar, Story } from '../story';
import { buildModel as modelFromFlags, engineOptions as engineOptionsFromFlags } from './modelFlags';
import { UsageError, flag, intFlag, parseArgs, samplingParams } from './options';
import type { Args } from './options';
import { saveScript, saveSidecarText } from './scriptFile';
import { load } from './loadScript';
import type { Loaded } from './loadScript';

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

function endpointOf(argv: string[]): string {
  try {
    return flag(parseArgs(argv), '--base-url') ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  } catch {
    return process.env.OPENAI_BASE_URL ?? 'the configured endpoint';
  }
}


/**
 * Runs one of this module's commands. A model's failure is reported here, with the endpoint to
 * check when nothing answered; whatever the run started (the local model's process) is stopped.
 */
export async function runStoryCommand(command: 'new' | 'generate' | 'stale' | 'write-all', args: Args, argv: string[], signal: AbortSignal): Promise<number> {
  try {
    switch (command) {
      case 'new':
        cmdNew(args);
        return 0;
      case 'generate':
        return await cmdGenerate(args, signal);
      case 'stale':
        return await cmdStale(args, signal);
      default:
        return await cmdWriteAll(args, signal);
    }
  } catch (err) {
    endProgress();
    if (err instanceof ModelError || err instanceof OutputError) {
      process.stderr.write(`dramaturge: ${err.message}\n`);
      // Not after a connection that broke mid-answer: the server was running then.
      if (err instanceof ModelError && (err.kind === 'unreachable' || err.kind === 'timeout')) {
        const url = displayUrl(endpointOf(argv));
        process.stderr.write(`No model answered at ${url}. Is the server running? Set the endpoint with --base-url or OPENAI_BASE_URL.\n`);
      }
      return 3;
    }
    throw err;
  } finally {
    for (const r of running.splice(0)) r.dispose();
  }
}
