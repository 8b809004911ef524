// Differential check: the grammar's per-line verdict against src/fountain's parser, which is the
// reference. Only the documented limitation (a TextMate grammar cannot see the next line) may differ.
import { FountainDocument } from '../../../src/fountain';
import type { TokenizedLine } from './tokenize';
import { lineKind, type GrammarLineKind } from './tokenize';

export interface Disagreement {
  line: number;
  text: string;
  parser: string;
  grammar: GrammarLineKind;
}

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

/**
 * The differences the grammar is allowed, all on the first line of a paragraph and all decided by
 * the NEXT line, which the grammar cannot see. The rest of that paragraph is then skipped too: a
 * would-be transition that the parser reads as a cue turns what follows into dialogue, and a would-be
 * cue followed by a two-space line turns that line into dialogue for the grammar but action for the parser.
 */
function explainedByNextLine(grammar: GrammarLineKind, parser: string, nextText: string | undefined): boolean {
  // An uppercase line followed by a blank line (or a whitespace-only one) is action, not a cue.
  if (grammar === 'character' && parser === 'action' && isBlank(nextText)) return true;
  // A scene heading needs a blank line after it.
  if (grammar === 'sceneHeading' && parser === 'action' && !isBlank(nextText)) return true;
  // An uppercase `… TO:` line followed by text is a cue (or action), not a transition.
  if (grammar === 'transition' && (parser === 'character' || parser === 'action') && !isBlank(nextText)) return true;
  return false;
}

export function compareWithParser(texts: readonly string[], tokenized: readonly TokenizedLine[]): Disagreement[] {
  const doc = FountainDocument.parse(texts.join('\n'));
  const out: Disagreement[] = [];
  let skipping = false;
  for (let i = 0; i < texts.length; i++) {
    const parser = doc.lines[i].type;
    if (skipping) {
      if (parser === 'blank') skipping = false;
      else continue;
    }
    const grammar = lineKind(tokenized[i]);
    if (grammar === parser) continue;
    if (explainedByNextLine(grammar, parser, texts[i + 1])) {
      skipping = true;
      continue;
    }
    out.push({ line: i, text: texts[i], parser, grammar });
  }
  return out;
}
