// `npm run eval [-- flags]`: builds (the local runtime's child process lives in dist/), bundles
// eval/main.ts like the benches, and runs it. Flags go through to eval/main.ts (see its header).
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
await esbuild.build({ entryPoints: ['eval/main.ts'], bundle: true, platform: 'node', target: 'node22', outfile: '.eval/main.js', external: ['node-llama-cpp'], logLevel: 'warning' });
execFileSync(process.execPath, ['.eval/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
