// `npm run eval`: writes a whole screenplay (title → characters → beats → places → scenes) for
// each logline in eval/loglines.json with the CLI's own write-all path and model flags, then
// prints Markdown tables of how readable, faithful and varied the answers were. Any provider:
// the built-in local model (DRAMATURGE_MODEL_FILE or --model-file, the default when the test
// model is there) or any OpenAI-compatible endpoint (--base-url, --model, --api-key).
//   npm run eval -- [--loglines file.json] [--json out.json] [--out dir] [--label NAME] [CLI model flags…]
//   npm run eval -- --rescore out.json --out dir    measure a run's saved scripts again (no model)
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { flag, parseArgs } from '../src/cli/options';
import { buildModel, engineOptions } from '../src/cli/modelFlags';
import { renderStory } from '../src/story/fountainStore';
import { readStory } from '../src/story/storyReader';
import { writeAll } from '../src/story/pipeline';
import type { ReplyEvent } from '../src/story/operations';
import type { Level, Story } from '../src/story/schema';
import { emptyStory } from '../src/story/schema';
import { distinctN, headingsMatch, leakedChatter, median, ngramCounts, speakers, spread, strayHeadings } from './metrics';

const ROOT = process.cwd();
const LEVELS: Level[] = ['title', 'characters', 'beats', 'places', 'scenes'];
const levelOf = (l: ReplyEvent['level']): Level => (l === 'scene' ? 'scenes' : (l as Level));

interface LevelStats {
  items: number;
  firstReadable: number;
  firstAsAsked: number;
  resamples: number;
  failures: number;
  warned: number;
  ms: number;
}

interface StoryStats {
  logline: string;
  levels: Record<Level, LevelStats>;
  beats: number;
  scenesWritten: number;
  speakers: number;
  knownSpeakers: number;
  headings: number;
  headingsMatching: number;
  strayHeadings: number;
  trigrams: { total: number; distinct: number };
  bigrams: { total: number; distinct: number };
  distinct2PerScene: number[];
  chatterLines: number;
  scenePromptTokens: number[];
  ms: number;
  /** What was not as asked, even after a resample (the warnings the review would show). */
  warnings: string[];
  error?: string;
}

function emptyLevels(): Record<Level, LevelStats> {
  const out = {} as Record<Level, LevelStats>;
  for (const l of [...LEVELS, 'logline' as Level]) out[l] = { items: 0, firstReadable: 0, firstAsAsked: 0, resamples: 0, failures: 0, warned: 0, ms: 0 };
  return out;
}

async function evalOne(logline: string, args: ReturnType<typeof parseArgs>, model: ReturnType<typeof buildModel>): Promise<{ stats: StoryStats; story: Story }> {
  const levels = emptyLevels();
  const replies: ReplyEvent[] = [];
  let current: Level | undefined;
  let levelStart = 0;
  const endLevel = () => {
    if (current) levels[current].ms += performance.now() - levelStart;
  };
  const started = performance.now();
  const controller = new AbortController();
  let story = emptyStory(logline);
  let error: string | undefined;
  const warnings: string[] = [];
  try {
    const result = await writeAll(story, {
      ...engineOptions(args, model, controller.signal),
      onReply: (e) => replies.push(e),
      onProgress: (e) => {
        if (e.type !== 'level') return;
        endLevel();
        current = e.level;
        levelStart = performance.now();
      },
    });
    story = result.story;
    for (const f of result.failures) levels[f.id.split('/')[0] as Level].failures++;
    for (const p of result.proposals) {
      if (!p.warning) continue;
      levels[p.target.level].warned++;
      warnings.push(`${p.label}: ${p.warning}`);
    }
  } catch (err) {
    // A title, character list or beat list that could not be written stops the story there.
    error = err instanceof Error ? err.message : String(err);
    if (current) levels[current].failures++;
  }
  endLevel();
  for (const r of replies) {
    const s = levels[levelOf(r.level)];
    if (r.attempt === 0) {
      s.items++;
      if (r.outcome === 'ok' || r.outcome === 'offTarget') s.firstReadable++;
      if (r.outcome === 'ok') s.firstAsAsked++;
    } else s.resamples++;
  }
  const stats: StoryStats = {
    logline,
    levels,
    scenePromptTokens: replies.filter((r) => r.level === 'scene' && r.attempt === 0).map((r) => r.result.usage.promptTokens),
    ms: performance.now() - started,
    warnings,
    error,
    ...scoreScenes(story),
  };
  return { stats, story };
}

/** The measures of the written script itself: from a story in memory, or one read back from its file. */
function scoreScenes(story: Story): Omit<StoryStats, 'logline' | 'levels' | 'scenePromptTokens' | 'ms' | 'warnings' | 'error'> {
  const matches = headingsMatch(renderStory(story), story.beats);
  const stats = {
    beats: story.beats.length,
    scenesWritten: story.scenes.filter((s) => s.draft.trim()).length,
    speakers: 0,
    knownSpeakers: 0,
    // Headings of unwritten scenes are not counted: the store writes them from the beat.
    headings: 0,
    headingsMatching: 0,
    strayHeadings: 0,
    trigrams: { total: 0, distinct: 0 },
    bigrams: { total: 0, distinct: 0 },
    distinct2PerScene: [] as number[],
    chatterLines: 0,
  };
  story.scenes.forEach((scene, i) => {
    if (!scene.draft.trim()) return;
    stats.headings++;
    const who = speakers(scene.draft, story.characters);
    stats.speakers += who.speakers.length;
    stats.knownSpeakers += who.known.length;
    const stray = strayHeadings(scene.draft).length;
    stats.strayHeadings += stray;
    if (matches[i] && stray === 0) stats.headingsMatching++;
    const tri = ngramCounts(scene.draft, 3);
    const bi = ngramCounts(scene.draft, 2);
    stats.trigrams.total += tri.total;
    stats.trigrams.distinct += tri.distinct;
    stats.bigrams.total += bi.total;
    stats.bigrams.distinct += bi.distinct;
    stats.distinct2PerScene.push(distinctN(scene.draft, 2));
    stats.chatterLines += leakedChatter(scene.draft).length;
  });
  return stats;
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((a / b) * 100)}%`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function levelTable(all: StoryStats[]): string[] {
  const rows = ['| level | items | readable on the 1st try | as asked on the 1st try | resamples | failures | not as asked after a resample | wall time |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  const total: LevelStats = { items: 0, firstReadable: 0, firstAsAsked: 0, resamples: 0, failures: 0, warned: 0, ms: 0 };
  for (const level of LEVELS) {
    const s = all.reduce<LevelStats>((acc, st) => {
      const l = st.levels[level];
      return { items: acc.items + l.items, firstReadable: acc.firstReadable + l.firstReadable, firstAsAsked: acc.firstAsAsked + l.firstAsAsked, resamples: acc.resamples + l.resamples, failures: acc.failures + l.failures, warned: acc.warned + l.warned, ms: acc.ms + l.ms };
    }, { ...total, items: 0, firstReadable: 0, firstAsAsked: 0, resamples: 0, failures: 0, warned: 0, ms: 0 });
    for (const k of Object.keys(total) as (keyof LevelStats)[]) total[k] += s[k];
    rows.push(`| ${level} | ${s.items} | ${s.firstReadable}/${s.items} (${pct(s.firstReadable, s.items)}) | ${s.firstAsAsked}/${s.items} (${pct(s.firstAsAsked, s.items)}) | ${s.resamples} | ${s.failures} | ${s.warned} | ${secs(s.ms)} |`);
  }
  const t = total;
  rows.push(`| **all** | ${t.items} | ${t.firstReadable}/${t.items} (${pct(t.firstReadable, t.items)}) | ${t.firstAsAsked}/${t.items} (${pct(t.firstAsAsked, t.items)}) | ${t.resamples} | ${t.failures} | ${t.warned} | ${secs(all.reduce((a, s) => a + s.ms, 0))} |`);
  return rows;
}

function sceneTable(all: StoryStats[]): string[] {
  const rows = [
    '| story | beats covered by a scene | speakers in the character list | headings match the beat\'s place | repeated 3-grams | distinct-2 (median scene) | chatter, fence or prompt-echo lines | prompt tokens per scene (min–max) | wall time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const row = (name: string, s: StoryStats[]) => {
    const sum = (f: (x: StoryStats) => number) => s.reduce((a, x) => a + f(x), 0);
    const tri = { total: sum((x) => x.trigrams.total), distinct: sum((x) => x.trigrams.distinct) };
    const tokens = s.flatMap((x) => x.scenePromptTokens);
    const d2 = s.flatMap((x) => x.distinct2PerScene);
    const stray = sum((x) => x.strayHeadings);
    rows.push(
      `| ${name} | ${sum((x) => x.scenesWritten)}/${sum((x) => x.beats)} | ${sum((x) => x.knownSpeakers)}/${sum((x) => x.speakers)} (${pct(sum((x) => x.knownSpeakers), sum((x) => x.speakers))}) | ${sum((x) => x.headingsMatching)}/${sum((x) => x.headings)}${stray ? ` (${stray} stray in bodies)` : ''} | ${tri.total ? `${((1 - tri.distinct / tri.total) * 100).toFixed(1)}%` : '–'} | ${d2.length ? median(d2).toFixed(2) : '–'} | ${sum((x) => x.chatterLines)} | ${tokens.length ? `${Math.min(...tokens)}–${Math.max(...tokens)} (spread ${(spread(tokens) * 100).toFixed(0)}%)` : '–'} | ${secs(sum((x) => x.ms))} |`,
    );
  };
  all.forEach((s, i) => row(`${i + 1}`, [s]));
  row('**all**', all);
  return rows;
}

function report(title: string, all: StoryStats[], outDir: string): void {
  const lines = [title, '', ...levelTable(all), '', ...sceneTable(all)];
  console.log(lines.join('\n'));
  writeFileSync(join(outDir, 'table.md'), lines.join('\n') + '\n');
}

/**
 * `--rescore run.json --out dir`: the tables of an earlier run again, its scripts (dir/story-N.fountain)
 * measured anew with the current metrics; the levels, prompt tokens and times are the run's own.
 */
function rescore(args: ReturnType<typeof parseArgs>, file: string): number {
  const outDir = flag(args, '--out') ?? join(ROOT, '.eval');
  const runs = JSON.parse(readFileSync(file, 'utf8')) as StoryStats[];
  const all = runs.map((run, i) => ({ ...run, ...scoreScenes(readStory(readFileSync(join(outDir, `story-${i + 1}.fountain`), 'utf8'))) }));
  report(`Eval of ${file}, rescored from ${outDir}`, all, outDir);
  writeFileSync(file, JSON.stringify(all, null, 2));
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--loglines', '--json', '--out', '--label', '--rescore']);
  const again = flag(args, '--rescore');
  if (again) return rescore(args, again);
  if (!flag(args, '--base-url') && !process.env.OPENAI_BASE_URL && !flag(args, '--model-file') && !process.env.DRAMATURGE_MODEL_FILE) {
    const bundled = join(ROOT, '.models/SmolLM2-135M-Instruct.Q4_1.gguf');
    if (existsSync(bundled)) args.flags.set('--model-file', bundled);
  }
  const loglines = JSON.parse(readFileSync(flag(args, '--loglines') ?? join(ROOT, 'eval/loglines.json'), 'utf8')) as string[];
  const running: { dispose(): void }[] = [];
  const model = buildModel(args, join(ROOT, 'dist/localRuntime.mjs'), (r) => running.push(r));
  const outDir = flag(args, '--out') ?? join(ROOT, '.eval');
  mkdirSync(outDir, { recursive: true });
  const all: StoryStats[] = [];
  try {
    for (const [i, logline] of loglines.entries()) {
      process.stderr.write(`eval: story ${i + 1}/${loglines.length}: ${logline}\n`);
      const { stats, story } = await evalOne(logline, args, model);
      if (stats.error) process.stderr.write(`eval: story ${i + 1} stopped: ${stats.error}\n`);
      writeFileSync(join(outDir, `story-${i + 1}.fountain`), renderStory(story));
      all.push(stats);
    }
  } finally {
    for (const r of running) r.dispose();
  }
  const settings = [...args.flags].map(([k, v]) => (v === true ? k : `${k} ${k === '--model-file' || k === '--out' ? String(v).split('/').pop() : v}`)).join(' ');
  report(`Eval${flag(args, '--label') ? ` (${flag(args, '--label')})` : ''}: ${model.label}; ${loglines.length} loglines; ${settings || 'defaults'}; ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, Node ${process.version}`, all, outDir);
  const json = flag(args, '--json');
  if (json) writeFileSync(json, JSON.stringify(all, null, 2));
  return 0;
}

void main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
