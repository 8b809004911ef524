// Entry point that the extension host loads as extensionTestsPath (code-server's smoke-test driver and
// @vscode/test-electron both call its exported run()). It runs every compiled out/test/suite/**/*.test.js
// with mocha's BDD ui. DRAMATURGE_TEST_GREP narrows the run to matching test titles, so one suite can be
// re-run quickly. The last line it prints, `dramaturge suite: N passed, M failed, P pending`, is what the
// e2e harness counts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

export function run(): Promise<void> {
  const grep = process.env.DRAMATURGE_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, ...(grep ? { grep } : {}) });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
        console.log(`dramaturge suite: ${passes} passed, ${failures} failed, ${pending} pending`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws while loading never reaches the callback above; still report a summary.
      console.error(err);
      console.log('dramaturge suite: 0 passed, 1 failed, 0 pending');
      reject(err);
    }
  });
}
