// `npm run bench` (when the test model is present): the built-in local model through Dramaturge
// (child process + IPC + ChatModel) against node-llama-cpp alone in this process, same model,
// prompt, token budget, seed and threads, alternating runs (which one goes first alternates too,
// so a change in the machine's load hits both alike). Reports medians. Both sides are timed the
// same way: load includes a one-token reply (the child's first request), the first token is the
// first text that reaches the caller, and tokens are counted by the context sequence's meter.
// DRAMATURGE_LOCAL_THREADS sets the threads (default: llama.cpp's choice), BENCH_RUNS the runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChatMessage, ChatModel } from '../src/llm/chatModel';
import { createLocalModel } from '../src/llm/local/createLocalModel';
import { scenePrompt, sceneContext } from '../src/story/prompts';
import { readStory } from '../src/story/storyReader';
import { median } from './stats';

const ROOT = process.cwd();
const MODEL = process.env.DRAMATURGE_MODEL_FILE || join(ROOT, '.models/SmolLM2-135M-Instruct.Q4_1.gguf');
const THREADS = Number(process.env.DRAMATURGE_LOCAL_THREADS) || 0;
const TOKENS = 96;
const RUNS = Number(process.env.BENCH_RUNS) || 5;

interface Run {
  loadMs: number;
  ttftMs: number;
  tokensPerSecond: number;
}

/** A scene prompt from the sample screenplay: what the writer's "Generate Scene" sends. */
function messages(): ChatMessage[] {
  const story = readStory(readFileSync(join(ROOT, 'test/fixtures/ws/brick-and-steel.fountain'), 'utf8'));
  return scenePrompt(sceneContext(story, Math.min(1, story.beats.length - 1))).messages;
}

async function alone(msgs: ChatMessage[]): Promise<Run> {
  const t0 = performance.now();
  const { getLlama, LlamaChat } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath: MODEL });
  const context = await model.createContext({ contextSize: 4096, sequences: 1, ...(THREADS ? { threads: THREADS } : {}) });
  const sequence = context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence });
  const toHistory = (m: ChatMessage[]) => [
    ...m.map((x) => (x.role === 'system' ? { type: 'system' as const, text: x.content } : x.role === 'user' ? { type: 'user' as const, text: x.content } : { type: 'model' as const, response: [x.content] })),
    { type: 'model' as const, response: [] },
  ];
  // The same first request the child answers before it is timed.
  await chat.generateResponse(toHistory([{ role: 'user', content: 'Hi' }]), { maxTokens: 1 });
  const loadMs = performance.now() - t0;
  const before = sequence.tokenMeter.getState().usedOutputTokens;
  const start = performance.now();
  let first = 0;
  await chat.generateResponse(toHistory(msgs), {
    maxTokens: TOKENS,
    temperature: 0.8,
    topP: 0.95,
    seed: 1,
    repeatPenalty: { penalty: 1.1, lastTokens: 64 },
    onTextChunk: () => {
      first ||= performance.now();
    },
  });
  const end = performance.now();
  const tokens = sequence.tokenMeter.getState().usedOutputTokens - before;
  await context.dispose();
  await model.dispose();
  return { loadMs, ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((end - first) / 1000) };
}

interface CancelTimes {
  /** Abort → the caller's stream ends (what the editor's Cancel waits for). */
  cancelMs: number;
  /** Abort → a one-token reply is back: the child stopped decoding and took the next request. */
  cancelThenNextMs: number;
  /** A one-token reply on an idle model, for comparison. */
  oneTokenMs: number;
}

/** Cancels a scene once its fifth piece arrives, as the writer's Cancel would, and times the stop. */
async function cancelMidStream(model: ReturnType<typeof createLocalModel>['model'], msgs: ChatMessage[]): Promise<CancelTimes> {
  const controller = new AbortController();
  const stream = model.stream({ level: 'scene', messages: msgs, maxTokens: 400, temperature: 0.8, topP: 0.95, seed: 2 }, controller.signal);
  stream.result.catch(() => undefined); // rejects with "cancelled", as asked
  let pieces = 0;
  let abortedAt = 0;
  try {
    for await (const _ of stream) {
      if (++pieces === 5) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
  } catch {
    // cancelled, as asked
  }
  const cancelMs = performance.now() - abortedAt;
  if (!abortedAt) throw new Error('the scene ended before five pieces arrived: nothing to cancel');
  await oneTokenReply(model);
  const cancelThenNextMs = performance.now() - abortedAt;
  const t0 = performance.now();
  await oneTokenReply(model);
  return { cancelMs, cancelThenNextMs, oneTokenMs: performance.now() - t0 };
}

/**
 * A one-token reply, to time the child's answer. One token is back either way: a reply whose one
 * token is blank is refused as cut off (seed-dependent), which still means the child answered.
 */
async function oneTokenReply(model: ChatModel): Promise<void> {
  await model.complete({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 1 }).catch((err: { kind?: string }) => {
    if (err.kind !== 'truncated') throw err;
  });
}

async function throughDramaturge(msgs: ChatMessage[]): Promise<Run & CancelTimes & { peakRssMb: number; loopP99Ms: number }> {
  const { runtime, model } = createLocalModel({ modelPath: MODEL, workerPath: join(ROOT, 'dist/localRuntime.mjs'), sequences: 1, threads: THREADS, contextSize: 4096, idleUnloadMs: 0 });
  try {
    const t0 = performance.now();
    await oneTokenReply(model);
    const loadMs = performance.now() - t0;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    let first = 0;
    const stream = model.stream({ level: 'scene', messages: msgs, maxTokens: TOKENS, temperature: 0.8, topP: 0.95, seed: 1 });
    for await (const _ of stream) first ||= performance.now();
    const end = performance.now();
    loop.disable();
    const { usage } = await stream.result;
    const cancel = await cancelMidStream(model, msgs);
    const status = readFileSync(`/proc/${runtime.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      loadMs,
      ttftMs: first - start,
      tokensPerSecond: (usage.completionTokens - 1) / ((end - first) / 1000),
      peakRssMb: peakKb / 1024,
      loopP99Ms: loop.percentile(99) / 1e6,
      ...cancel,
    };
  } finally {
    runtime.dispose();
  }
}

export async function benchLocalModel(): Promise<void> {
  const msgs = messages();
  const a: Run[] = [];
  const d: Awaited<ReturnType<typeof throughDramaturge>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      d.push(await throughDramaturge(msgs));
      a.push(await alone(msgs));
    } else {
      a.push(await alone(msgs));
      d.push(await throughDramaturge(msgs));
    }
  }
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const tpsD = median(d.map((r) => r.tokensPerSecond));
  const tpsA = median(a.map((r) => r.tokensPerSecond));
  console.log(`\nLocal model (${MODEL.split('/').pop()}, ${THREADS || 'auto'} thread(s), ${TOKENS} tokens of a scene, ${RUNS} runs each, medians)`);
  console.log('| | Dramaturge (child process) | node-llama-cpp alone | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| tokens/s | ${f(tpsD, 1)} | ${f(tpsA, 1)} | ${f((tpsD / tpsA) * 100)}% (target ≥ 90%) |`);
  console.log(`| time to first token | ${f(median(d.map((r) => r.ttftMs)))} ms | ${f(median(a.map((r) => r.ttftMs)))} ms | |`);
  console.log(`| load (process start + model + a 1-token reply) | ${f(median(d.map((r) => r.loadMs)))} ms | ${f(median(a.map((r) => r.loadMs)))} ms (in process) | |`);
  console.log(`| child process peak memory (VmHWM) | ${f(median(d.map((r) => r.peakRssMb)))} MB | | |`);
  console.log(`| parent event-loop delay p99 while the scene streams | ${f(median(d.map((r) => r.loopP99Ms)), 1)} ms (target ≤ 50 ms) | | |`);
  console.log(`| Cancel mid-scene → the stream ends | ${f(median(d.map((r) => r.cancelMs)), 1)} ms (target ≤ 200 ms) | | |`);
  console.log(`| Cancel mid-scene → the next one-token reply is back | ${f(median(d.map((r) => r.cancelThenNextMs)))} ms (target ≤ 200 ms) | | |`);
  console.log(`| a one-token reply on an idle model | ${f(median(d.map((r) => r.oneTokenMs)))} ms | | |`);
  console.log(`Runs, tokens/s: Dramaturge ${d.map((r) => f(r.tokensPerSecond, 1)).join(', ')}; alone ${a.map((r) => f(r.tokensPerSecond, 1)).join(', ')}. Load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs.`);
}

void benchLocalModel().catch((err) => {
  console.error(err);
  process.exit(1);
});
