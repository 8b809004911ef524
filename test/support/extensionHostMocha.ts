import Mocha from 'mocha';

/**
 * Runs the given compiled test files with mocha inside the extension host and prints the line the
 * e2e harness counts: `dramaturge suite: N passed, M failed, P pending`.
 */
export function runMocha(files: readonly string[], grep?: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, ...(grep ? { grep } : {}) });
  for (const file of files) mocha.addFile(file);
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
