// Bundles the extension and the CLI with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';
import { generateExamples } from './gen-prompt-examples.mjs';

const watch = process.argv.includes('--watch');
// The few-shot examples are edited as prompts/*.md and compiled in as a generated module.
generateExamples();
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  minify: !watch,
  logLevel: 'warning',
  external: ['vscode'],
};
const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  for (const t of targets) console.log(`${t.outfile}: ${(statSync(t.outfile).size / 1024).toFixed(0)} KB`);
}
