import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real GGUF the local-model tests run against: DRAMATURGE_MODEL_FILE, else the one
 * `scripts/fetch-model.sh` puts in `.models/` (npm test fetches it first). A missing model is a
 * failure with the fix in its message, never a skipped test.
 */
export const ROOT = resolve(__dirname, '../../..');
export const WORKER = join(ROOT, 'dist/localRuntime.mjs');

export function localModelFile(): string {
  const file = testGgufFile();
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first.`);
  return file;
}

/** The same GGUF, for tests that only read its bytes (no runtime needed). */
export function testGgufFile(): string {
  const file = process.env.DRAMATURGE_MODEL_FILE || join(ROOT, '.models/SmolLM2-135M-Instruct.Q4_1.gguf');
  if (!existsSync(file)) throw new Error(`No local model at ${file}: run \`bash scripts/fetch-model.sh\` (npm test does it for you).`);
  return file;
}

/** CPU threads for the tests' runtime: DRAMATURGE_LOCAL_THREADS, else llama.cpp's own choice. */
export function localThreads(): number {
  const n = Number(process.env.DRAMATURGE_LOCAL_THREADS);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
