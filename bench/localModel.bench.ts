// `npm run bench` (when the test model is present): the built-in local model through Dramaturge
// (child process + IPC + ChatModel) against node-llama-cpp alone in this process, same model,
// prompt, token budget, seed and threads, alternating runs. Reports medians.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChatMessage } from '../src/llm/chatModel';
import { createLocalModel } from '../src/llm/local/createLocalModel';
import { scenePrompt, sceneContext } from '../src/story/prompts';
import { readStory } from '../src/story/storyReader';

const ROOT = process.cwd();
const MODEL = process.env.DRAMATURGE_MODEL_FILE || join(ROOT, '.models/SmolLM2-135M-Instruct.Q4_1.gguf');
const THREADS = Number(process.env.DRAMATURGE_LOCAL_THREADS) || 0;
const TOKENS = 96;
const RUNS = Number(process.env.BENCH_RUNS) || 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
  const chat = new LlamaChat({ contextSequence: context.getSequence() });
  const loadMs = performance.now() - t0;
  const history = [
    ...msgs.map((m) => (m.role === 'system' ? { type: 'system' as const, text: m.content } : m.role === 'user' ? { type: 'user' as const, text: m.content } : { type: 'model' as const, response: [m.content] })),
    { type: 'model' as const, response: [] },
  ];
  const start = performance.now();
  let first = 0;
  let tokens = 0;
  await chat.generateResponse(history, {
    maxTokens: TOKENS,
    temperature: 0.8,
    topP: 0.95,
    seed: 1,
    repeatPenalty: { penalty: 1.1, lastTokens: 64 },
    onToken: (t) => {
      first ||= performance.now();
      tokens += t.length;
    },
  });
  const end = performance.now();
  await context.dispose();
  await model.dispose();
  return { loadMs, ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((end - first) / 1000) };
}

async function throughDramaturge(msgs: ChatMessage[]): Promise<Run & { peakRssMb: number; loopP99Ms: number }> {
  const { runtime, model } = createLocalModel({ modelPath: MODEL, workerPath: join(ROOT, 'dist/localRuntime.mjs'), sequences: 1, threads: THREADS, contextSize: 4096, idleUnloadMs: 0 });
  try {
    const t0 = performance.now();
    await model.complete({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 1 });
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
    const status = readFileSync(`/proc/${runtime.pid}/status`, 'utf8');
    const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return {
      loadMs,
      ttftMs: first - start,
      tokensPerSecond: (usage.completionTokens - 1) / ((end - first) / 1000),
      peakRssMb: peakKb / 1024,
      loopP99Ms: loop.percentile(99) / 1e6,
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
    d.push(await throughDramaturge(msgs));
    a.push(await alone(msgs));
  }
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const tpsD = median(d.map((r) => r.tokensPerSecond));
  const tpsA = median(a.map((r) => r.tokensPerSecond));
  console.log(`\nLocal model (${MODEL.split('/').pop()}, ${THREADS || 'auto'} thread(s), ${TOKENS} tokens of a scene, ${RUNS} runs each, medians)`);
  console.log('| | Dramaturge (child process) | node-llama-cpp alone | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| tokens/s | ${f(tpsD, 1)} | ${f(tpsA, 1)} | ${f((tpsD / tpsA) * 100)}% (target ≥ 90%) |`);
  console.log(`| time to first token | ${f(median(d.map((r) => r.ttftMs)))} ms | ${f(median(a.map((r) => r.ttftMs)))} ms | |`);
  console.log(`| load (process start + model) | ${f(median(d.map((r) => r.loadMs)))} ms | ${f(median(a.map((r) => r.loadMs)))} ms (in process) | |`);
  console.log(`| child process peak memory (VmHWM) | ${f(median(d.map((r) => r.peakRssMb)))} MB | | |`);
  console.log(`| parent event-loop delay p99 while the scene streams | ${f(median(d.map((r) => r.loopP99Ms)), 1)} ms (target ≤ 50 ms) | | |`);
}

void benchLocalModel().catch((err) => {
  console.error(err);
  process.exit(1);
});
