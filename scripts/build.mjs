// Bundles the extension and the CLI with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { generateExamples } from './gen-prompt-examples.mjs';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
// The few-shot examples are edited as prompts/*.md and compiled in as a generated module.
generateExamples();
// zod re-exports every locale through its `z` namespace, so nothing can tree-shake them (about
// 250 KB of the bundle). Messages are only ever shown in English, so only `en` is kept.
const englishOnlyZodLocales = {
  name: 'zod-english-locales',
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(require.resolve('zod/v4/locales/en.js'))};`,
      resolveDir: process.cwd(),
    }));
  },
};

// pdfkit's ES build finds its data files through `import.meta.url`, which a CommonJS bundle does
// not have; its CommonJS build uses `__filename` instead.
const pdfkitCommonJs = {
  name: 'pdfkit-commonjs',
  setup(build) {
    build.onResolve({ filter: /^pdfkit$/ }, () => ({ path: require.resolve('pdfkit') }));
  },
};

// fontkit: our code imports its ES build and pdfkit's CommonJS build requires its CommonJS one, so
// both would be bundled and initialised on every export. Everyone gets the CommonJS one.
const oneFontkit = {
  name: 'one-fontkit',
  setup(build) {
    build.onResolve({ filter: /^fontkit$/ }, () => ({ path: require.resolve('fontkit') }));
  },
};

// fontkit needs brotli only to read WOFF2 fonts, which printing never uses (the bundled faces are
// TrueType and `openFace` refuses WOFF2 by name), yet brotli builds its dictionary when loaded:
// about 15 ms of every PDF export.
const noWoff2 = {
  name: 'no-woff2',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({ path: 'brotli-decompress', namespace: 'no-woff2' }));
    build.onLoad({ filter: /.*/, namespace: 'no-woff2' }, () => ({
      contents: `module.exports = () => { throw new Error('WOFF2 fonts cannot be printed with: use the TTF or OTF file.'); };`,
      loader: 'js',
    }));
  },
};

// pdfkit loads AES for encrypted PDFs, which Dramaturge never writes, and builds its tables when
// loaded (about 5 ms of every export); its hash library loads node:crypto at once (about 10 ms),
// only for random bytes, which only encryption asks for. Its hashes stay: the document ID is an
// MD5 computed in JavaScript. node:crypto is still there, loaded on first use.
const noEncryption = {
  name: 'no-encryption',
  setup(build) {
    build.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, () => ({ path: 'aes', namespace: 'no-encryption' }));
    build.onResolve({ filter: /^@noble\/hashes\/crypto(\.js)?$/ }, () => ({ path: 'crypto', namespace: 'no-encryption' }));
    build.onLoad({ filter: /^aes$/, namespace: 'no-encryption' }, () => ({
      contents: `const refuse = () => { throw new Error('Encrypted PDFs are not written.'); }; module.exports = { cbc: refuse, ecb: refuse };`,
      loader: 'js',
    }));
    build.onLoad({ filter: /^crypto$/, namespace: 'no-encryption' }, () => ({
      contents: `Object.defineProperty(exports, 'crypto', { get: () => require('node:crypto').webcrypto });`,
      loader: 'js',
    }));
  },
};

const common = {
  plugins: [englishOnlyZodLocales, pdfkitCommonJs, oneFontkit, noWoff2, noEncryption],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  minify: !watch,
  logLevel: 'warning',
  // node-llama-cpp is ESM-only with native binaries: it is loaded at run time, never bundled.
  external: ['vscode', 'node-llama-cpp'],
};
const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // `dramaturge`: a small launcher that turns on Node's compile cache, then loads the CLI bundle.
  { ...common, entryPoints: ['src/cliLauncher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: [...common.external, './cli-main.js'], sourcemap: false },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli-main.js' },
  // The local model's child process. ESM, so its `import('node-llama-cpp')` stays a real import.
  { ...common, entryPoints: ['src/llm/local/runtimeWorker.ts'], outfile: 'dist/localRuntime.mjs', format: 'esm' },
  // The PDF writer (pdfkit, fontkit), loaded by the extension on the first Export PDF only.
  { ...common, entryPoints: ['src/print/pdf.ts'], outfile: 'dist/print-pdf.js' },
];
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  for (const t of targets) console.log(`${t.outfile}: ${(statSync(t.outfile).size / 1024).toFixed(0)} KB`);
}
