import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFile, repoRoot } from '../../support/corpus';

const CLI = join(repoRoot, 'dist/cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dramaturge export --pdf (the CLI as a separate process)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestSource(join(repoRoot, 'src'))) {
      execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'ignore' });
    }
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-export-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes Big Fish on Letter by default and on A4 with --paper a4, scene numbers with --scene-numbers', () => {
    const script = join(dir, 'big fish.fountain');
    writeFileSync(script, corpusFile('big-fish.fountain'));
    const letter = join(dir, 'letter.pdf');
    const r = cli(['export', script, '--pdf', letter]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /letter\.pdf: 123 pages and a title page/);
    const info = execFileSync('pdfinfo', [letter], { encoding: 'utf8' });
    assert.match(info, /Pages:\s+124/);
    assert.match(info, /Page size:\s+612 x 792 pts \(letter\)/);

    const a4 = join(dir, 'a4.pdf');
    assert.equal(cli(['export', script, '--pdf', a4, '--paper', 'a4', '--scene-numbers']).code, 0);
    assert.match(execFileSync('pdfinfo', [a4], { encoding: 'utf8' }), /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const page2 = execFileSync('pdftotext', ['-layout', '-f', '3', '-l', '3', a4, '-'], { encoding: 'utf8' });
    assert.match(page2, /^\s*1\s+INT\.\s+WILL'S BEDROOM - NIGHT \(1973\)\s+1\s*$/m);
  });

  it('refuses bad input with a clear message and writes nothing', () => {
    const out = join(dir, 'never.pdf');
    const cases: [string[], RegExp][] = [
      [['export', join(dir, 'missing.fountain'), '--pdf', out], /missing\.fountain does not exist/],
      [['export', join(dir, 'x.fountain')], /Export to what\? Add --fdx out\.fdx or --pdf out\.pdf/],
      [['export', join(dir, 'x.fountain'), '--pdf', out, '--paper', 'legal'], /--paper must be letter or a4/],
    ];
    writeFileSync(join(dir, 'x.fountain'), 'INT. A - DAY\n\nx');
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(existsSync(out), false);
    }
  });

  it('refuses a binary file clearly; prints CRLF, Cyrillic and an empty file', () => {
    const binary = join(dir, 'binary.fountain');
    writeFileSync(binary, Buffer.from([0, 1, 2, 255, 254, 10, 0x41, 0x0d, 0x0a, 0x42]));
    const out = join(dir, 'binary.pdf');
    const r = cli(['export', binary, '--pdf', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /binary\.fountain is not a Fountain script/);
    assert.equal(existsSync(out), false);
    const crlf = join(dir, 'crlf.fountain');
    writeFileSync(crlf, 'INT. ДОМ - ДЕНЬ\r\n\r\nОлег входит.\r\n\r\nОЛЕГ\r\nПривет.\r\n');
    assert.equal(cli(['export', crlf, '--pdf', join(dir, 'crlf.pdf')]).code, 0);
    assert.equal(spawnSync('qpdf', ['--check', join(dir, 'crlf.pdf')]).status, 0);
    assert.match(execFileSync('pdftotext', ['-layout', join(dir, 'crlf.pdf'), '-'], { encoding: 'utf8' }), /^\s{10,}ОЛЕГ\n\s+Привет\./m);
    const empty = join(dir, 'empty.fountain');
    writeFileSync(empty, '');
    assert.equal(cli(['export', empty, '--pdf', join(dir, 'empty.pdf')]).code, 0);
    assert.equal(readFileSync(join(dir, 'empty.pdf')).subarray(0, 5).toString(), '%PDF-');
  });
});
