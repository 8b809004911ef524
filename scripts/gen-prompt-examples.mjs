// Bundles the editable few-shot examples in prompts/*.md into a TypeScript module, so that tsc
// (tests), esbuild (extension, CLI) and the packaged .vsix all carry them without file I/O.
// Usage: node scripts/gen-prompt-examples.mjs [--check]   (--check exits 1 when out of date)
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED = join(root, 'src/story/prompts/examples.generated.ts');

export function renderExamples() {
  const dir = join(root, 'prompts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const entries = files.map((f) => `  ${JSON.stringify(f.replace(/\.md$/, ''))}: ${JSON.stringify(readFileSync(join(dir, f), 'utf8').trim())},`);
  return [
    '// Generated from prompts/*.md by scripts/gen-prompt-examples.mjs. Edit those files, not this one.',
    'export const EXAMPLES: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

export function generateExamples({ check = false } = {}) {
  const text = renderExamples();
  const current = existsSync(GENERATED) ? readFileSync(GENERATED, 'utf8') : '';
  if (current === text) return true;
  if (check) return false;
  writeFileSync(GENERATED, text);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const ok = generateExamples({ check });
  if (!ok) {
    console.error('src/story/prompts/examples.generated.ts is out of date: run node scripts/gen-prompt-examples.mjs');
    process.exit(1);
  }
}
