// Browser-level look at word authorship, against the packaged extension: a script whose sidecar
// says scene 1 came from a model (and one word of it was since changed), opened in code-server.
// Runs "Show AI-Written Text" and "Authorship Report" from the palette, opens the Dramaturge view,
// and checks the underlines, the tree's share and the report. Screenshots:
// SHOT_DIR/ui-authorship-editor.png, SHOT_DIR/ui-authorship-report.png.
// Env: CS_BASE, WS_FOLDER, SHOT_DIR. Prints `ui-authorship: N passed, M failed`.
const fs = require('fs');
const path = require('path');
const { launch, describeScreen, describeError } = require('./browser');
const { Authorship, toRecord } = require('../../out/src/provenance');

const BASE = process.env.CS_BASE;
const WS = process.env.WS_FOLDER;
const SHOT_DIR = process.env.SHOT_DIR || path.resolve(__dirname, '../../test-results');
const NAME = 'authorship-ui.fountain';
const ANSWER = 'Nell climbs the stairs, counting each one aloud.\n\nNELL\nForty-two. The lamp is dark again.';
const SCRIPT = `Title: The Last Lamp\nLogline: A retired keeper must relight the lamp before the storm.\n\n# Act One\n\nINT. LIGHTHOUSE - NIGHT\n\n= Nell finds the lamp dark.\n\n${ANSWER}\n\nEXT. CLIFF - DAY\n\n= Nell meets the storm.\n\nRain. Nell holds the rail.\n`;

const results = [];
function check(name, ok, info = '') {
  results.push(Boolean(ok));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${info ? ' — ' + info : ''}`);
}

/** The script and a version 2 sidecar: the model wrote scene 1's draft; "dark" became "darker" since. */
function writeScript() {
  const start = SCRIPT.indexOf(ANSWER);
  const authorship = Authorship.writer(SCRIPT.length).attributeModel(start, { model: 'llama3.2', at: '2026-11-30T21:14:00.000Z', promptHash: '5e1f0c2a9b7d4e31', seed: 7, item: 'scenes/0', text: ANSWER });
  const at = SCRIPT.indexOf('dark again') + 'dark'.length;
  const edited = SCRIPT.slice(0, at) + 'er' + SCRIPT.slice(at);
  const after = authorship.edit({ start: at, end: at, text: 'er' });
  fs.writeFileSync(path.join(WS, NAME), edited);
  fs.writeFileSync(path.join(WS, `${NAME}.dramaturge.json`), JSON.stringify({ version: 2, items: [], authorship: toRecord(edited, after, []) }, null, 2));
}

async function palette(page, command) {
  await page.keyboard.press('F1');
  // Keys typed before the palette has focus would land in the script.
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(command);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

async function main() {
  const t0 = Date.now();
  writeScript();
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  try {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}`);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${NAME.replace('.', '\\.')}$`) }).first();
    await row.waitFor({ timeout: 60000 });
    await row.dblclick();
    await page.locator('.monaco-editor .view-lines', { hasText: 'LIGHTHOUSE' }).first().waitFor({ timeout: 30000 });
    await page.locator('.activitybar .action-item a[aria-label^="Dramaturge"], .activitybar .action-item[aria-label^="Dramaturge"]').first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await palette(page, 'Dramaturge: Show AI-Written Text');
    const underlined = page.locator('.monaco-editor .view-overlays [class*="ced-"], .monaco-editor .view-lines [class*="ced-"]');
    await underlined.first().waitFor({ timeout: 15000 }).catch(() => {});
    check('model words are underlined', (await underlined.count()) > 0, `${await underlined.count()} decorated spans`);
    const sceneRow = page.locator('.sidebar .monaco-list-row', { hasText: 'INT. LIGHTHOUSE - NIGHT' }).first();
    await page.waitForFunction(() => [...document.querySelectorAll('.sidebar .monaco-list-row')].some((r) => /AI \d+%/.test(r.textContent || '')), null, { timeout: 15000 }).catch(() => {});
    const rowText = (await sceneRow.textContent().catch(() => '')) || '';
    // 17 words, 16 of them verbatim ("darker" was changed by the writer).
    check('the tree shows the scene\'s share of model words', rowText.includes('AI 94%'), JSON.stringify(rowText));
    // Hover a model word for its provenance.
    await page.locator('.monaco-editor .view-line', { hasText: 'counting each one aloud' }).first().locator('span', { hasText: 'counting' }).first().hover().catch(() => {});
    const hover = page.locator('.monaco-hover', { hasText: 'Prompt hash' });
    const hovered = await hover.first().waitFor({ timeout: 8000 }).then(() => true, () => false);
    check('hover names the model and prompt hash', hovered && (await hover.first().textContent()).includes('llama3.2'));
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-authorship-editor.png') });

    await page.mouse.move(5, 400);
    await page.locator('.monaco-editor .view-lines').first().click();
    await palette(page, 'Dramaturge: Authorship Report');
    const report = page.locator('.monaco-editor .view-lines', { hasText: 'Authorship report' });
    const shown = await report.first().waitFor({ timeout: 15000 }).then(() => true, () => false);
    check('the report opens beside the script', shown);
    await page.waitForTimeout(1500); // the Markdown preview renders
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-authorship-report.png') });
  } catch (e) {
    check('ui authorship flow completed', false, describeError(e));
    console.log(`  on screen:\n  ${await describeScreen(page)}`);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-authorship-failure.png') }).catch(() => {});
  }
  await browser.close();
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${SHOT_DIR}/ui-authorship-editor.png ${SHOT_DIR}/ui-authorship-report.png`);
  console.log(`ui-authorship e2e took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`ui-authorship: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log('ui-authorship: 0 passed, 1 failed');
  process.exit(2);
});
