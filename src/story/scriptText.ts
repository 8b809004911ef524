/**
 * Whether a file is a script at all, before anything reads or rewrites it. Fountain is plain
 * UTF-8 text; an image or a UTF-16 file read as UTF-8 would come out as mojibake, and writing that
 * back would destroy it. The tests are git's and the editor's: a NUL byte means binary, and bytes
 * that are not valid UTF-8 mean another encoding.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Why `bytes` are not a UTF-8 text file, or undefined when they are. */
export function notTextBytes(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return 'it contains NUL bytes, as images and other binary files do';
  try {
    utf8.decode(bytes);
    return undefined;
  } catch {
    return 'it is not valid UTF-8 text (another encoding, or a binary file)';
  }
}

/** The same judgement on text an editor already decoded: NUL characters, or undecodable bytes (U+FFFD). */
export function notTextContent(text: string): string | undefined {
  if (text.includes('\u0000')) return 'it contains NUL characters, as images and other binary files do';
  if (text.includes('\uFFFD')) return 'it contains bytes that are not valid UTF-8 text (shown as �)';
  return undefined;
}

/** UTF-8 bytes as text, the BOM kept as U+FEFF so that writing the text back keeps it. */
export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
