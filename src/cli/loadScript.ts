import { existsSync, readFileSync } from 'node:fs';
import { FountainDocument } from '../fountain';
import { loadAuthorship } from '../provenance';
import type { LoadedAuthorship } from '../provenance';
import { parseSidecar, readStoryFromDocument, sidecarPath } from '../story';
import type { Sidecar, Story } from '../story';
import { assertWritable, readScript } from './scriptFile';
import { UsageError } from './options';

/** A script as the commands that read its story see it: text, story, sidecar and authorship. */
export interface Loaded {
  path: string;
  /** The file as read, so writes patch only the items that changed. */
  text: string;
  story: Story;
  sidecar: Sidecar;
  titlePageExtras: string[];
  /** Who wrote each word of `text`, reconciled with edits made since the sidecar was written. */
  authorship: LoadedAuthorship;
  doc: FountainDocument;
}

/** Reads the script; `forWriting` refuses a read-only file before any model is asked. */
export function load(path: string | undefined, forWriting: boolean): Loaded {
  if (!path) throw new UsageError('Which .fountain file? Give its path as the last argument.');
  const text = readScript(path);
  if (forWriting) assertWritable(path);
  const doc = FountainDocument.parse(text);
  const { story, titlePageExtras } = readStoryFromDocument(doc);
  const side = sidecarPath(path);
  const sidecar = parseSidecar(existsSync(side) ? readFileSync(side, 'utf8') : undefined);
  return { path, text, doc, story, titlePageExtras, sidecar, authorship: loadAuthorship(text, doc, sidecar) };
}

