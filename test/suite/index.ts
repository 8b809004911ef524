// Entry point that the extension host loads as extensionTestsPath (code-server's smoke-test driver and
// @vscode/test-electron both call its exported run()). It runs every compiled out/test/suite/**/*.test.js
// with mocha's BDD ui. DRAMATURGE_TEST_GREP narrows the run to matching test titles, so one suite can be
// re-run quickly. The last line it prints, `dramaturge suite: N passed, M failed, P pending`, is what the
// e2e harness counts.
import * as fs from 'fs';
import * as path from 'path';
import { runMocha } from '../support/extensionHostMocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

export function run(): Promise<void> {
  return runMocha(testFiles(__dirname), process.env.DRAMATURGE_TEST_GREP);
}
