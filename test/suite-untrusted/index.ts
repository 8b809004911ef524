// Entry point (extensionTestsPath) for the untrusted-workspace e2e part: runs only the compiled
// out/test/suite-untrusted/*.test.js. These tests need a window VS Code itself treats as untrusted, so
// they live apart from test/suite (whose index never sees this folder) and are started by run.sh's
// `untrusted` part only. Prints the same `dramaturge suite: N passed, M failed, P pending` summary line
// that test/e2e/ext-tests.js counts.
import * as fs from 'fs';
import * as path from 'path';
import { runMocha } from '../support/extensionHostMocha';

export function run(): Promise<void> {
  const files = fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort();
  return runMocha(files.map((name) => path.join(__dirname, name)));
}
