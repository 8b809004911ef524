// Browser-level e2e of generation against the packaged extension (the .vsix installed into code-server)
// and a fake model server (the story responder, run here as a child process): from the command palette,
// "New Screenplay from Logline" (type the logline, accept the proposed title through its CodeLens), then
// "Generate Characters"; screenshots of the inline diff and of the side-by-side diff; Accept through the
// CodeLens; the saved file must hold exactly the title, the logline and the character bible. Then a title
// cut off at the token limit: an error notification, no proposal, the file unchanged.
// Env: CS_BASE, WS_FOLDER, SETTINGS (the server's user settings.json), SHOT_DIR. Prints `ui-generation: N passed, M failed`.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { launch, describeScreen, describeError } = require('./browser');

const ROOT = path.resolve(__dirname, '../..');
const BASE = process.env.CS_BASE;
const WS = process.env.WS_FOLDER;
const SETTINGS = process.env.SETTINGS;
const SHOT_DIR = process.env.SHOT_DIR || path.join(ROOT, 'test-results');
const RESPONDER = path.join(ROOT, 'out/test/fixtures/story/storyResponder.js');
const LOGLINE = 'A radio operator hears her missing brother in the static.';
const FILE = 'a-radio-operator-hears-her.fountain';
const CHARACTERS = [
  '[[MARA QUILL (Mara): A radio operator who hears voices in static and writes them down.]]',
  '[[JONAH BEST (Jonah, Best): Motel owner; keeps every guest book since 1971.]]',
  '[[DR. ISA KHAN (Isa): A geologist mapping a lake that should not exist.]]',
  '[[WES: A teenager who fixes trucks and lies about his age.]]',
];
const EXPECTED = `Title: Static Lake\nLogline: ${LOGLINE}\n\n# Characters\n\n${CHARACTERS.join('\n\n')}\n`;

const results = [];
function check(name, ok, info = '') {
  results.push(Boolean(ok));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${info ? ' — ' + info : ''}`);
}

/** The story responder as a standalone OpenAI-compatible server; resolves its base URL. */
function startModelServer() {
  const child = spawn(process.execPath, [RESPONDER, '--scenes', '3', '--latency', '300'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the fake model server printed no URL')), 20000);
    child.on('exit', (code) => reject(new Error(`the fake model server exited (${code})`)));
    child.stdout.on('data', (b) => {
      out += b;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ url: line.trim(), child });
      }
    });
  });
}

/** User settings are read when the workbench loads: point the extension at the fake model first. */
function useModel(url) {
  const settings = JSON.parse(fs.readFileSync(SETTINGS, 'utf8'));
  Object.assign(settings, {
    'dramaturge.model.provider': 'custom',
    'dramaturge.model.baseUrl': url,
    'dramaturge.model.model': 'fake-small',
    'editor.codeLens': true,
    // What the fake server gives (four characters, three beats): the answer checks find nothing off,
    // so no warning lens joins the row this script reads. ui-setup.js shows a warning on purpose.
    'dramaturge.generation.characterCount': 4,
    'dramaturge.generation.structure': 'Setup, Confrontation, Resolution',
  });
  fs.writeFileSync(SETTINGS, JSON.stringify(settings, null, 2));
}

/** Runs a palette command; retries while the extension host is still starting (slow machines). */
async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 20000 });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** The CodeLens link with exactly this text (Monaco renders each command as an <a> in .codelens-decoration). */
function codeLens(page, text) {
  return page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
}

/** The proposed-lines widgets (comment threads of the review), each as its list of lines. */
function widgetTexts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .review-widget')].map((w) =>
      [...w.querySelectorAll('.comment-body')].flatMap((b) => b.innerText.replace(/\u00a0/g, ' ').split('\n')).filter((l) => l.trim() !== ''),
    ),
  );
}

async function waitForWidgets(page, predicate, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const widgets = await widgetTexts(page);
    if (predicate(widgets) || Date.now() > deadline) return widgets;
    await page.waitForTimeout(200);
  }
}

/** A block's own Accept or Reject, in the header of its entry in a widget. */
function blockAction(page, label, nth = 0) {
  return page.locator('.monaco-editor .review-widget .action-label', { hasText: new RegExp(`^${label}$`) }).nth(nth);
}

/** Puts the cursor at the start of the saved file's first line holding `text` (Ctrl+G). */
async function goToLine(page, file, text) {
  const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.waitForFunction((want) => (document.getElementById('status.editor.selection')?.textContent || '').includes(`Ln ${want},`), line, { timeout: 10000 }).catch(() => {});
}

async function lensTexts(page) {
  return page.locator('.monaco-editor .codelens-decoration a').allTextContents();
}

/** The CodeLens row follows a proposal's widget by a CodeLens refresh: wait until it shows `title`. */
async function lensShown(page, title) {
  await page
    .waitForFunction((want) => [...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((a) => a.textContent === want), title, { timeout: 20000 })
    .catch(() => {});
}

/**
 * The review as a writer meets it: a beat list (accept one beat with its own Accept, then the rest),
 * a proposed scene, and a rewritten paragraph (Reject: the file stays as it was). Screenshots of each.
 */
async function reviewFlows(page, file, shot) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand(page, 'Dramaturge: Generate Beats');
  const beatWidgets = await waitForWidgets(page, (ws) => ws.flat().filter((l) => l.startsWith('= Beat ')).length === 3);
  const beatLines = beatWidgets.flat();
  const entries = await page.locator('.monaco-editor .review-widget .review-comment').count();
  check(
    'the beats are three entries of one widget at the insertion point, each line its own line (section, heading, beat)',
    entries === 3 && beatLines.filter((l) => l.startsWith('# ')).length === 3 && beatLines.filter((l) => /^(INT|EXT)\. /.test(l)).length === 3,
    `${entries} entries: ${JSON.stringify(beatWidgets).slice(0, 400)}`,
  );
  check('each beat has its own Accept and Reject', (await blockAction(page, 'Accept', 2).count()) === 1 && (await blockAction(page, 'Reject', 2).count()) === 1);
  await lensShown(page, 'Accept all 3');
  check('the proposal has one CodeLens row: Accept all 3, Reject all 3, Side by side', JSON.stringify(await lensTexts(page)) === JSON.stringify(['Accept all 3', 'Reject all 3', 'Side by side · Beats']), JSON.stringify(await lensTexts(page)));
  check('nothing is written before Accept (beats)', !fs.readFileSync(file, 'utf8').includes('= Beat 1'));
  await shot('ui-review-beats.png');
  await blockAction(page, 'Accept', 0).click();
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('Beat 1:'), null, { timeout: 20000 }).catch(() => {});
  await lensShown(page, 'Accept all 2');
  const afterOne = await lensTexts(page);
  check('after accepting the first beat alone, the lens says Accept all 2', afterOne.includes('Accept all 2') && !afterOne.includes('Accept all 3'), JSON.stringify(afterOne));
  await runCommand(page, 'Dramaturge: Accept All Proposals');
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('Beat 3:'), null, { timeout: 20000 }).catch(() => {});
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
  const withBeats = await waitForFile(file, (t) => t.includes('Beat 3:'), 20000);
  const sections = (withBeats || '').split('\n').filter((l) => l.startsWith('# '));
  check('every beat is in the file exactly once, under its own section', [1, 2, 3].every((n) => withBeats.split(`= Beat ${n}:`).length === 2) && new Set(sections).size === sections.length, JSON.stringify(sections));

  // A proposed scene: put the cursor on the first beat and generate its scene.
  await goToLine(page, file, '= Beat 1:');
  await runCommand(page, 'Dramaturge: Generate Scene at Cursor');
  const sceneWidgets = await waitForWidgets(page, (ws) => ws.flat().some((l) => l.includes('turns the dial')) && ws.length === 1, 60000);
  const sceneLines = sceneWidgets.flat();
  check('the proposed scene is drawn line by line: action, cue, parenthetical, dialogue', ['(quietly)', "You heard that too. Don't pretend you didn't."].every((l) => sceneLines.includes(l)) && sceneLines.some((l) => l.startsWith('Wind drags salt')), JSON.stringify(sceneLines).slice(0, 400));
  // The lens row follows the widget by a CodeLens refresh: wait for it, so the screenshot shows what the writer sees.
  await lensShown(page, 'Accept');
  check('the scene\'s lens row offers Accept once it is written', (await lensTexts(page)).includes('Accept'), JSON.stringify(await lensTexts(page)));
  await shot('ui-review-scene.png');
  await runCommand(page, 'Dramaturge: Accept All Proposals');
  await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('turns the dial'), null, { timeout: 20000 }).catch(() => {});
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
  const withScene = await waitForFile(file, (t) => t.includes('turns the dial'), 20000);
  check('the accepted scene is saved', (withScene || '').includes('(quietly)'));

  // A rewritten paragraph: select the scene's first action paragraph and rewrite it.
  await goToLine(page, file, 'Wind drags salt');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'Dramaturge: Rewrite Selection');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.waitForTimeout(300);
  await page.keyboard.type('make it eerier');
  await page.keyboard.press('Enter');
  const rewriteWidgets = await waitForWidgets(page, (ws) => ws.flat().some((l) => l.startsWith('Salt hisses')), 60000);
  await blockAction(page, 'Reject', 0).waitFor({ timeout: 20000 });
  const struck = await page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-line span')].some((s) => getComputedStyle(s).textDecorationLine.includes('line-through') && s.textContent.includes('Wind')));
  check('a rewritten paragraph shows the old text struck through, then the new lines below it', struck && rewriteWidgets.flat().includes('Say it again. Slower.'), JSON.stringify(rewriteWidgets).slice(0, 300));
  await shot('ui-review-rewrite.png');
  const beforeReject = fs.readFileSync(file, 'utf8');
  await blockAction(page, 'Reject', 0).click().catch(() => runCommand(page, 'Dramaturge: Reject All Proposals'));
  await page.waitForTimeout(800);
  check('Reject removes the proposal and leaves the file byte-identical', (await widgetTexts(page)).length === 0 && fs.readFileSync(file, 'utf8') === beforeReject);
}

function editorText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
      .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );
}

async function waitForFile(file, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if ((text !== undefined && predicate(text)) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
}

let modelServer;

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  const { url, child } = await startModelServer();
  modelServer = child;
  console.log(`fake model server: ${url}`);
  useModel(url);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const shot = async (name) => {
    const file = path.join(SHOT_DIR, name);
    await page.screenshot({ path: file }).catch((e) => console.log(`screenshot failed: ${e.message}`));
    console.log(`screenshot: ${file}`);
  };
  const file = path.join(WS, FILE);
  try {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}`);
    // Open a script first: that activates the extension, so its commands and model settings are live.
    const sample = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sample.fountain' });
    await sample.waitFor({ timeout: 60000 });
    await sample.dblclick();
    await page.waitForFunction(() => (document.getElementById('status.editor.mode')?.textContent || '').includes('Fountain'), null, { timeout: 60000 });

    // New Screenplay from Logline: the palette, then the logline in the input box.
    await runCommand(page, 'Dramaturge: New Screenplay from Logline');
    // The palette row has the same words: wait for the input box's own prompt before typing.
    await page.locator('.quick-input-widget', { hasText: 'The story in one or two sentences' }).waitFor({ timeout: 20000 });
    await page.waitForTimeout(300);
    await page.keyboard.type(LOGLINE);
    await page.waitForFunction((want) => document.querySelector('.quick-input-widget input')?.value === want, LOGLINE, { timeout: 10000 });
    await page.keyboard.press('Enter');
    const created = await waitForFile(file, (t) => t.length > 0, 30000);
    check('the new script holds the logline', created === `Logline: ${LOGLINE}\n`, JSON.stringify(created));
    await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ timeout: 30000 });

    // The title arrives as a proposal: accept it through its CodeLens.
    await codeLens(page, 'Accept').waitFor({ timeout: 60000 });
    await codeLens(page, 'Accept').click();
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('Title: Static Lake'), null, { timeout: 20000 }).catch(() => {});
    check('the accepted title is in the editor', (await editorText(page)).includes('Title: Static Lake'));

    // Generate Characters: the proposal shows inline, with Accept | Reject over its block.
    await page.locator('.monaco-editor .view-lines').first().click();
    const diskBefore = fs.readFileSync(file, 'utf8');
    await runCommand(page, 'Dramaturge: Generate Characters');
    await codeLens(page, 'Side by side').waitFor({ timeout: 60000 });
    await codeLens(page, 'Accept').waitFor({ timeout: 10000 });
    const lenses = await page.locator('.monaco-editor .codelens-decoration a').allTextContents();
    check('CodeLens offers Accept, Reject and Side by side', ['Accept', 'Reject'].every((t) => lenses.includes(t)) && lenses.some((t) => t.startsWith('Side by side')), JSON.stringify(lenses));
    // The proposed lines are drawn in a widget under the insertion point, each on a line of its own.
    const charLines = (await waitForWidgets(page, (ws) => ws.some((w) => w.includes('MARA QUILL')))).flat();
    check('the proposed characters are drawn line by line', CHARACTERS.every((c) => charLines.includes(c)), JSON.stringify(charLines).slice(0, 300));
    // The inserted text is drawn, not written: the document still has its three lines (title, logline, end).
    const lineNumbers = await page.locator('.monaco-editor .margin-view-overlays .line-numbers').allTextContents();
    check('nothing is written before Accept', lineNumbers.length === 3 && fs.readFileSync(file, 'utf8') === diskBefore, `lines ${JSON.stringify(lineNumbers)}`);
    await shot('ui-generation-inline-diff.png');

    // Side by side: vscode.diff of the script against the proposal.
    await codeLens(page, 'Side by side').click();
    const diff = page.locator('.monaco-diff-editor');
    await diff.waitFor({ timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.monaco-diff-editor .editor.modified .view-lines')?.textContent.includes('MARA QUILL'), null, { timeout: 20000 }).catch(() => {});
    const modified = await page.locator('.monaco-diff-editor .editor.modified .view-lines').first().textContent().catch(() => '');
    check('the side-by-side diff shows the proposal', (modified || '').replace(/\u00a0/g, ' ').includes('[[MARA QUILL (Mara)'), (modified || '').slice(0, 120));
    const tabTitle = await page.locator('.tabs-container .tab.active').first().textContent();
    check('the diff tab names the proposal', /Proposal/.test(tabTitle || ''), tabTitle);
    await shot('ui-generation-side-by-side.png');

    // Back to the script; Accept through the CodeLens; save.
    await page.keyboard.press('Control+W');
    await diff.waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
    await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
    await codeLens(page, 'Accept').waitFor({ timeout: 20000 });
    await codeLens(page, 'Accept').click();
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('# Characters'), null, { timeout: 20000 }).catch(() => {});
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    const saved = await waitForFile(file, (t) => t.includes('# Characters'), 20000);
    check('after Accept and save, the file holds exactly the title, logline and characters', saved === EXPECTED, JSON.stringify(saved));
    const lensesAfter = await page.locator('.monaco-editor .codelens-decoration a').allTextContents();
    check('no proposal is left open', !lensesAfter.includes('Accept'), JSON.stringify(lensesAfter));
    await shot('ui-generation-accepted.png');

    await reviewFlows(page, file, shot);

    const activationFailed = consoleLines.filter((l) => /Activating extension .*dramaturge.* failed/i.test(l));
    check('extension activated without errors', activationFailed.length === 0, activationFailed.join(' | '));
  } catch (e) {
    check('ui generation flow completed', false, describeError(e));
    console.log(`  on screen:\n  ${await describeScreen(page)}`);
    // What the model was asked (the screen, notifications included, is described above): enough to
    // tell a setup problem from a bug.
    const asked = await fetch(url.replace(/\/v1$/, '/__requests')).then((r) => r.json()).catch(() => []);
    console.log(`model requests: ${JSON.stringify(asked.map((r) => r.path))}`);
    await shot('ui-generation-failure.png');
  }
  await browser.close();
  child.kill();
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`ui-generation e2e took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`ui-generation: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  modelServer?.kill();
  console.log('ui-generation: 0 passed, 1 failed');
  process.exit(2);
});
