import { statSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runParserBench } from './parser.bench';
import { runOutlineBench } from './outline.bench';
import { runLinearTimeBench } from './linearTime.bench';
import { runPreviewBench } from './preview.bench';
import { runPdfBench } from './pdf.bench';
import { printTable } from './stats';
import { repoRoot } from '../test/support/corpus';

async function main(): Promise<void> {
  const figures: Record<string, number> = { ...runParserBench(), ...runOutlineBench(), ...runLinearTimeBench(), ...runPreviewBench(), ...(await runPdfBench()) };
  const bundle = path.join(repoRoot, 'dist/extension.js');
  const size = statSync(bundle).size;
  figures.bundle_kb = size / 1024;
  printTable('Bundle', ['file', 'size', 'target'], [['dist/extension.js', `${(size / 1024).toFixed(0)} KB`, '≤ 1024 KB']]);
  console.log(`\nNode ${process.version} on ${process.platform}/${process.arch}`);
  mkdirSync(path.join(repoRoot, '.bench'), { recursive: true });
  writeFileSync(path.join(repoRoot, '.bench/figures.json'), JSON.stringify(figures, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
