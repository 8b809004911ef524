export { scriptFromFountain } from './fromFountain';
export { writeFdx } from './writeFdx';
export { readFdx, FdxError, MAX_FDX_CHARS, type FdxDocument } from './readFdx';
export { fountainFromFdx } from './toFountain';
export { decodeFdx } from './decode';
export * from './script';

import type { FountainDocument } from '../fountain';
import { scriptFromFountain } from './fromFountain';
import { writeFdx } from './writeFdx';
import { readFdx } from './readFdx';
import { fountainFromFdx } from './toFountain';

/** `.fountain` (already parsed) → `.fdx` text. */
export function fountainToFdx(document: FountainDocument): string {
  return writeFdx(scriptFromFountain(document));
}

/** `.fdx` text → `.fountain` text. Throws `FdxError` with a message fit to show the writer. */
export function fdxToFountain(xml: string): string {
  return fountainFromFdx(readFdx(xml));
}
