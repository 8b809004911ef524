import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Repository root: the nearest folder above this file (compiled, bundled or not) with the corpus. */
export const repoRoot = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'test/fixtures/corpus'))) return dir;
  }
  throw new Error(`test/fixtures/corpus not found above ${from}`);
}

export function corpusFile(name: string): string {
  return readFileSync(path.join(repoRoot, 'test/fixtures/corpus', name), 'utf8');
}

/** big-fish with its body repeated `times` times (×8 ≈ 1.1 MB), the benchmark's scale. */
export function bigFish(times: number): string {
  const text = corpusFile('big-fish.fountain');
  const lines = text.split('\n');
  const bodyStart = lines.findIndex((l) => /^(INT|EXT)/.test(l));
  const head = lines.slice(0, bodyStart).join('\n');
  const body = lines.slice(bodyStart).join('\n');
  return head + '\n' + Array.from({ length: times }, () => body).join('\n\n');
}
