import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Repository root, from out/test/support (compiled) or test/support (source). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

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
