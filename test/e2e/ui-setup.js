// Browser-level look at getting started, against the packaged extension: the walkthrough opens
// with its three steps; "Dramaturge: Set Endpoint URL…" checks what is typed in its input box and
// saves a good URL in this machine's settings; "Dramaturge: Choose Local Model…" lists its models with
// size, memory, licence and source, downloads the tiny one from a slow Hub stand-in with progress,
// and its Cancel keeps what arrived so that the next download resumes; and a title that comes back
// too long (twice) is proposed with its warning visible above the proposal. Screenshots:
// SHOT_DIR/ui-walkthrough.png, SHOT_DIR/ui-endpoint-url.png, SHOT_DIR/ui-choose-local-model.png,
// SHOT_DIR/ui-download-progress.png, SHOT_DIR/ui-download-cancelled.png, SHOT_DIR/ui-answer-warning.png.
// Env: CS_BASE, WS_FOLDER, USER_SETTINGS (the server's user settings.json), SHOT_DIR.
// Prints `ui-setup: N passed, M failed`.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { launch, describeScreen, describeError } = require('./browser');

const BASE = process.env.CS_BASE;
const WS = process.env.WS_FOLDER;
const SETTINGS = process.env.USER_SETTINGS;
const SHOT_DIR = process.env.SHOT_DIR || path.resolve(__dirname, '../../test-results');
const SCRIPT = 'outline.fountain';
const LONG_TITLE = 'The Long and Winding Night of the Lighthouse Keeper Who Counted Every Step';

const results = [];
function check(name, ok, info = '') {
  results.push(Boolean(ok));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${info ? ' — ' + info : ''}`);
}

/** The fake model server as its own process, answering every request with a too-long title. */
function startModelServer() {
  const scriptFile = path.join(path.dirname(SETTINGS), 'fake-model-setup-script.json');
  fs.writeFileSync(scriptFile, JSON.stringify({ replies: [], default: { content: `Title: ${LONG_TITLE}\n<end>` } }));
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../out/test/fixtures/fakeModelServer.js'), '--script', scriptFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ url: out.split('\n')[0].trim(), child });
    });
    child.on('exit', (code) => reject(new Error(`fake model server exited with ${code}`)));
  });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function userSettings() {
  return readJson(SETTINGS);
}

/**
 * Where the editor keeps a machine-scoped setting written to the user (global) target: in
 * code-server, whose extension host is "remote", that is the server's Machine settings; in desktop
 * VS Code, the user settings. Either way never a workspace's.
 */
function savedBaseUrl() {
  const machine = path.join(path.dirname(path.dirname(SETTINGS)), 'Machine', 'settings.json');
  return readJson(machine)['dramaturge.model.baseUrl'] ?? userSettings()['dramaturge.model.baseUrl'];
}

async function until(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A slow stand-in for the Hugging Face Hub (test/fixtures/modelFileServer) serving the catalog's
 * tiny model as random bytes, throttled so that there is time to cancel: it is never finished.
 */
async function startHub() {
  const { ModelFileServer } = require('../../out/test/fixtures/modelFileServer.js');
  const { MODEL_CATALOG } = require('../../out/src/llm/local/modelCatalog.js');
  const tiny = MODEL_CATALOG[0];
  const body = crypto.randomBytes(4 << 20);
  const server = await ModelFileServer.start([{ repo: tiny.repo, revision: tiny.revision, file: tiny.file, body }]);
  server.plans.push({ throttle: { chunkBytes: 16384, delayMs: 100 } });
  return { server, tiny, body };
}

async function main() {
  const t0 = Date.now();
  const server = await startModelServer();
  const hub = await startHub();
  const settings = userSettings();
  Object.assign(settings, { 'dramaturge.model.provider': 'custom', 'dramaturge.model.model': 'fake-model', 'dramaturge.local.hubUrl': hub.server.url });
  delete settings['dramaturge.model.baseUrl'];
  fs.writeFileSync(SETTINGS, JSON.stringify(settings, null, 2));

  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  try {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}`);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SCRIPT });
    await row.waitFor({ timeout: 60000 });
    await row.dblclick();
    await page.locator('.monaco-editor .view-lines', { hasText: 'LIGHTHOUSE' }).first().waitFor({ timeout: 30000 });

    // The walkthrough, as a writer finds it: Welcome: Open Walkthrough…
    await runCommand(page, 'Welcome: Open Walkthrough');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Dramaturge' }).first().waitFor({ timeout: 15000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Dramaturge' }).first().click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await page.locator('.gettingStartedContainer', { hasText: 'Choose a model' }).first().waitFor({ timeout: 20000 });
    const stepTitles = await page.evaluate(() => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step .step-title')].map((e) => e.textContent.trim()).filter(Boolean));
    check('walkthrough shows its three steps', ['Choose a model', 'Start from a logline', 'Review a proposal'].every((t) => stepTitles.includes(t)), JSON.stringify(stepTitles));
    check('walkthrough steps are rendered', (await steps.count()) >= 3);
    await page.waitForTimeout(1500); // the step's markdown media renders in its own frame
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-walkthrough.png') });
    await page.locator('.tabs-container .tab', { hasText: SCRIPT }).first().click();

    // Set Endpoint URL: a bad URL is refused while typing; a good one is saved in user settings.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Dramaturge: Set Endpoint URL');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('localhost:11434');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await until(async () => (await message.innerText().catch(() => '')).includes('http://'), 5000);
    const refusal = (await message.innerText().catch(() => '')).trim();
    check('the input box says why a URL without http:// is refused', /http:\/\/ or https:\/\//.test(refusal), refusal);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-endpoint-url.png') });
    await input.fill(server.url);
    // VS Code ignores Enter while the box still shows the last validation error: wait for the new
    // value to be checked (the refusal goes away) before accepting it.
    await until(async () => !(await message.innerText().catch(() => '')).includes('not localhost'), 5000);
    await page.keyboard.press('Enter');
    const saved = await until(() => savedBaseUrl() === server.url, 10000);
    check("the URL is saved in this machine's settings", saved, JSON.stringify(savedBaseUrl()));

    // Choose Local Model…: the short list, each with size, memory, licence and source; closed unchosen.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Dramaturge: Choose Local Model');
    const modelRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'SmolLM2 135M Instruct' }).first();
    const listed = await modelRow.waitFor({ timeout: 15000 }).then(() => true, () => false);
    const rows = listed ? await page.locator('.quick-input-list .monaco-list-row').allInnerTexts() : [];
    const text = rows.join('\n').replace(/\u00a0/g, ' ');
    check('Choose Local Model lists a tiny model first, with size, memory, licence and source', /SmolLM2 135M Instruct[\s\S]*98 MB · needs ~0\.5 GB RAM · tiny[\s\S]*Apache-2\.0 · huggingface\.co\/QuantFactory\/SmolLM2-135M-Instruct-GGUF/.test(rows[0] ?? ''), JSON.stringify(rows[0]));
    check('…then the small and medium models, and Use a GGUF File…', ['Qwen2.5 1.5B Instruct', '1.1 GB', 'Llama 3.2 3B Instruct', '2.0 GB', 'Llama 3.2 Community License', 'Use a GGUF File…'].every((t) => text.includes(t)), JSON.stringify(rows));
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-choose-local-model.png') });

    // Choosing the tiny model downloads it from the Hub (a slow stand-in here) with a progress
    // notification; its Cancel stops the download, says what was kept, and the list then offers to
    // resume. Headless Chromium often has no window focus, and VS Code then holds toasts back, so
    // the notifications are read (and Cancel clicked) in the notification centre.
    await modelRow.click();
    await runCommand(page, 'Notifications: Show Notifications');
    const progress = page.locator('.notifications-center .notification-list-item', { hasText: 'Downloading SmolLM2 135M Instruct' }).first();
    await progress.waitFor({ timeout: 30000 });
    await until(async () => / of /.test(await progress.innerText().catch(() => '')), 30000);
    const partFile = path.join(path.dirname(SETTINGS), 'globalStorage', 'dramaturge.dramaturge', 'models', `${hub.tiny.file}.part`);
    await until(() => fs.existsSync(partFile) && fs.statSync(partFile).size > 0, 30000);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-download-progress.png') });
    await progress.hover();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    const cancelled = page.locator('.notifications-center .notification-list-item', { hasText: `Cancelled the download of ${hub.tiny.file}` }).first();
    const saidCancelled = await cancelled.waitFor({ timeout: 15000 }).then(() => true, () => false);
    const kept = fs.existsSync(partFile) ? fs.statSync(partFile).size : 0;
    const cancelText = saidCancelled ? (await cancelled.innerText()).replace(/\s+/g, ' ') : '';
    check('Cancel in the progress notification stops the download and says what was kept', saidCancelled && /received so far are kept/.test(cancelText) && kept > 0 && kept < hub.body.length, `${cancelText.slice(0, 160)} · .part ${kept} of ${hub.body.length} bytes`);
    const sizeAfterCancel = kept;
    await page.waitForTimeout(1500);
    check('nothing more arrives after Cancel', (fs.existsSync(partFile) ? fs.statSync(partFile).size : 0) === sizeAfterCancel);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Dramaturge: Choose Local Model');
    await modelRow.waitFor({ timeout: 15000 });
    const again = (await modelRow.innerText()).replace(/\u00a0/g, ' ');
    check('the list then says the download resumes where it stopped', /downloaded, resumes/.test(again), again.replace(/\s+/g, ' ').slice(0, 160));
    await page.waitForTimeout(500); // the list's opening animation
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-download-cancelled.png') });
    await page.keyboard.press('Escape');

    // A title still too long after the resample: proposed, with the warning above it.
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Dramaturge: Generate Title');
    const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Not as asked' }).first();
    const shown = await lens.waitFor({ timeout: 30000 }).then(() => true, () => false);
    const lensText = shown ? (await lens.innerText()).replace(/\u00a0/g, ' ') : '';
    check('the warning is visible on the proposal', shown && lensText.includes('the title has 13 words (at most 6 were asked for)'), lensText.slice(0, 200));
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-answer-warning.png') });
    await runCommand(page, 'Dramaturge: Reject All Proposals');
  } catch (e) {
    check('ui setup flow completed', false, describeError(e));
    console.log(`  on screen:\n  ${await describeScreen(page)}`);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-setup-failure.png') }).catch(() => {});
  }
  await browser.close();
  server.child.kill();
  await hub.server.close();
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${SHOT_DIR}/ui-walkthrough.png ${SHOT_DIR}/ui-endpoint-url.png ${SHOT_DIR}/ui-choose-local-model.png ${SHOT_DIR}/ui-answer-warning.png`);
  console.log(`ui-setup e2e took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`ui-setup: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('ui-setup: 0 passed, 1 failed');
  process.exit(2);
});
