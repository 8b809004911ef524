import * as assert from 'node:assert/strict';
import { FountainDocument } from '../../../src/fountain';
import { LivePages, layoutScript, type PageData, type PagesUpdate } from '../../../src/print';
import { pageData } from '../../../src/print/livePages';
import { corpusFile } from '../../support/corpus';

/** What the webview holds: pages by index, updated exactly as preview.js applies a message. */
function apply(shown: PageData[], update: PagesUpdate): PageData[] {
  const next = update.reset ? [] : shown.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l })) }));
  for (const page of update.pages) next[page.index] = page;
  for (const { index, shift } of update.shifted) for (const line of next[index].lines) if (line.s >= 0) line.s += shift;
  next.length = update.total;
  return next;
}

function expected(doc: FountainDocument): PageData[] {
  const layout = layoutScript(doc);
  const pages = layout.titlePage ? [layout.titlePage, ...layout.pages] : layout.pages;
  return pages.map(pageData);
}

describe('preview pages (LivePages)', function () {
  this.timeout(60_000);

  it('first update draws every page, title page first', () => {
    const doc = FountainDocument.parse(corpusFile('brick-and-steel.fountain'));
    const update = new LivePages().update(doc)!;
    assert.equal(update.reset, true);
    assert.deepEqual(update.pages, expected(doc));
    assert.equal(update.pages[0].number, 0, 'the title page');
    assert.equal(update.widthIn, 8.5);
    assert.equal(update.heightIn, 11);
  });

  it('after each edit, the pages the preview holds equal a full layout of the new text', () => {
    const doc = FountainDocument.parse(corpusFile('big-fish.fountain'));
    const live = new LivePages();
    let shown = apply([], live.update(doc)!);
    const edits = [
      { line: 300, text: 'x' }, // a character inside action
      { line: 301, text: '\n' }, // a line break: later pages shift
      { line: 800, text: '\n\nINT. NEW PLACE - DAY\n\n' }, // a new scene
      { line: 40, text: '===\n\n' }, // a forced page break early on
    ];
    let sentPages = 0;
    for (const { line, text } of edits) {
      doc.applyEdits([{ startLine: line, startCharacter: 0, endLine: line, endCharacter: 0, text }]);
      const update = live.update(doc)!;
      assert.equal(update.reset, false);
      sentPages += update.pages.length;
      shown = apply(shown, update);
      assert.deepEqual(shown, expected(doc), `after inserting ${JSON.stringify(text)} at line ${line}`);
    }
    assert.ok(sentPages < expected(doc).length, `only changed pages are sent (${sentPages} of ${expected(doc).length} × ${edits.length})`);
  });

  it('a typed character sends only the pages it changed', () => {
    const doc = FountainDocument.parse(corpusFile('big-fish.fountain'));
    const live = new LivePages();
    live.update(doc);
    doc.applyEdits([{ startLine: 600, startCharacter: 0, endLine: 600, endCharacter: 0, text: 'a' }]);
    const update = live.update(doc)!;
    // The layout restarts one page before the edit, and the page after may gain its furniture anew.
    assert.ok(update.pages.length <= 4, `${update.pages.length} pages sent`);
    assert.deepEqual(update.shifted, []);
    assert.equal(live.update(doc), undefined, 'nothing new, nothing sent');
  });

  it('escapes nothing itself: script text stays data (the webview sets it as textContent)', () => {
    const doc = FountainDocument.parse('INT. LAB - NIGHT\n\n<img src=x onerror=alert(1)>\n');
    const texts = new LivePages().update(doc)!.pages.flatMap((p) => p.lines.flatMap((l) => l.r.map(([t]) => t)));
    assert.ok(texts.includes('<img src=x onerror=alert(1)>'));
  });
});
