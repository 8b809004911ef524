// Entry point (extensionTestsPath) for the untrusted-workspace e2e part: runs only the compiled
// out/test/suite-untrusted/*.test.js. These tests need a window VS Code itself treats as untrusted, so
// they live apart from test/suite (whose index never sees this folder) and are started by run.sh's
// `untrusted` part only. Prints the same `dramaturge suite: N passed, M failed, P pending` summary line
// that test/e2e/ext-tests.js counts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false });
  for (const name of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, name));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
        console.log(`dramaturge suite: ${passes} passed, ${failures} failed, ${pending} pending`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log('dramaturge suite: 0 passed, 1 failed, 0 pending');
      reject(err);
    }
  });
}
