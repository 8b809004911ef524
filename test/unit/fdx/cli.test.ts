import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, runCli as cli } from '../../support/cliProcess';
import { corpusFile } from '../../support/corpus';
import { printedElements } from './printedElements';

describe('dramaturge export --fdx / import (separate process)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => ensureCliBuilt());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dramaturge-fdx-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports and imports Brick & Steel back to the same elements', async () => {
    const source = join(dir, 'brick.fountain');
    writeFileSync(source, corpusFile('brick-and-steel.fountain'));
    const exported = await cli(['export', source, '--fdx', join(dir, 'brick.fdx')]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Wrote .*brick\.fdx \(8 scenes\)/);
    const imported = await cli(['import', join(dir, 'brick.fdx'), '-o', join(dir, 'back.fountain')]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(printedElements(readFileSync(join(dir, 'back.fountain'), 'utf8')), printedElements(corpusFile('brick-and-steel.fountain')));
  });

  it('re-exporting over an existing .fdx keeps its permissions', async () => {
    const source = join(dir, 'brick.fountain');
    const target = join(dir, 'brick.fdx');
    writeFileSync(source, corpusFile('brick-and-steel.fountain'));
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const { ino } = statSync(target);
    assert.equal((await cli(['export', source, '--fdx', target])).code, 0);
    assert.equal(statSync(target).mode & 0o777, 0o640);
    assert.equal(statSync(target).ino, ino);
  });

  it('refuses to overwrite, and reports a broken file without writing anything', async () => {
    const out = join(dir, 'x.fountain');
    writeFileSync(out, 'mine');
    writeFileSync(join(dir, 'ok.fdx'), '<FinalDraft><Content/></FinalDraft>');
    const refused = await cli(['import', join(dir, 'ok.fdx'), '-o', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already exists \(use --force/);
    assert.equal(readFileSync(out, 'utf8'), 'mine');

    writeFileSync(join(dir, 'bad.fdx'), '<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>cut</Paragraph>');
    const bad = await cli(['import', join(dir, 'bad.fdx'), '-o', join(dir, 'new.fountain'), '--force']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.fdx: Not a readable Final Draft file: line 3, column \d+/);
    assert.throws(() => statSync(join(dir, 'new.fountain')));
  });

  it('says what is missing', async () => {
    assert.match((await cli(['export', join(dir, 'none.fountain'), '--fdx', join(dir, 'x.fdx')])).stderr, /does not exist/);
    assert.match((await cli(['export', join(dir, 'none.fountain')])).stderr, /Add --fdx out\.fdx/);
    assert.match((await cli(['import', join(dir, 'none.fdx')])).stderr, /Add -o x\.fountain/);
  });
});
