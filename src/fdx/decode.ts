import { FdxError, MAX_FDX_CHARS } from './readFdx';

/**
 * The text of an `.fdx` file's bytes. Final Draft writes UTF-8; a UTF-16 file (from another
 * tool) is recognised by its byte-order mark. Too-large files are refused before decoding.
 */
export function decodeFdx(bytes: Uint8Array): string {
  if (bytes.length > MAX_FDX_CHARS * 2) throw new FdxError(`The file is ${Math.round(bytes.length / 1048576)} MB; a Final Draft script is far smaller, so it was not read.`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
