import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeText, notTextBytes } from '../story/scriptText';

/**
 * Reading and saving the script file for the CLI.
 *
 * Saving writes the file **in place** (open, write, truncate, fsync), through a symlink to its
 * target, so the file keeps its inode, owner, mode, ACLs, hard links and symlink. Write-to-temp
 * and rename would replace all of those with a new file's. To stay crash-safe, the complete new
 * text is first written and synced to a recovery copy beside the file (`x.fountain.dramaturge-
 * recovery`), which is removed once the file itself is synced. If the process dies mid-write, the
 * copy holds the whole script, and the next run refuses to touch the file until the writer has
 * chosen between the two. Nothing is written when nothing changed.
 */

/** A file the CLI will not read or write, with a message fit to show as-is. */
export class ScriptFileError extends Error {}

export function recoveryPath(target: string): string {
  return `${target}.dramaturge-recovery`;
}

/** The file as text (BOM kept), refusing what is not a UTF-8 text file or a file left by an interrupted save. */
export function readScript(path: string): string {
  if (!existsSync(path)) throw new ScriptFileError(`${path} does not exist. Start one with: dramaturge new "<logline>" -o ${path}`);
  const target = realpathSync(path);
  if (!statSync(target).isFile()) throw new ScriptFileError(`${path} is not a file.`);
  const recovery = recoveryPath(target);
  if (existsSync(recovery)) {
    throw new ScriptFileError(
      `An earlier save of ${path} was interrupted. ${recovery} holds the complete script it was writing. Compare the two, keep the one you want (rename it to ${basename(target)}), and delete the other; then run this again.`,
    );
  }
  const bytes = readFileSync(target);
  const why = notTextBytes(bytes);
  if (why) throw new ScriptFileError(`${path} is not a Fountain script: ${why}. Nothing was changed.`);
  return decodeText(bytes);
}

/** Refuses, before any model is asked, a file the CLI could not save. */
export function assertWritable(path: string): void {
  const target = realpathSync(path);
  // Mode bits, not access(2): as root, access() says yes to a file its owner made read-only.
  if ((statSync(target).mode & 0o222) === 0) {
    throw new ScriptFileError(`${path} is read-only, so nothing was generated. Make it writable (chmod u+w "${path}") or work on a copy.`);
  }
}

/** Writes `text` into the file in place, if it differs from what is there. Returns whether it wrote. */
export function saveScript(path: string, text: string): boolean {
  const target = realpathSync(path);
  const next = Buffer.from(text, 'utf8');
  if (readFileSync(target).equals(next)) return false;
  assertWritable(path);
  const recovery = recoveryPath(target);
  writeSynced(recovery, next, 'wx', statSync(target).mode & 0o777);
  let fd: number | undefined;
  let touched = false;
  try {
    fd = openSync(target, 'r+');
    touched = true;
    let at = 0;
    while (at < next.length) at += writeSync(fd, next, at, next.length - at, at);
    ftruncateSync(fd, next.length);
    fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    if (!touched) {
      unlinkSync(recovery);
      throw new ScriptFileError(`Could not open ${path} for writing (${code}). It was not changed.`);
    }
    throw new ScriptFileError(`Could not write ${path} (${code}). The complete new script is in ${recovery}; nothing is lost.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  unlinkSync(recovery);
  return true;
}

/**
 * The sidecar is Dramaturge's own file: written only when its content changed, and never
 * created empty. Write-then-rename suits it, since nothing else links to it.
 */
export function saveSidecarText(path: string, text: string, hasEntries: boolean): boolean {
  const exists = existsSync(path);
  if (!exists && !hasEntries) return false;
  if (exists && readFileSync(path, 'utf8') === text) return false;
  const target = exists ? realpathSync(path) : path;
  const tmp = `${target}.tmp-${process.pid}`;
  writeSynced(tmp, Buffer.from(text, 'utf8'), 'w', exists ? statSync(target).mode & 0o777 : 0o666);
  renameSync(tmp, target);
  return true;
}

function writeSynced(path: string, bytes: Buffer, flag: 'w' | 'wx', mode: number): void {
  writeFileSync(path, bytes, { flag, mode });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
