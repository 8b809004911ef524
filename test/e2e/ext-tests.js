// Runs the mocha suite inside code-server's extension host, the way @vscode/test-electron's runTests does
// for desktop VS Code. The server must run with `--vscode-option enable-smoke-test-driver`, otherwise the
// workbench silently ignores the `payload` below. Mocha's output arrives through window.codeAutomationLog,
// the exit code through window.codeAutomationExit.
//
// Env: CS_BASE (server URL), WS_FOLDER, EXT_DEV_PATH, EXT_TESTS_PATH, TEST_TIMEOUT_MS; every DRAMATURGE_*
// variable is forwarded to the extension host (extensionEnvironment).
// Prints `ext-host: N passed, M failed` counted from the summary line test/suite/index.ts prints.
const util = require('util');
const { launch } = require('./browser');

const BASE = process.env.CS_BASE;
const WS = process.env.WS_FOLDER;
const DEV = process.env.EXT_DEV_PATH;
const TESTS = process.env.EXT_TESTS_PATH;
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 1200000);
// code-server's remote authority is the page's own host:port.
const AUTHORITY = new URL(BASE).host;
// Workbench chatter that says nothing about the tests.
const NOISE = /Creating a socket|connection token|AgentHost|AccountPolicy|Service Worker|builtin extensions cache|grace time|open-vsx\.org|vsda|authentication provider 'github'/;
const SUMMARY = /^dramaturge suite: (\d+) passed, (\d+) failed/;

function forwardedEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DRAMATURGE_')));
}

async function main() {
  const t0 = Date.now();
  const browser = await launch();
  const page = await browser.newPage();
  let summary = null;
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = util.format(...(args || []));
    if (NOISE.test(text)) return;
    console.log(text);
    const m = SUMMARY.exec(text.trim());
    if (m) summary = { passed: +m[1], failed: +m[2] };
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${AUTHORITY}${DEV}`],
    ['extensionTestsPath', `vscode-remote://${AUTHORITY}${TESTS}`],
    ['extensionEnvironment', JSON.stringify(forwardedEnvironment())],
  ]);
  await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(payload)}`);
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  await browser.close();
  console.log(`extension-host tests: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  // No summary means the suite never got to report (load error, crash, timeout): count that as one failure.
  const counts = summary || { passed: 0, failed: 1 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`ext-host: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(code === 0 && counts.failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('ext-host: 0 passed, 1 failed');
  process.exit(2);
});
