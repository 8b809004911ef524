// Adversarial inputs for every exported function that reads script or model text, shared by the
// linear-time test (test/unit/text/linearTime.test.ts, one case per worker) and `npm run bench`.
// Each input is built so that a backtracking pattern would retry a long run from every position:
// long runs of spaces between characters that almost complete a match, a 1 MB heading line, runs of
// brackets, quotes and newlines that never close.
import { FountainDocument } from '../../../src/fountain';
import { findMistakes } from '../../../src/fountain/likelyMistakes';
import { findSceneNumber, splitHeading } from '../../../src/fountain/sceneHeading';
import { extractJson } from '../../../src/llm/jsonExtract';
import { displayUrl } from '../../../src/llm/errors';
import { redact } from '../../../src/llm/logger';
import { cleanReply, isDegenerate, parseBeats, parseCharacters, parseLogline, parsePlaceDescription, parseSceneDraft, parseTitle } from '../../../src/story/parsers';
import { cleanSuggestion } from '../../../src/story/sceneSuggestionPrompt';
import { draftProblems } from '../../../src/story/schema';
import { parseCharacterNote, parseHeading, parsePlaceNote, readStoryWithLayout } from '../../../src/story/storyReader';
import { joinLines, trimEndOf } from '../../../src/text/scan';

const KB100 = 100_000;
const spaces = (n = KB100) => ' '.repeat(n);

/** What the issue measured: `A` + spaces + `b`, a cue-like line that is not a cue. */
const cueLike = 'A' + spaces() + 'b';

function must(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

export const ADVERSARIAL_CASES: Record<string, () => void> = {
  'parser: cue-like line A + 100k spaces + b, before dialogue': () => {
    const doc = FountainDocument.parse(`\n${cueLike}\nHello.\n`);
    must(doc.lines[1].type === 'action', 'a line with lowercase is no cue');
  },
  'parser: cue with 100k spaces before its extensions and caret': () => {
    const doc = FountainDocument.parse(`\nMARA${spaces()}(V.O.)${spaces()}(CONT'D)${spaces()}^\nHello.\n`);
    must(doc.lines[1].type === 'character' && doc.lines[1].name === 'MARA', 'still a cue');
  },
  'parser: 100k unclosed parentheses in a cue': () => {
    FountainDocument.parse(`\nMARA ${'('.repeat(KB100)})\nHello.\n`);
  },
  'parser: 1 MB heading line with spaces and a near scene number': () => {
    const doc = FountainDocument.parse(`\nINT. HOUSE${' '.repeat(1_000_000)}#1A x\n\n`);
    must(doc.lines[1].type === 'sceneHeading' && doc.lines[1].sceneNumber === undefined, 'heading without a number');
  },
  'parser: 1 MB heading with a scene number after 1 MB of spaces': () => {
    const doc = FountainDocument.parse(`\nINT. HOUSE${' '.repeat(1_000_000)}#12#   \n\n`);
    must(doc.lines[1].sceneNumber?.text === '12', 'the number is found');
    must(doc.outline.allScenes[0].headingText === 'INT. HOUSE', 'and cut from the heading');
  },
  'parser: title page key then 100k spaces': () => {
    FountainDocument.parse(`Title${spaces()}x\n${'A:'.repeat(KB100 / 2)}\n`);
  },
  'parser: page break of 100k = then x': () => {
    FountainDocument.parse(`\n${'='.repeat(KB100)}x\n\n${spaces()}===${spaces()}x\n`);
  },
  'diagnostics: heading-like lines with long runs': () => {
    findMistakes(FountainDocument.parse(`\nINT.${spaces()}x\nA\n\n${cueLike}\nb\n`));
  },
  'story reader: character note NAME + 100k spaces + (': () => {
    parseCharacterNote('A' + spaces() + 'b' + spaces() + '(');
    parseCharacterNote('A' + spaces() + '(x)' + spaces() + 'y');
    parseCharacterNote('('.repeat(KB100));
    parsePlaceNote(cueLike);
  },
  'story reader: a script whose notes and headings hold 100k-space runs': () => {
    readStoryWithLayout(`Title: T\n\n# Characters\n\n[[${cueLike} (${spaces()}x: y]]\n\n# Act\n\nINT. A${spaces()}#1 x\n\n= ${spaces()}\n${spaces()}\nb\n`);
  },
  'story reader: heading parts of a 1 MB heading': () => {
    parseHeading('INT. ' + ' '.repeat(1_000_000) + '#1' + ' - DAY');
    splitHeading('INT.' + ' '.repeat(1_000_000) + 'x');
    findSceneNumber('#' + '1'.repeat(1_000_000) + ' #');
  },
  'model reply: characters with a 100k-space line (froze generate characters)': () => {
    const list = parseCharacters(`Here are your characters:\n\n- **MARA** (Mar): A keeper.\n${cueLike}\n1.${spaces()}**${spaces()}B${spaces()}(${spaces()}x`);
    must(list.items.some((c) => c.name === 'MARA'), 'the good line survives');
  },
  'model reply: characters lines of dashes, stars and colons': () => {
    try {
      parseCharacters(['-'.repeat(KB100), '*'.repeat(KB100), `A${'-'.repeat(KB100)}`, `A${spaces()}(${'('.repeat(KB100)}`].join('\n'));
    } catch (err) {
      must(err instanceof Error && err.name === 'OutputError', `a clear OutputError, not ${String(err)}`);
    }
  },
  'model reply: scene draft with long space runs, labels, cues and parentheses': () => {
    parseSceneDraft(
      [`Scene${spaces()}1${spaces()}x`, `**${spaces()}`, `**A**${spaces()}:${spaces()}x`, `MARA${spaces()}(${spaces()}x`, `MARA:${spaces()}`, cueLike, `(${spaces()}`, `#${spaces()}x`, `=${spaces()}x`, 'THE END'].join('\n\n'),
      ['MARA'],
    );
  },
  'model reply: closing chatter after 100k newlines': () => {
    cleanReply('Sure! Here it is:\n' + 'x' + '\n'.repeat(KB100) + 'y' + '\n'.repeat(KB100) + 'I hope this helps');
    cleanReply('```' + spaces() + 'x' + '<think>' + spaces());
  },
  'model reply: logline, title and place wrapped in 100k quotes and labels': () => {
    parseLogline('"'.repeat(KB100) + 'x' + '"'.repeat(KB100) + 'y');
    parseTitle('Title' + ':'.repeat(KB100) + ' ' + '*'.repeat(KB100) + 'x');
    parsePlaceDescription(':' + '-'.repeat(KB100) + 'description' + '.'.repeat(KB100) + 'x');
  },
  'model reply: beats and JSON with 100k-space runs': () => {
    try {
      parseBeats('[' + `{"heading": "INT. A${spaces()}#1 x", "beat": "${spaces()}"},`.repeat(3) + ',' + spaces() + ']');
    } catch (err) {
      must(err instanceof Error && err.name === 'OutputError', `a clear OutputError, not ${String(err)}`);
    }
    extractJson('```json' + spaces() + '{' + spaces() + ',' + spaces());
  },
  'model reply: looping check and inline suggestion cleanup': () => {
    isDegenerate(('a'.repeat(20) + '\n' + spaces() + '\n').repeat(10));
    cleanSuggestion('MARA ' + '('.repeat(KB100) + '\nHi.\n\n' + 'A'.repeat(KB100) + 'a\nx');
    draftProblems('\n' + spaces() + 'x' + spaces() + '\n' + spaces() + 'y');
  },
  'shared scans and redaction over 1 MB': () => {
    must(joinLines('a' + ' '.repeat(1_000_000) + 'b').length === 1_000_002, 'no break, nothing joined');
    trimEndOf('.'.repeat(1_000_000) + 'x', '.');
    redact('Bearer ' + ' '.repeat(1_000_000) + 'x', ['sk-secret-123']);
    displayUrl('http://127.0.0.1/' + '/'.repeat(KB100) + 'x?api-key=1');
  },
};
