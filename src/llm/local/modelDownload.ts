import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IdleWatchdog } from '../idleWatchdog';
import { formatBytes } from './modelCatalog';

/**
 * Downloads a model file over HTTP(S) with Node's own fetch: into `<dest>.part`, resumed with an
 * HTTP Range request after an interruption (automatically a few times, and again on the next call),
 * checked against its sha256 and only then renamed to `dest`. So `dest` either does not exist or is
 * the complete, verified file. Plain Node (no `vscode`): progress and Cancel go through a callback
 * and an AbortSignal.
 */

export type ModelDownloadErrorKind = 'cancelled' | 'interrupted' | 'http' | 'checksum' | 'diskSpace' | 'diskFull' | 'metadata';

export class ModelDownloadError extends Error {
  constructor(
    readonly kind: ModelDownloadErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

export interface DownloadProgress {
  phase: 'downloading' | 'verifying';
  /** Bytes of the file on disk so far (downloading) or hashed so far (verifying). */
  done: number;
  total: number;
  /** Where this call started: the size of the `.part` file it found. */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** The final path; the download goes to `<dest>.part` until verified. */
  dest: string;
  /** Expected lower-case hex sha256. */
  sha256: string;
  /** Expected size in bytes. */
  sizeBytes: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /**
   * Connections in a row that bring no new bytes before giving up (default 4). Each resumes where
   * the last stopped; one that brings bytes starts the count again, so a long download over a
   * flaky line keeps going.
   */
  maxAttempts?: number;
  /** Milliseconds before a further attempt, times the fruitless attempts so far (default 500). */
  retryDelayMs?: number;
  /** A connection that sends nothing for this long is dropped and resumed (default 60 000). */
  idleTimeoutMs?: number;
}

export interface DownloadResult {
  file: string;
  bytes: number;
  /** Size of the `.part` file found at the start (0: a fresh download). */
  resumedFrom: number;
  /** HTTP requests made for the file. */
  requests: number;
}

export function partPathOf(dest: string): string {
  return `${dest}.part`;
}

/**
 * Refuses, before anything is written, when the folder's file system has less than `neededBytes`
 * free for an unprivileged user.
 */
export async function checkFreeSpace(dir: string, neededBytes: number, what: string): Promise<{ freeBytes: number }> {
  const fs = await statfs(dir);
  const freeBytes = fs.bavail * fs.bsize;
  if (freeBytes < neededBytes) {
    throw new ModelDownloadError(
      'diskSpace',
      `Not enough free disk space to download ${what}: it needs ${formatBytes(neededBytes)} in ${dir}, and only ${formatBytes(freeBytes)} is free. Nothing was downloaded; free some space and try again.`,
    );
  }
  return { freeBytes };
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function errnoOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg && !parts.includes(msg)) parts.push(msg);
  }
  return parts.join(': ') || 'unknown error';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Streams the file through sha256. */
export async function sha256OfFile(file: string, onBytes?: (done: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onBytes?.(done);
  }
  return hash.digest('hex');
}

type Attempt = { outcome: 'complete' } | { outcome: 'restart' } | { outcome: 'interrupted'; why: string };

export async function downloadModelFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, dest, sizeBytes: total, signal } = options;
  const sha256 = options.sha256.toLowerCase();
  const name = basename(dest);
  const part = partPathOf(dest);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const retryDelayMs = options.retryDelayMs ?? 500;
  await mkdir(dirname(dest), { recursive: true });

  let found = (await sizeOf(part)) ?? 0;
  if (found > total) {
    // Not a prefix of this file: start again.
    await rm(part, { force: true });
    found = 0;
  }
  await checkFreeSpace(dirname(dest), total - found, `${name} (${formatBytes(total)})`);

  const cancelled = async () => {
    const kept = (await sizeOf(part)) ?? 0;
    return new ModelDownloadError('cancelled', `Cancelled the download of ${name}; the ${formatBytes(kept)} received so far are kept, and the next download of it resumes there.`);
  };
  const report = (phase: DownloadProgress['phase'], done: number) => options.onProgress?.({ phase, done, total, resumedFrom: found });

  let requests = 0;
  let fruitless = 0;
  let lastWhy = '';
  for (;;) {
    if (signal?.aborted) throw await cancelled();
    if (fruitless >= maxAttempts) {
      const kept = (await sizeOf(part)) ?? 0;
      throw new ModelDownloadError(
        'interrupted',
        `The download of ${name} from ${hostOf(url)} failed: ${lastWhy}. ${kept > 0 ? `The ${formatBytes(kept)} received so far are kept; run the command again to resume.` : 'Check the connection and try again.'}`,
      );
    }
    if (fruitless > 0 && retryDelayMs > 0) await delay(retryDelayMs * fruitless, signal).catch(() => undefined);
    if (signal?.aborted) throw await cancelled();
    requests++;
    const before = (await sizeOf(part)) ?? 0;
    let attempt: Attempt;
    try {
      attempt = await transferOnce(url, part, total, name, signal, options.idleTimeoutMs ?? 60_000, (done) => report('downloading', done));
    } catch (err) {
      if (signal?.aborted) throw await cancelled();
      throw err;
    }
    if (attempt.outcome === 'complete') break;
    fruitless = ((await sizeOf(part)) ?? 0) > before ? 0 : fruitless + 1;
    if (attempt.outcome === 'interrupted') lastWhy = attempt.why;
    if (attempt.outcome === 'restart') lastWhy = 'the server could not resume the download';
  }

  report('verifying', 0);
  const actual = await sha256OfFile(part, (done) => report('verifying', done));
  if (actual !== sha256) {
    await rm(part, { force: true });
    throw new ModelDownloadError(
      'checksum',
      `The downloaded ${name} is damaged or not the expected file: its sha256 is ${actual}, expected ${sha256}. It was deleted and nothing was installed; try again.`,
    );
  }
  await rename(part, dest);
  return { file: dest, bytes: total, resumedFrom: found, requests };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `bytes 100-199/200` → 100. */
function rangeStart(contentRange: string | null): number | undefined {
  const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(contentRange?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * One HTTP request: asks for the rest of the file after what `part` holds and appends it. Network
 * failures come back as `interrupted` (the part is kept); a full disk deletes the part and throws.
 */
async function transferOnce(url: string, part: string, total: number, name: string, outer: AbortSignal | undefined, idleTimeoutMs: number, onBytes: (done: number) => void): Promise<Attempt> {
  const offset = (await sizeOf(part)) ?? 0;
  if (offset === total) return { outcome: 'complete' };
  // The caller's Cancel, or a server silent for idleTimeoutMs (then the attempt is resumed).
  const watchdog = new IdleWatchdog(outer, idleTimeoutMs);
  try {
    const attempt = await transferWatched(url, part, offset, total, name, watchdog, onBytes);
    if (attempt.outcome === 'interrupted' && watchdog.cause === 'timeout') {
      return { outcome: 'interrupted', why: `the server sent nothing for ${Math.round(idleTimeoutMs / 1000)} s` };
    }
    return attempt;
  } finally {
    watchdog.dispose();
  }
}

async function transferWatched(url: string, part: string, offset: number, total: number, name: string, watchdog: IdleWatchdog, onBytes: (done: number) => void): Promise<Attempt> {
  const signal = watchdog.signal;
  const cancelled = () => watchdog.cause === 'cancelled';
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'dramaturge (VS Code extension)' };
  if (offset > 0) headers.range = `bytes=${offset}-`;

  let res: Response;
  watchdog.arm();
  try {
    res = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    if (cancelled()) throw err;
    return { outcome: 'interrupted', why: describe(err) };
  }

  let start: number;
  if (res.status === 206) {
    start = rangeStart(res.headers.get('content-range')) ?? -1;
    if (start !== offset) {
      await res.body?.cancel().catch(() => undefined);
      await rm(part, { force: true });
      return { outcome: 'restart' };
    }
  } else if (res.status === 200) {
    start = 0; // a server that ignores Range sends the whole file: start over
  } else if (res.status === 416 && offset > 0) {
    await res.body?.cancel().catch(() => undefined);
    await rm(part, { force: true });
    return { outcome: 'restart' };
  } else {
    await res.body?.cancel().catch(() => undefined);
    const why = `the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    if (res.status >= 500 || res.status === 429 || res.status === 408) return { outcome: 'interrupted', why };
    throw new ModelDownloadError('http', `Could not download ${name}: ${why} for ${url}.`);
  }
  if (!res.body) return { outcome: 'interrupted', why: 'the server sent no data' };

  const handle = await open(part, start === 0 ? 'w' : 'a');
  let written = start;
  let failure: unknown;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (written + chunk.length > total) {
        throw new ModelDownloadError('http', `Could not download ${name}: the server sent more than the expected ${formatBytes(total)}.`);
      }
      // A write near a full disk may be short: write the rest, so the next one reports ENOSPC.
      for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
      written += chunk.length;
      watchdog.arm();
      onBytes(written);
    }
    if (written === total) await handle.sync();
  } catch (err) {
    failure = err;
  }
  try {
    await handle.close();
  } catch (err) {
    failure ??= err;
  }
  if (failure !== undefined) {
    if (errnoOf(failure) === 'ENOSPC') {
      await rm(part, { force: true });
      throw new ModelDownloadError(
        'diskFull',
        `The disk filled up while downloading ${name} (${formatBytes(written)} of ${formatBytes(total)} written) in ${dirname(part)}. The partial file was deleted to give the space back and no model was installed; free at least ${formatBytes(total)} and try again.`,
      );
    }
    if (failure instanceof ModelDownloadError) {
      await rm(part, { force: true });
      throw failure;
    }
    if (cancelled()) throw failure;
    return { outcome: 'interrupted', why: `the connection broke after ${formatBytes(written)} (${describe(failure)})` };
  }
  if (written < total) return { outcome: 'interrupted', why: `the server ended the transfer after ${formatBytes(written)} of ${formatBytes(total)}` };
  return { outcome: 'complete' };
}

/**
 * The file's sha256 and size at the pinned commit, from the Hub's file list
 * (`/api/models/<repo>/tree/<rev>`, each LFS file with `lfs.oid` = its sha256).
 */
export async function fetchHubFileInfo(treeUrl: string, file: string, signal?: AbortSignal): Promise<{ sha256: string; sizeBytes: number }> {
  let list: unknown;
  try {
    const res = await fetch(treeUrl, { headers: { accept: 'application/json', 'user-agent': 'dramaturge (VS Code extension)' }, signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    list = await res.json();
  } catch (err) {
    if (signal?.aborted) throw new ModelDownloadError('cancelled', `Cancelled before downloading ${file}.`);
    throw new ModelDownloadError('metadata', `Could not read the checksum of ${file} from ${hostOf(treeUrl)} (${describe(err)}). Nothing was downloaded; check the connection and try again.`);
  }
  const entry = Array.isArray(list) ? (list as Array<Record<string, unknown>>).find((e) => e && e.path === file) : undefined;
  const lfs = entry?.lfs as { oid?: unknown; size?: unknown } | undefined;
  const sha256 = typeof lfs?.oid === 'string' ? lfs.oid.toLowerCase() : '';
  const sizeBytes = typeof lfs?.size === 'number' ? lfs.size : typeof entry?.size === 'number' ? entry.size : NaN;
  if (!/^[0-9a-f]{64}$/.test(sha256) || !Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
    throw new ModelDownloadError('metadata', `${hostOf(treeUrl)} lists no checksum for ${file} at that revision, so it cannot be verified. Nothing was downloaded.`);
  }
  return { sha256, sizeBytes };
}

export interface StoredModelFile {
  name: string;
  path: string;
  bytes: number;
  /** A `.part` file: an unfinished download. */
  partial: boolean;
}

/** The models (and unfinished downloads) in a models folder, largest first. */
export async function listStoredModels(dir: string): Promise<StoredModelFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: StoredModelFile[] = [];
  for (const name of names) {
    const partial = name.endsWith('.gguf.part');
    if (!partial && !name.endsWith('.gguf')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) out.push({ name, path, bytes: info.size, partial });
  }
  return out.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}
