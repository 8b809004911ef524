// `npm run package:platforms`: one .vsix per platform (`vsce package --target …`), each carrying the
// built-in local model's runtime: node-llama-cpp, its production dependencies and only that platform's
// prebuilt llama.cpp binaries. The universal `npm run package` carries none of them (there, provider
// "local" says that it needs the platform build).
// A platform is built only when its binaries are installed in node_modules (npm installs the ones for
// the machine it runs on); the others are listed as skipped. Targets named on the command line
// (`node scripts/package-platforms.mjs linux-x64`) limit the build to them: `npm start` builds its own.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
/** vsce target → the @node-llama-cpp package with that platform's CPU build. */
const TARGETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-armhf': 'linux-armv7l',
  'darwin-arm64': 'mac-arm64-metal',
  'darwin-x64': 'mac-x64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

// node-llama-cpp and everything it needs at run time (its `dependencies`, transitively, resolved the
// way Node resolves them: the package's own node_modules first, then the hoisted one), as folders.
function closure(name, from = root, seen = new Map()) {
  let dir = join(from, 'node_modules', name);
  if (!existsSync(dir)) dir = join(root, 'node_modules', name);
  if (!existsSync(dir) || seen.has(dir)) return seen;
  seen.set(dir, relative(root, dir));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) closure(dep, dir, seen);
  return seen;
}
const tree = [...closure('node-llama-cpp').values()];
const base = readFileSync('.vscodeignore', 'utf8');

const wanted = process.argv.slice(2);
let built = 0;
for (const [target, binaries] of Object.entries(TARGETS)) {
  if (wanted.length && !wanted.includes(target)) continue;
  const binDir = `node_modules/@node-llama-cpp/${binaries}`;
  if (!existsSync(binDir)) {
    console.log(`${target}: skipped (${binDir} is not installed on this machine)`);
    continue;
  }
  const ignore = join(root, `.vscodeignore.${target}`);
  writeFileSync(
    ignore,
    [base, '!dist/localRuntime.mjs', ...[...new Set(tree)].map((dir) => `!${dir}/**`), `!${binDir}/**`, ''].join('\n'),
  );
  const out = `dist/dramaturge-${target}.vsix`;
  try {
    execFileSync('npx', ['vsce', 'package', '--target', target, '--allow-missing-repository', '--no-rewrite-relative-links', '--ignoreFile', ignore, '-o', out], { stdio: 'inherit' });
  } finally {
    rmSync(ignore, { force: true });
  }
  console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
  built++;
}
if (!built) {
  console.error('No platform binaries of node-llama-cpp are installed; run npm ci first.');
  process.exit(1);
}
