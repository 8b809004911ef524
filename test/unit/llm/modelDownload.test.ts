import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkGgufFile, NotGgufError } from '../../../src/llm/local/ggufFile';
import { MODEL_CATALOG, modelDownloadUrl, modelTreeUrl } from '../../../src/llm/local/modelCatalog';
import { ModelDownloadError, checkFreeSpace, downloadModelFile, fetchHubFileInfo, listStoredModels, partPathOf } from '../../../src/llm/local/modelDownload';
import { ModelFileServer } from '../../fixtures/modelFileServer';
import { testGgufFile } from '../../support/localModelFile';

/**
 * The model downloader over real HTTP (a server on 127.0.0.1 serving the real test GGUF) onto the
 * real file system: full download, resume after a dropped connection (the Range header the server
 * received), a wrong checksum, Cancel and resume, a refused download for lack of space, and a disk
 * that fills up mid-write (a 4 MB tmpfs when this runs as root, else a .part that is /dev/full).
 */

const REPO = 'test-org/Test-GGUF';
const REV = '0123456789abcdef0123456789abcdef01234567';
const FILE = 'SmolLM2-135M-Instruct.Q4_1.gguf';
const SLICE = 'slice.gguf';

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ModelDownloadError, `expected a ModelDownloadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the download to fail');
}

describe('model download (real HTTP on 127.0.0.1, real GGUF, real disk)', function () {
  this.timeout(120_000);
  let source: Buffer;
  let sha: string;
  let slice: Buffer;
  let server: ModelFileServer;
  let dir: string;
  const url = (file = FILE) => modelDownloadUrl({ repo: REPO, revision: REV, file }, server.url);
  const opts = (dest: string) => ({ url: url(), dest, sha256: sha, sizeBytes: source.length, retryDelayMs: 10 });

  before(async () => {
    source = readFileSync(testGgufFile());
    sha = ModelFileServer.sha256(source);
    slice = source.subarray(0, 3 << 20);
    server = await ModelFileServer.start([
      { repo: REPO, revision: REV, file: FILE, body: source },
      { repo: REPO, revision: REV, file: SLICE, body: slice },
    ]);
  });
  after(() => server.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dramaturge-dl-'));
    server.requests.length = 0;
    server.plans.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('downloads the whole file, checks its sha256 and leaves exactly the model (byte-identical), no .part', async () => {
    const dest = join(dir, FILE);
    const seen: number[] = [];
    const result = await downloadModelFile({ ...opts(dest), onProgress: (p) => p.phase === 'downloading' && seen.push(p.done) });
    assert.deepEqual(result, { file: dest, bytes: source.length, resumedFrom: 0, requests: 1 });
    assert.ok(readFileSync(dest).equals(source), 'byte-identical to the source');
    assert.deepEqual(readdirSync(dir), [FILE]);
    assert.equal(server.fileRequests()[0]!.range, undefined, 'a fresh download asks for no range');
    assert.equal(seen.at(-1), source.length);
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'progress only grows');
  });

  it('a connection dropped midway is resumed with a Range request and ends byte-identical', async () => {
    const dest = join(dir, FILE);
    const cut = 10 << 20;
    server.plans.push({ dropAfter: cut });
    let beforeResume = -1;
    const result = await downloadModelFile({ ...opts(dest), onProgress: (p) => server.fileRequests().length === 1 && (beforeResume = p.done) });
    const ranges = server.fileRequests().map((r) => r.range);
    // The client may lose the last chunks in flight when the socket closes; what it wrote is what it resumes from.
    assert.ok(beforeResume > 0 && beforeResume <= cut, `the first connection wrote ${beforeResume} bytes`);
    assert.deepEqual(ranges, [undefined, `bytes=${beforeResume}-`], 'the second request asks for the rest, from exactly where the file on disk stopped');
    assert.equal(result.requests, 2);
    assert.ok(readFileSync(dest).equals(source));
    assert.equal(existsSync(partPathOf(dest)), false);
  });

  it('a server that goes silent midway is given up on after the idle timeout and resumed with a Range request', async () => {
    const dest = join(dir, FILE);
    server.plans.push({ stallAfter: 3 << 20 });
    let beforeResume = -1;
    const result = await downloadModelFile({ ...opts(dest), idleTimeoutMs: 500, onProgress: (p) => server.fileRequests().length === 1 && (beforeResume = p.done) });
    assert.ok(beforeResume > 0 && beforeResume <= 3 << 20, `the first connection wrote ${beforeResume} bytes`);
    assert.deepEqual(server.fileRequests().map((r) => r.range), [undefined, `bytes=${beforeResume}-`]);
    assert.equal(result.requests, 2);
    assert.ok(readFileSync(dest).equals(source));
  });

  it('out of attempts (two connections in a row bring nothing): a clear error, the .part kept; the next call resumes from it', async () => {
    const dest = join(dir, FILE);
    const cut = 5 << 20;
    server.plans.push({ dropAfter: cut }, { dropAfter: 0 }, { dropAfter: 0 });
    const err = await failure(downloadModelFile({ ...opts(dest), maxAttempts: 2 }));
    assert.equal(err.kind, 'interrupted');
    assert.equal(server.fileRequests().length, 3, 'the connection that brought bytes did not count against the two');
    assert.match(err.message, /^The download of SmolLM2-135M-Instruct\.Q4_1\.gguf from 127\.0\.0\.1:\d+ failed: .+\. The \d+ MB received so far are kept; run the command again to resume\.$/);
    const kept = statSync(partPathOf(dest)).size;
    assert.ok(kept > 0 && kept <= cut, `the part holds what arrived (${kept} bytes)`);
    assert.ok(source.subarray(0, kept).equals(readFileSync(partPathOf(dest))));
    assert.equal(existsSync(dest), false, 'no model file until it is complete and verified');

    const result = await downloadModelFile(opts(dest));
    assert.equal(result.resumedFrom, kept);
    assert.equal(server.fileRequests().at(-1)!.range, `bytes=${kept}-`);
    assert.ok(readFileSync(dest).equals(source));
  });

  it('a wrong checksum: a clear error, and neither a model file nor a .part is left', async () => {
    const dest = join(dir, FILE);
    const wrong = 'f'.repeat(64);
    const err = await failure(downloadModelFile({ ...opts(dest), sha256: wrong }));
    assert.equal(err.kind, 'checksum');
    assert.ok(err.message.includes(sha) && err.message.includes(wrong), 'names both checksums');
    assert.match(err.message, /damaged or not the expected file.*deleted and nothing was installed/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('Cancel (AbortSignal) stops the transfer and keeps the .part; a later call resumes from it', async () => {
    const dest = join(dir, FILE);
    server.plans.push({ throttle: { chunkBytes: 256 << 10, delayMs: 20 } });
    const controller = new AbortController();
    const err = await failure(
      downloadModelFile({ ...opts(dest), signal: controller.signal, onProgress: (p) => p.done >= 2 << 20 && controller.abort() }),
    );
    assert.equal(err.kind, 'cancelled');
    assert.match(err.message, /Cancelled the download of .*received so far are kept, and the next download of it resumes there/);
    const kept = statSync(partPathOf(dest)).size;
    assert.ok(kept >= 2 << 20 && kept < source.length, `a partial file is kept (${kept} bytes)`);
    assert.equal(existsSync(dest), false);
    assert.ok(source.subarray(0, kept).equals(readFileSync(partPathOf(dest))), 'the kept part is a prefix of the file');

    const result = await downloadModelFile(opts(dest));
    assert.equal(result.resumedFrom, kept);
    assert.equal(server.fileRequests().at(-1)!.range, `bytes=${kept}-`);
    assert.ok(readFileSync(dest).equals(source));
    assert.equal(existsSync(partPathOf(dest)), false);
  });

  it('not enough free space: refused before any request, naming the needed and free sizes; nothing written', async () => {
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    const needed = free + 5e9;
    await assert.rejects(checkFreeSpace(dir, needed, 'x.gguf'), (err: ModelDownloadError) => {
      assert.equal(err.kind, 'diskSpace');
      assert.match(err.message, /^Not enough free disk space to download x\.gguf: it needs \d+(\.\d)? GB in .*, and only \d+(\.\d)? [KMG]?B is free/);
      return true;
    });
    const err = await failure(downloadModelFile({ ...opts(join(dir, FILE)), sizeBytes: needed }));
    assert.equal(err.kind, 'diskSpace');
    assert.equal(server.requests.length, 0, 'no request was made');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('the disk fills up mid-write (ENOSPC): a clear error, and no model file or .part is left', async function () {
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    let mounted = false;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'pipe' });
      mounted = true;
    } catch (e) {
      // Not root: the .part itself is /dev/full, whose every write fails with ENOSPC.
      console.log(`      (mount -t tmpfs not permitted: ${String(e).split('\n')[0]}; using /dev/full)`);
      symlinkSync('/dev/full', partPathOf(join(disk, SLICE)));
    }
    try {
      const dest = join(disk, SLICE);
      server.plans.push({ throttle: { chunkBytes: 256 << 10, delayMs: 30 } });
      let filled = false;
      const err = await failure(
        downloadModelFile({
          url: url(SLICE),
          dest,
          sha256: ModelFileServer.sha256(slice),
          sizeBytes: slice.length,
          retryDelayMs: 10,
          onProgress: (p) => {
            // Another program fills the disk while the download runs (the free-space check had passed).
            if (mounted && !filled && p.done > 0) {
              filled = true;
              try {
                writeFileSync(join(disk, 'filler'), Buffer.alloc(4 << 20));
              } catch {
                /* ENOSPC: the disk is now full */
              }
            }
          },
        }),
      );
      assert.equal(err.kind, 'diskFull');
      assert.match(err.message, /^The disk filled up while downloading slice\.gguf \(.* of 3 MB written\).*The partial file was deleted .* no model was installed; free at least 3 MB and try again\./);
      assert.deepEqual(readdirSync(disk).filter((n) => n !== 'filler'), [], 'no model file, no .part');
    } finally {
      if (mounted) execFileSync('umount', [disk]);
    }
  });

  it('reads the sha256 and size from the Hub\'s file list (LFS metadata) at the pinned revision', async () => {
    const info = await fetchHubFileInfo(modelTreeUrl({ repo: REPO, revision: REV }, server.url), FILE);
    assert.deepEqual(info, { sha256: sha, sizeBytes: source.length });
    const missing = await failure(fetchHubFileInfo(modelTreeUrl({ repo: REPO, revision: REV }, server.url), 'other.gguf'));
    assert.equal(missing.kind, 'metadata');
    assert.match(missing.message, /lists no checksum for other\.gguf/);
    const unknownRepo = await failure(fetchHubFileInfo(modelTreeUrl({ repo: 'x/y', revision: REV }, server.url), FILE));
    assert.match(unknownRepo.message, /Could not read the checksum of .* \(HTTP 404\)/);
  });

  it('lists the models and unfinished downloads in a folder, largest first', async () => {
    writeFileSync(join(dir, 'a.gguf'), Buffer.alloc(10));
    writeFileSync(join(dir, 'b.gguf.part'), Buffer.alloc(20));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const list = await listStoredModels(dir);
    assert.deepEqual(list.map((m) => [m.name, m.bytes, m.partial]), [['b.gguf.part', 20, true], ['a.gguf', 10, false]]);
    assert.deepEqual(await listStoredModels(join(dir, 'none')), []);
  });

  it('the catalog: real Hub addresses, pinned commits, sizes, licences; checksums well-formed where given', () => {
    assert.ok(MODEL_CATALOG.length >= 3);
    for (const m of MODEL_CATALOG) {
      assert.match(m.revision, /^[0-9a-f]{40}$/, `${m.id} is pinned to a commit`);
      assert.ok(m.file.endsWith('.gguf') && m.sizeBytes > 0 && m.ramGb > 0 && m.licence && m.licenceUrl.startsWith('https://'));
      if (m.sha256 !== undefined) assert.match(m.sha256, /^[0-9a-f]{64}$/);
      assert.equal(modelDownloadUrl(m), `https://huggingface.co/${m.repo}/resolve/${m.revision}/${m.file}`);
    }
    assert.ok(MODEL_CATALOG[0]!.sizeBytes < 2e8, 'the first is tiny, for a quick try');
  });
});

describe('Use a GGUF File: the magic-byte check', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dramaturge-gguf-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the real GGUF and refuses anything else with a clear message', async () => {
    await checkGgufFile(testGgufFile());
    const text = join(dir, 'model.gguf');
    writeFileSync(text, 'PK\u0003\u0004 a zip renamed to .gguf');
    await assert.rejects(checkGgufFile(text), (err: Error) => err instanceof NotGgufError && /^model\.gguf is not a GGUF model file: it starts with "PK\\u0003\\u0004", not "GGUF"/.test(err.message));
    const empty = join(dir, 'empty.gguf');
    writeFileSync(empty, '');
    await assert.rejects(checkGgufFile(empty), /empty\.gguf is not a GGUF model file: it is too short to be one/);
    await assert.rejects(checkGgufFile(join(dir, 'gone.gguf')), /Cannot use gone\.gguf as a model: it does not exist/);
    await assert.rejects(checkGgufFile(dir), /it is a folder/);
  });
});
