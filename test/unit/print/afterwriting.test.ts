import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FountainDocument } from '../../../src/fountain';
import { layoutScript } from '../../../src/print';
import { corpusFile, repoRoot } from '../../support/corpus';

/**
 * afterwriting (npm, MIT), run headless as its own CLI, prints the same corpus on Letter; we read
 * its PDF back with poppler and compare page by page where each scene starts. The differences are
 * deliberate, each a rule of ours (README, "Where our pages differ from afterwriting's"), so the
 * comparison allows the drift they add up to and no more.
 */
function afterwritingPages(script: string, dir: string): string[] {
  const source = path.join(dir, 'script.fountain');
  const pdf = path.join(dir, 'afterwriting.pdf');
  const config = path.join(dir, 'config.json');
  writeFileSync(source, script);
  writeFileSync(config, JSON.stringify({ print_profile: 'usletter' }));
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/afterwriting/awc.js'), '--source', source, '--pdf', pdf, '--overwrite', '--config', config], { cwd: dir, stdio: 'ignore' });
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return text
    .split('\f')
    .slice(0, -1)
    .map(squeeze);
}

/** Without any white space: pdftotext may break a line at a run of spaces or join two. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

function compare(file: string, dir: string) {
  const doc = FountainDocument.parse(corpusFile(file));
  const ours = layoutScript(doc);
  const theirs = afterwritingPages(corpusFile(file), dir);
  const titlePages = ours.titlePage ? 1 : 0;
  const scenes = ours.bookmarks.filter((b) => b.kind === 'scene');
  let from = titlePages;
  const drift: number[] = [];
  for (const scene of scenes) {
    let page = from;
    // pdftotext may read the prefix (`INT.`) or a tag (`[FLASHBACK]`) apart from the rest when
    // spaces separate them: the place's first letters are enough to find the page.
    const place = squeeze(scene.title.replace(/^(INT|EXT|EST|I\/E|INT\.?\/EXT|EXT\.?\/INT)\.?\s+/i, '')).slice(0, 14);
    while (page < theirs.length && !theirs[page].includes(place)) page++;
    assert.ok(page < theirs.length, `afterwriting printed "${scene.title}"`);
    drift.push(scene.pageIndex - (page - titlePages));
    from = page;
  }
  return { ours: ours.pages.length, theirs: theirs.length - titlePages, drift };
}

describe('page layout against afterwriting (differential, Letter)', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'dramaturge-aw-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Big Fish: within 2% of afterwriting\'s page count, every scene within two pages of where afterwriting starts it', () => {
    const { ours, theirs, drift } = compare('big-fish.fountain', dir);
    assert.ok(Math.abs(ours - theirs) / theirs <= 0.02, `ours ${ours} pages, afterwriting ${theirs}`);
    assert.equal(drift.length, 192);
    assert.ok(drift.every((d) => Math.abs(d) <= 2), `scene start drift: ${drift.join(' ')}`);
    // Our rules never put more on a page than afterwriting's: a scene never starts earlier.
    assert.ok(drift.every((d) => d >= 0), `a scene starts earlier than afterwriting's: ${drift.join(' ')}`);
  });

  it('Brick & Steel: every scene on afterwriting\'s page or the next', () => {
    const { ours, theirs, drift } = compare('brick-and-steel.fountain', dir);
    assert.ok(Math.abs(ours - theirs) <= 1, `ours ${ours} pages, afterwriting ${theirs}`);
    assert.ok(drift.every((d) => d === 0 || d === 1), `scene start drift: ${drift.join(' ')}`);
  });
});
