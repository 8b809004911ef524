// `npm run test:electron`: the same extension-host suite as the code-server e2e run, in a desktop VS Code
// that @vscode/test-electron downloads (so it needs internet; offline, use `npm run test:e2e`).
// Run `npm run build && npx tsc -p .` first: the development extension loads dist/, the suite out/.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

// Compiled to out/test/electron/run.js, three levels below the repository root.
const root = path.resolve(__dirname, '../../..');

function forwardedEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('DRAMATURGE_') && e[1] !== undefined),
  );
}

async function main(): Promise<void> {
  // Tests may edit the workspace; give them a copy so the fixtures in git stay as they are.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dramaturge-ws-'));
  fs.cpSync(path.join(root, 'test/fixtures/ws'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/suite/index'),
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: forwardedEnvironment(),
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('extension-host tests failed:', err);
  process.exit(1);
});
