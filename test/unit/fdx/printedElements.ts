import { parseEmphasis, toRuns } from '../../../src/print/styledText';
import type { TextRun as StyledRun } from '../../../src/print/types';
import { FountainDocument, type FountainLine } from '../../../src/fountain';

/** What a reader of the printed script sees, element by element, straight from the parser. */
export interface PrintedElement {
  type: string;
  runs: StyledRun[];
  number?: string;
}

/**
 * The printable elements of a script in order, worked out independently of the converter: one
 * element per printed source line (an action paragraph of three lines is three elements), with
 * its emphasis. Lyrics count as italic dialogue, since Final Draft has no lyric element.
 */
export function printedElements(text: string): PrintedElement[] {
  const doc = FountainDocument.parse(text);
  const out: PrintedElement[] = [];
  for (const line of doc.lines) {
    const visible = withoutHidden(line);
    const el = (type: string, shown: string, extra: Partial<StyledRun> = {}): PrintedElement => ({
      type,
      runs: toRuns(parseEmphasis(shown)).map((r) => ({ ...r, ...extra })),
    });
    switch (line.type) {
      case 'sceneHeading': {
        const e = el('heading', visible.replace(/\s*#[^#]+#\s*$/, '').trim().replace(/^\.(?!\.)/, ''));
        if (line.sceneNumber) e.number = line.sceneNumber.text;
        out.push(e);
        break;
      }
      case 'action':
        out.push(el('action', (line.forced ? visible.replace(/^(\s*)!/, '$1') : visible).trimEnd()));
        break;
      case 'centered':
        out.push(el('centered', visible.trim().replace(/^>\s*/, '').replace(/\s*<$/, '')));
        break;
      case 'character':
        out.push(el('character', [line.name, ...(line.extensions ?? []).map((e) => e.text)].join(' ')));
        break;
      case 'parenthetical':
        out.push(el('parenthetical', visible.trim()));
        break;
      case 'dialogue':
        out.push(el('dialogue', visible.trim()));
        break;
      case 'lyric':
        out.push(el('dialogue', visible.trim().replace(/^~/, '').trim(), { italic: true }));
        break;
      case 'transition':
        out.push(el('transition', visible.trim().replace(/^>\s*/, '')));
        break;
      case 'pageBreak':
        out.push({ type: 'pageBreak', runs: [] });
        break;
    }
  }
  return out;
}

function withoutHidden(line: FountainLine): string {
  let text = line.text;
  const spans = [...(line.notes ?? []), ...(line.boneyard ?? [])].sort((a, b) => b.start - a.start);
  for (const s of spans) text = text.slice(0, s.start) + text.slice(s.end);
  return text;
}
