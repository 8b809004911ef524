import { open } from 'node:fs/promises';
import { basename } from 'node:path';

/** Every GGUF file starts with these four bytes (then a little-endian version number). */
const GGUF_MAGIC = Buffer.from('GGUF', 'ascii');

export class NotGgufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotGgufError';
  }
}

/**
 * Refuses a file that is not a GGUF model (checked by its magic bytes, not its name), with a
 * message that says what it is instead where that is easy to tell.
 */
export async function checkGgufFile(file: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(GGUF_MAGIC.length);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'it cannot be read (permission denied)' : (err as Error).message;
    throw new NotGgufError(`Cannot use ${basename(file)} as a model: ${why}.`);
  }
  if (!head.equals(GGUF_MAGIC)) {
    const what = head.length < GGUF_MAGIC.length ? 'it is too short to be one' : `it starts with ${JSON.stringify(head.toString('latin1'))}, not "GGUF"`;
    throw new NotGgufError(`${basename(file)} is not a GGUF model file: ${what}. Choose a .gguf file, e.g. one from a "-GGUF" repository on Hugging Face.`);
  }
}
