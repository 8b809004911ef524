import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeModelServer } from '../../fixtures/fakeModelServer';
import { storyResponder } from '../../fixtures/story/storyResponder';
import { ensureCliBuilt, runCli } from '../../support/cliProcess';
import { readStory } from '../../../src/story/storyReader';

/**
 * The CLI's file handling, each as a separate process on real files: line breaks and BOM kept
 * byte for byte, saving in place (mode, inode, hard links, symlinks), read-only and binary files
 * refused, nothing written when nothing changed.
 */

/** A script in the store's layout with `\n` breaks; tests rewrite the breaks. */
const SCRIPT = [
  'Title: Old Name',
  'Logline: A radio operator hears her missing brother in the static.',
  '',
  '# Characters',
  '',
  '[[MARA QUILL (Mara): A radio operator.]]',
  '',
  '# Places',
  '',
  '[[DINER: Chrome and cold coffee.]]',
  '',
  '[[SALT FLATS: White to the horizon.]]',
  '',
  '# Act One',
  '',
  'INT. DINER - NIGHT',
  '',
  '= Mara hears the voice.',
  '',
  'Mara turns the dial.',
  '',
  '# Rising Action',
  '',
  'EXT. SALT FLATS - DAY',
  '',
  '= Mara drives out.',
  '',
].join('\n');

const SCENE_REPLY = { content: 'Rain on the glass.\n\nMARA\nHello?' };

describe('dramaturge CLI (separate process): the file on disk', function () {
  this.timeout(60_000);
  let server: FakeModelServer;
  let dir: string;
  const model = () => ['--base-url', server.url, '--model', 'fake-small', '--no-sidecar'];

  before(ensureCliBuilt);
  beforeEach(async () => {
    server = await FakeModelServer.start();
    server.respondWith(storyResponder({ scenes: 4 }));
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-files-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function put(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  describe('line breaks and BOM, byte for byte', () => {
    it('CR only: generate title changes the title line and nothing else', async () => {
      const text = SCRIPT.replace(/\n/g, '\r');
      const file = put('cr.fountain', text);
      server.enqueue({ content: 'Static Lake' });
      const r = await runCli(['generate', 'title', file, ...model()]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), text.replace('Title: Old Name', 'Title: Static Lake'));
    });

    it('CRLF with a BOM: generate title keeps both', async () => {
      const text = '\uFEFF' + SCRIPT.replace(/\n/g, '\r\n');
      const file = put('bom.fountain', text);
      server.enqueue({ content: 'Static Lake' });
      const r = await runCli(['generate', 'title', file, ...model()]);
      assert.equal(r.code, 0, r.stderr);
      const bytes = readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bytes.toString('utf8'), text.replace('Title: Old Name', 'Title: Static Lake'));
    });

    it('mixed breaks and a stray CR in scene 1: generate scenes --item 1 replaces only its body; the section after it stays', async () => {
      const text = SCRIPT.replace('# Characters\n', '# Characters\r\n').replace('Mara turns the dial.\n', 'Mara turns the dial.\rShe listens.\n');
      const file = put('mixed.fountain', text);
      server.enqueue(SCENE_REPLY);
      const r = await runCli(['generate', 'scenes', '--item', '1', file, ...model()]);
      assert.equal(r.code, 0, r.stderr);
      const after = readFileSync(file, 'utf8');
      assert.equal(after, text.replace('Mara turns the dial.\rShe listens.', 'Rain on the glass.\n\nMARA\nHello?'));
      assert.deepEqual(
        readStory(after).beats.map((b) => b.plotElement),
        ['Act One', 'Rising Action'],
      );
    });

    it('write-all on a CR-only file writes the same bytes as on the LF file, with CR breaks', async () => {
      const bare = SCRIPT.replace('Mara turns the dial.\n\n', '');
      const lf = put('lf.fountain', bare);
      const cr = put('cr.fountain', bare.replace(/\n/g, '\r'));
      const a = await runCli(['write-all', lf, ...model(), '--concurrency', '1']);
      assert.equal(a.code, 0, a.stderr);
      server.reset();
      server.respondWith(storyResponder({ scenes: 4 }));
      const b = await runCli(['write-all', cr, ...model(), '--concurrency', '1']);
      assert.equal(b.code, 0, b.stderr);
      const written = readFileSync(lf, 'utf8');
      assert.notEqual(written, bare);
      assert.equal(readStory(written).scenes.filter((s) => s.draft).length, 2);
      assert.equal(readFileSync(cr, 'utf8'), written.replace(/\n/g, '\r'));
    });
  });

  describe('saving keeps the file what it was', () => {
    it('keeps mode 600, the inode and a hard link', async () => {
      const file = put('private.fountain', SCRIPT);
      chmodSync(file, 0o600);
      const link = join(dir, 'linked.fountain');
      linkSync(file, link);
      const before = statSync(file);
      server.enqueue({ content: 'Static Lake' });
      const r = await runCli(['generate', 'title', file, ...model()]);
      assert.equal(r.code, 0, r.stderr);
      const after = statSync(file);
      assert.equal(after.mode & 0o777, 0o600);
      assert.equal(after.ino, before.ino);
      assert.equal(after.nlink, 2);
      assert.equal(readFileSync(link, 'utf8'), SCRIPT.replace('Title: Old Name', 'Title: Static Lake'));
      assert.ok(!existsSync(`${file}.dramaturge-recovery`));
    });

    it('writes through a symlink: the link stays a link, its target gets the text', async () => {
      const target = put('real.fountain', SCRIPT);
      const link = join(dir, 'link.fountain');
      symlinkSync(target, link);
      server.enqueue({ content: 'Static Lake' });
      const r = await runCli(['generate', 'title', link, ...model()]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(link).isSymbolicLink());
      assert.equal(readFileSync(target, 'utf8'), SCRIPT.replace('Title: Old Name', 'Title: Static Lake'));
    });

    it('refuses a read-only file before asking the model, and leaves it untouched', async () => {
      const file = put('locked.fountain', SCRIPT);
      chmodSync(file, 0o444);
      const before = statSync(file);
      const r = await runCli(['generate', 'title', file, ...model()]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /locked\.fountain is read-only, so nothing was generated/);
      assert.equal(server.chatRequests().length, 0);
      assert.equal(readFileSync(file, 'utf8'), SCRIPT);
      assert.equal(statSync(file).mtimeMs, before.mtimeMs);
      assert.equal(statSync(file).mode & 0o777, 0o444);
    });

    it('a write-all whose every item fails leaves the file byte-identical (same mtime, inode), creates no sidecar, says so once per item, exits 1', async () => {
      const bare = SCRIPT.replace('Mara turns the dial.\n\n', '');
      const file = put('failing.fountain', bare);
      const before = statSync(file);
      server.respondWith(() => ({ status: 400, error: { message: 'Bad scene request', type: 'invalid_request_error' } }));
      const r = await runCli(['write-all', file, '--base-url', server.url, '--model', 'fake-small']);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(readFileSync(file, 'utf8'), bare);
      const after = statSync(file);
      assert.equal(after.mtimeMs, before.mtimeMs);
      assert.equal(after.ino, before.ino);
      assert.ok(!existsSync(`${file}.dramaturge.json`), 'no empty sidecar');
      assert.equal(r.stderr.match(/Bad scene request/g)?.length, 2, r.stderr);
      assert.match(r.stderr, /Nothing was written: all 2 items failed\./);
      assert.doesNotMatch(r.stdout, /item\(s\) written/);
    });

    it('refuses to run over a recovery copy left by an interrupted save', async () => {
      const file = put('crashed.fountain', SCRIPT);
      writeFileSync(`${file}.dramaturge-recovery`, SCRIPT.replace('Old Name', 'Newer'));
      const r = await runCli(['generate', 'title', file, ...model()]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /An earlier save of .*crashed\.fountain was interrupted\. .*crashed\.fountain\.dramaturge-recovery holds the complete script/);
      assert.equal(server.chatRequests().length, 0);
      assert.equal(readFileSync(file, 'utf8'), SCRIPT);
    });
  });

  describe('files that are not scripts', () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]);

    it('refuses a binary file (NUL bytes) without asking the model or touching it', async () => {
      const file = put('image.png', PNG);
      const r = await runCli(['generate', 'logline', '--premise', 'A lighthouse keeper.', file, ...model()]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /image\.png is not a Fountain script: it contains NUL bytes/);
      assert.equal(server.chatRequests().length, 0);
      assert.deepEqual(readFileSync(file), PNG);
    });

    it('refuses a file in another encoding (Latin-1)', async () => {
      const latin1 = Buffer.from('Title: Caf\xe9\nLogline: A waiter.\n', 'latin1');
      const file = put('latin1.fountain', latin1);
      const r = await runCli(['write-all', file, ...model()]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /latin1\.fountain is not a Fountain script: it is not valid UTF-8 text/);
      assert.deepEqual(readFileSync(file), latin1);
    });
  });
});
