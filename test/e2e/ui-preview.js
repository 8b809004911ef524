// The paged preview as a writer uses it, against the packaged extension: open a script, run
// "Dramaturge: Open Preview to the Side" from the palette, see white pages with the script's text,
// check that a hostile line (`<img src=x onerror=…>`) shows as text and runs nothing, click a line
// in the preview and see the editor's cursor jump there, then close the preview and reopen it
// from the editor-title button; before that, Export PDF… from the palette through the save dialog.
// Screenshots: SHOT_DIR/ui-preview.png, SHOT_DIR/ui-preview-jump.png, SHOT_DIR/ui-export-pdf.png.
// Env: CS_BASE, WS_FOLDER, SHOT_DIR. Prints `ui-preview: N passed, M failed`.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { launch, describeScreen, describeError } = require('./browser');

const BASE = process.env.CS_BASE;
const WS = process.env.WS_FOLDER;
const SHOT_DIR = process.env.SHOT_DIR || path.resolve(__dirname, '../../test-results');
const SCRIPT = 'preview-hostile.fountain';
const HOSTILE = '<img src=x onerror="window.parent.postMessage(\'pwned\',\'*\');document.title=\'pwned\'">';
const JUMP_TO = 'INT. TRAILER HOME - DAY';

const results = [];
function check(name, ok, info = '') {
  results.push(Boolean(ok));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${info ? ' — ' + info : ''}`);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

/** The webview's inner frame: the one whose document has our pages. */
async function previewFrame(page, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.evaluate(() => document.querySelectorAll('#pages .page').length > 0)) return frame;
      } catch {
        // a frame that is navigating or cross-origin-blocked: not ours yet
      }
    }
    await page.waitForTimeout(250);
  }
  return undefined;
}

async function main() {
  const t0 = Date.now();
  const brick = fs.readFileSync(path.resolve(__dirname, '../fixtures/corpus/brick-and-steel.fountain'), 'utf8');
  const text = brick.replace("EXT. BRICK'S PATIO - DAY\n", `EXT. BRICK'S PATIO - DAY\n\n${HOSTILE}\n`);
  fs.writeFileSync(path.join(WS, SCRIPT), text);
  const jumpLine = text.split('\n').findIndex((l) => l.startsWith(JUMP_TO)) + 1; // 1-based, as the status bar says

  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  try {
    await page.goto(`${BASE}/?folder=${encodeURIComponent(WS)}`);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SCRIPT });
    await row.waitFor({ timeout: 60000 });
    await row.dblclick();
    await page.locator('.monaco-editor .view-lines', { hasText: 'PATIO' }).first().waitFor({ timeout: 30000 });

    // Into the script, as a writer does before reaching for the palette: with the focus left in the
    // explorer, the palette does not offer editor commands (`editorLangId` is the focused editor's).
    await page.locator('.monaco-editor .view-lines', { hasText: 'PATIO' }).first().click();
    await runCommand(page, 'Dramaturge: Open Preview to the Side');
    const frame = await previewFrame(page);
    check('the preview opens from the palette and shows pages', frame);
    if (!frame) throw new Error('no preview frame');
    await page.waitForTimeout(1000);
    const info = await frame.evaluate(() => {
      const pages = [...document.querySelectorAll('#pages .page')];
      const style = getComputedStyle(pages[1]);
      return {
        pages: pages.length,
        background: style.backgroundColor,
        font: style.fontFamily,
        texts: [...document.querySelectorAll('.line')].map((l) => l.textContent),
        // the hostile line wraps: its printed pieces, by source line
        hostile: (() => {
          const lines = [...document.querySelectorAll('.line')];
          const source = lines.find((l) => l.textContent.includes('onerror'))?.getAttribute('data-line');
          return lines.filter((l) => l.getAttribute('data-line') === source).map((l) => l.textContent).join('');
        })(),
        imgs: document.querySelectorAll('img').length,
        title: document.title,
      };
    });
    check('title page and body pages', info.pages >= 3, `${info.pages} pages`);
    check('white paper in Courier', info.background === 'rgb(255, 255, 255)' && /courier/i.test(info.font), `${info.background} ${info.font}`);
    check('the script text is on the pages', info.texts.includes("EXT. BRICK'S PATIO - DAY") && info.texts.includes('BRICK & STEEL'), info.texts.slice(0, 6).join(' | '));
    check('page numbers from page 2', info.texts.includes('2.'));
    check('the hostile line shows as text', info.hostile.replace(/\s/g, '').includes(HOSTILE.replace(/\s/g, '')), info.hostile);
    check('and runs nothing: no img element, no dialog, title untouched', info.imgs === 0 && dialogs.length === 0 && info.title !== 'pwned', JSON.stringify({ imgs: info.imgs, dialogs, title: info.title }));
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-preview.png') });

    const target = frame.locator('.line', { hasText: JUMP_TO }).first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    const status = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    let ln = '';
    for (let i = 0; i < 40 && !ln.includes(`Ln ${jumpLine},`); i++) {
      await page.waitForTimeout(250);
      ln = (await status.textContent().catch(() => '')) || '';
    }
    check('a click on a preview line moves the cursor to that line', ln.includes(`Ln ${jumpLine}, Col 1`), `${ln.trim()} (want Ln ${jumpLine})`);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-preview-jump.png') });

    // Export PDF from the palette: the save dialog offers the script's name with .pdf beside it;
    // Enter writes it, a notification says how many pages, and the file has them (pdfinfo).
    const pdfPath = path.join(WS, SCRIPT.replace(/\.fountain$/, '.pdf'));
    fs.rmSync(pdfPath, { force: true });
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'Dramaturge: Export PDF…');
    const saveBox = page.locator('.quick-input-widget input');
    await page.waitForFunction(() => /\.pdf$/.test(document.querySelector('.quick-input-widget input')?.value || ''), undefined, { timeout: 15000 });
    const offered = await saveBox.inputValue();
    check('Export PDF… offers the script\'s name as .pdf beside it', offered.endsWith('/preview-hostile.pdf'), offered);
    await page.keyboard.press('Enter');
    // Headless Chromium often has no window focus, and VS Code then keeps toasts back: read the
    // notification centre instead, where every notification is listed.
    await runCommand(page, 'Notifications: Show Notifications');
    const toast = page.locator('.notifications-center .notification-list-item', { hasText: /Exported \d+ pages? to preview-hostile\.pdf/ }).first();
    await toast.waitFor({ timeout: 60000 });
    const said = (await toast.innerText()).replace(/\s+/g, ' ');
    const bodyPages = Number(/Exported (\d+) page/.exec(said)?.[1]);
    const pdfPages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1]);
    check('the notification says how many pages, and the PDF has them and the title page', bodyPages >= 2 && pdfPages === bodyPages + 1, `${said.slice(0, 80)} / pdfinfo ${pdfPages}`);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    check('the exported text includes the hostile line as text', pdfText.replace(/\s/g, '').includes('onerror='), '');
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-export-pdf.png') });

    // Close the preview, then reopen it from the editor title's button.
    await page.locator('.tab', { hasText: `Preview ${SCRIPT}` }).first().click();
    await page.keyboard.press('Control+W');
    await page.locator('.tab', { hasText: `Preview ${SCRIPT}` }).waitFor({ state: 'detached', timeout: 10000 });
    await page.locator('.tab', { hasText: SCRIPT }).first().click();
    await page.locator('.editor-actions [aria-label^="Open Preview to the Side"]').first().click();
    check('the editor-title button opens the preview', await previewFrame(page, 20000));
  } catch (error) {
    check('preview UI run', false, describeError(error));
    console.log(`  on screen:\n  ${await describeScreen(page)}`);
    await page.screenshot({ path: path.join(SHOT_DIR, 'ui-preview-failure.png') }).catch(() => {});
  } finally {
    await browser.close();
    fs.rmSync(path.join(WS, SCRIPT), { force: true });
    fs.rmSync(path.join(WS, SCRIPT.replace(/\.fountain$/, '.pdf')), { force: true });
  }
  const passed = results.filter(Boolean).length;
  console.log(`ui-preview took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`ui-preview: ${passed} passed, ${results.length - passed} failed`);
}

main().catch((error) => {
  console.error(error);
  console.log('ui-preview: 0 passed, 1 failed');
});
