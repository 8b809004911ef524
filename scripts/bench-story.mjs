// Story engine benchmark: a 24-scene screenplay against the fake OpenAI-compatible server with a
// fixed latency per request. Reports (1) wall time of "write the whole screenplay" at concurrency
// 6 against sequential (target ≤ 0.3×) and (2) prompt tokens of each scene's request against the
// scene's index (target: flat — context does not grow with the script).
// Usage: node scripts/bench-story.mjs [--latency MS] [--scenes N] [--json out.json]
// Needs the tsc output (out/); compiles it when missing.
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const LATENCY = Number(arg('--latency', 100));
const SCENES = Number(arg('--scenes', 24));

if (!existsSync(join(root, 'out/test/fixtures/story/storyResponder.js'))) {
  execSync('npx tsc -p .', { cwd: root, stdio: 'inherit' });
}
const require = createRequire(import.meta.url);
const { FakeModelServer } = require(join(root, 'out/test/fixtures/fakeModelServer.js'));
const { storyResponder } = require(join(root, 'out/test/fixtures/story/storyResponder.js'));
const { OpenAIChatModel } = require(join(root, 'out/src/llm/openaiChatModel.js'));
const { writeAll, emptyStory, renderStory } = require(join(root, 'out/src/story/index.js'));
const { scenePrompt, sceneContext } = require(join(root, 'out/src/story/prompts/index.js'));
const { FountainDocument } = require(join(root, 'out/src/fountain/index.js'));

const LOGLINE = 'A radio operator on the salt flats hears her missing brother in the static and must decode it before the lake returns.';

async function run(concurrency) {
  const server = await FakeModelServer.start();
  server.respondWith(storyResponder({ scenes: SCENES, latencyMs: LATENCY }));
  const model = new OpenAIChatModel({ provider: 'custom', baseUrl: server.url, model: 'fake-small', retry: { maxRetries: 0 } });
  const started = performance.now();
  const result = await writeAll(emptyStory(LOGLINE), { model, concurrency });
  const ms = performance.now() - started;
  const scenes = FountainDocument.parse(renderStory(result.story)).outline.allScenes.length;
  const tokens = [];
  for (const req of server.chatRequests()) {
    const messages = req.body?.messages ?? [];
    const last = String(messages[messages.length - 1]?.content ?? '');
    const m = /^Beat: Beat (\d+):/m.exec(last.slice(last.lastIndexOf('---')));
    if (!m) continue;
    // The fake server's own estimate (characters / 4), the same it reports as usage.prompt_tokens.
    tokens[Number(m[1]) - 1] = Math.ceil(JSON.stringify(messages).length / 4);
  }
  // Regenerating a scene once the script exists also sends the previous scene's last lines.
  const regenerate = result.story.beats.map((_, k) => Math.ceil(JSON.stringify(scenePrompt(sceneContext(result.story, k)).messages).length / 4));
  await server.close();
  if (result.failures.length) throw new Error(`failures: ${result.failures.map((f) => f.id).join(', ')}`);
  return { ms, scenes, requests: server.chatRequests().length, tokens, regenerate };
}

const sequential = await run(1);
const parallel = await run(6);
const ratio = parallel.ms / sequential.ms;
// Scene 1 has no previous scene, so it carries no closing lines: flatness is judged from scene 2 on.
const t = sequential.tokens;
const p = parallel.tokens;
const r = sequential.regenerate;
const min = Math.min(...t.slice(1), ...r.slice(1));
const max = Math.max(...t.slice(1), ...r.slice(1));
const spread = (Math.max(...t.slice(1)) - Math.min(...t.slice(1))) / Math.min(...t.slice(1));
const spreadRegen = (Math.max(...r.slice(1)) - Math.min(...r.slice(1))) / Math.min(...r.slice(1));

console.log(`\nStory engine · ${SCENES}-scene screenplay · fake server latency ${LATENCY} ms/request`);
console.log('| run            | requests | scenes | wall time |');
console.log('|----------------|---------:|-------:|----------:|');
console.log(`| sequential     | ${String(sequential.requests).padStart(8)} | ${String(sequential.scenes).padStart(6)} | ${(sequential.ms / 1000).toFixed(2).padStart(7)} s |`);
console.log(`| concurrency 6  | ${String(parallel.requests).padStart(8)} | ${String(parallel.scenes).padStart(6)} | ${(parallel.ms / 1000).toFixed(2).padStart(7)} s |`);
console.log(`concurrency 6 / sequential = ${ratio.toFixed(2)}× (target ≤ 0.30×) ${ratio <= 0.3 ? 'PASS' : 'FAIL'}`);
console.log('\nPrompt tokens per scene. At concurrency 6 the scenes are drafted in 6 runs of consecutive scenes;');
console.log('the first scene of each run has no fresh closing lines before it, so its prompt is shorter.');
console.log('| scene | write-all, sequential | write-all, concurrency 6 | regenerate one scene |');
console.log('|------:|----------------------:|-------------------------:|---------------------:|');
t.forEach((n, i) => console.log(`| ${String(i + 1).padStart(5)} | ${String(n).padStart(21)} | ${String(p[i]).padStart(24)} | ${String(r[i]).padStart(20)} |`));
console.log(`prompt tokens per scene (scenes 2+): write-all spread ${(spread * 100).toFixed(1)}%, regenerate spread ${(spreadRegen * 100).toFixed(1)}%, range ${min}–${max} (target: flat, ≤ 10%) ${Math.max(spread, spreadRegen) <= 0.1 ? 'PASS' : 'FAIL'}`);

const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify({ latencyMs: LATENCY, scenes: SCENES, sequentialMs: sequential.ms, parallelMs: parallel.ms, ratio, promptTokensPerScene: t, promptTokensPerSceneParallel: p, promptTokensPerSceneRegenerate: r }, null, 2));
if (ratio > 0.3 || spread > 0.1 || spreadRegen > 0.1 || sequential.scenes !== SCENES || parallel.scenes !== SCENES) process.exitCode = 1;
