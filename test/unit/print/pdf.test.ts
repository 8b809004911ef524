import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FountainDocument } from '../../../src/fountain';
import type { Layout } from '../../../src/print';
import { bundledFontsDir, PrintCancelled, renderPdf, writeFileAtomic } from '../../../src/print/pdf';
import { corpusFile, repoRoot } from '../../support/corpus';
import { textOf } from './helpers';

const SCRIPT = [
  'Title: The *Lamp*',
  'Author: Ann Lee',
  'Draft date: 1 May 2026',
  '',
  'INT. LIGHTHOUSE - NIGHT',
  '',
  'Elena climbs the **stairs**.',
  '',
  'ELENA',
  '(quietly)',
  'Сколько ступенек? Καλημέρα.',
  '',
  'BRICK',
  'Short.',
  '',
  'STEEL ^',
  'Longer answer here.',
  '',
  'CUT TO:',
  '',
  'EXT. 海 - DAY',
  '',
  '漢字 on the wall.',
].join('\n');

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
}

/** Words per page as poppler reads them, positions in inches. */
function bboxWords(file: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]) / 72,
        yMin: Number(m[2]) / 72,
        xMax: Number(m[3]) / 72,
        text: m[4].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      }))
      // Reading order is poppler's guess (it reads dual dialogue column by column): sort by position.
      .sort((a, b) => Math.round((a.yMin - b.yMin) * 72) || a.xMin - b.xMin),
    );
}

/** The words the layout put on each page, top to bottom and left to right, as poppler orders them. */
function layoutWords(layout: Layout): string[][] {
  const pages = layout.titlePage ? [layout.titlePage, ...layout.pages] : layout.pages;
  return pages.map((p) =>
    [...p.lines]
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .flatMap((l) => textOf(l).split(/\s+/))
      .filter((w) => w !== ''),
  );
}

function info(file: string): Map<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return new Map(out.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
}

function assertFontsEmbeddedAndSubset(file: string): string[] {
  const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row, /\s+yes\s+yes\s+yes\s+/, `not embedded and subset: ${row}`);
  return rows.map((r) => r.split(/\s+/)[0]);
}

function qpdfCheck(file: string): void {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
}

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 0.02, `${what}: ${actual.toFixed(3)} in, expected ${expected} ± 0.02`);

describe('PDF export, read back with poppler and qpdf', function () {
  this.timeout(120_000);
  const fontsDir = bundledFontsDir(repoRoot);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'dramaturge-pdf-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every element at its indent (±0.02 in), with metadata, embedded subset fonts, Cyrillic, Greek and CJK intact', async () => {
    const doc = FountainDocument.parse(SCRIPT);
    const result = await renderPdf(doc, { fontsDir });
    const file = path.join(dir, 'lamp.pdf');
    writeFileSync(file, result.bytes);
    qpdfCheck(file);
    const meta = info(file);
    assert.equal(meta.get('Pages'), '2');
    assert.equal(meta.get('Title'), 'The Lamp');
    assert.equal(meta.get('Author'), 'Ann Lee');
    assert.match(meta.get('Page size')!, /^612 x 792 pts/);
    const fonts = assertFontsEmbeddedAndSubset(file);
    assert.ok(fonts.some((f) => /LiberationMono$/.test(f)) && fonts.some((f) => /LiberationMono-Bold$/.test(f)), fonts.join(', '));
    assert.ok(fonts.some((f) => /Droid/.test(f)), `a CJK fallback font is embedded: ${fonts.join(', ')}`);
    assert.deepEqual(result.warnings, []);

    const words = bboxWords(file);
    assert.deepEqual(words.map((p) => p.map((w) => w.text)), layoutWords(result.layout));
    const at = (text: string) => words[1].find((w) => w.text === text)!;
    near(at('INT.').xMin, 1.5, 'scene heading');
    near(at('Elena').xMin, 1.5, 'action');
    near(at('ELENA').xMin, 3.7, 'cue');
    near(at('(quietly)').xMin, 3.0, 'parenthetical');
    near(at('Сколько').xMin, 2.5, 'dialogue');
    near(at('BRICK').xMin, 2.5, 'left dual cue');
    near(at('STEEL').xMin, 5.6, 'right dual cue');
    near(at('TO:').xMax, 7.5, 'transition, flush right');
    near(at('INT.').yMin, 1.0, 'first line, 1 in from the top');
    near(at('Elena').yMin, 1 + 2 / 6, 'third row');
    near(words[0].find((w) => w.text === 'Lamp')!.yMin, 1 + 17 / 6, 'title row');

    const text = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Сколько ступенек\? Καλημέρα\./);
    assert.match(text, /EXT\. 海 - DAY/);
    assert.match(text, /漢字 on the wall\./);
  });

  it('Big Fish: the page count, the text of every page and the numbers "N." match the layout', async () => {
    const doc = FountainDocument.parse(corpusFile('big-fish.fountain'));
    const result = await renderPdf(doc, { fontsDir });
    const file = path.join(dir, 'big-fish.pdf');
    writeFileSync(file, result.bytes);
    qpdfCheck(file);
    assertFontsEmbeddedAndSubset(file);
    assert.equal(Number(info(file).get('Pages')), result.layout.pages.length + 1);
    const words = bboxWords(file);
    assert.deepEqual(words.map((p) => p.map((w) => w.text)), layoutWords(result.layout));
    for (let i = 2; i < words.length; i++) {
      const number = words[i].find((w) => w.text === `${i}.`);
      assert.ok(number, `page ${i} has its number`);
      near(number.xMax, 7.5, `page number ${i}`);
      near(number.yMin, 0.5, `page number ${i}`);
    }
  });

  it('names the line of a character no font has and prints "?" instead of a blank', async () => {
    const doc = FountainDocument.parse('INT. A - DAY\n\nPlain line.\n\nA Linear B sign 𐀀 here.');
    const result = await renderPdf(doc, { fontsDir });
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /^Line 5: no font has "𐀀" \(U\+10000\); printed as "\?"/);
    const file = path.join(dir, 'missing.pdf');
    writeFileSync(file, result.bytes);
    assert.match(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), /A Linear B sign \? here\./);
  });

  it('uses the font the writer names for characters Courier lacks, and warns about one it cannot read', async () => {
    const droid = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
    const warned: string[] = [];
    const result = await renderPdf(FountainDocument.parse('你好 world.'), { fontsDir, fallbackFonts: ['/nonexistent/font.ttf', droid], warn: (m) => warned.push(m) });
    assert.equal(warned.length, 1);
    assert.match(warned[0], /"\/nonexistent\/font\.ttf" could not be read/);
    const file = path.join(dir, 'named.pdf');
    writeFileSync(file, result.bytes);
    assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /你好 world\./);
  });

  it('refuses a WOFF2 font by name, in a warning, and prints with the others', async () => {
    // A WOFF2 header with no tables: enough for fontkit to know the format.
    const header = Buffer.alloc(48);
    header.write('wOF2', 0, 'latin1');
    header.writeUInt32BE(48, 8);
    const woff2 = path.join(dir, 'web.woff2');
    writeFileSync(woff2, header);
    const droid = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';
    const warned: string[] = [];
    const result = await renderPdf(FountainDocument.parse('你好 world.'), { fontsDir, fallbackFonts: [woff2, droid], warn: (m) => warned.push(m) });
    assert.deepEqual(warned, [`The fallback font "${woff2}" could not be read (WOFF2 fonts cannot be printed with: use the TTF or OTF file); it is skipped.`]);
    const file = path.join(dir, 'woff2.pdf');
    writeFileSync(file, result.bytes);
    assert.match(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), /你好 world\./);
  });

  it('A4, scene numbers in both margins, bookmarks for sections and scenes, and a watermark', async () => {
    const doc = FountainDocument.parse('Title: Marks\n\n# Act One\n\nINT. A - DAY #12#\n\nx\n\n## Turn\n\nINT. B - DAY\n\ny');
    const result = await renderPdf(doc, { fontsDir, paper: 'a4', sceneNumbers: true, watermark: 'DRAFT' });
    const file = path.join(dir, 'a4.pdf');
    writeFileSync(file, result.bytes);
    qpdfCheck(file);
    assert.match(info(file).get('Page size')!, /^595\.4\d* x 841\.6\d* pts \(A4\)/);
    const body = bboxWords(file)[1];
    const twelves = body.filter((w) => w.text === '12');
    assert.deepEqual(twelves.map((w) => Math.round(w.xMin * 10) / 10), [0.9, 7.7]);
    // Rotated, the watermark reads back in pieces ("DR", "AF", "T").
    const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    assert.match(page2, /D\s*R\s*A\s*F\s*T/, 'the watermark is on the page');
    // The outline: qpdf's JSON lists each bookmark's title and depth.
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' }));
    const titles = (items: { title: string; kids: unknown[] }[]): unknown[] => items.map((o) => (o.kids.length ? [o.title, titles(o.kids as never)] : o.title));
    assert.deepEqual(titles(json.outlines), [['Act One', ['INT. A - DAY', ['Turn', ['INT. B - DAY']]]]]);
  });

  it('stops when cancelled, and a cancelled or failed write leaves the old file as it was', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(renderPdf(FountainDocument.parse('x'), { fontsDir, signal: controller.signal }), PrintCancelled);
    const file = path.join(dir, 'keep.pdf');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeFileAtomic(file, Buffer.from('%PDF-new'));
    assert.equal(readFileSync(file, 'utf8'), '%PDF-new');
    assert.equal(statSync(file).mode & 0o777, 0o640, 'permissions kept');
    assert.throws(() => writeFileAtomic(path.join(dir, 'no-such-dir', 'x.pdf'), Buffer.from('x')));
  });
});
