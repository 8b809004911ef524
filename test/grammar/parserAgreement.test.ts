// Property test: on random scripts built from tricky lines, the grammar colours every line as the parser
// classifies it, except where only the next line decides (see support/compareWithParser.ts).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareWithParser } from './support/compareWithParser';
import { loadGrammar, tokenizeLines } from './support/tokenize';

const LINES = [
  '', '', '', '  ', '   ', '\t',
  'INT. HOUSE - DAY', 'EXT. PARK - NIGHT #12A#', 'int. kitchen - day', 'I/E CAR', 'INT./EXT. CAR', 'EST. CITY', 'INTERIOR',
  '.FORCED HEADING', '..dots', '.', '.44 Magnum.',
  'BOB', 'BOB (V.O.)', "HANS (on the radio) (CONT'D)", 'BOB ^', '@McCLANE', '@', '@ 23', 'R2D2', '23', 'ОН', 'Он идёт.',
  '(beat)', '(', 'Hello there.', 'He walks TO:', 'THE END.', 'FADE OUT.', 'CUT TO:', '\t\tCUT TO:', 'SMASH CUT TO:',
  '~La la', '> Burn to White.', '>', '> THE END <', '><', '>A<UTHORIZED',
  '# Act', '### Deep', '= synopsis', '==', '===', '=====  ', '!FORCED ACTION', '!', 'Notes: not a key',
  'He said [[a note]] and left.', '[[note only]]', '[[open note', 'closing]]', '/* open bone', 'closing */', '/* inline */ text',
  '*italic* _under_ **bold**', '\tIndented action', 'ALL CAPS ACTION LINE.',
];

describe('grammar: agrees with the parser on random scripts', () => {
  it('every line gets the parser’s kind (bar the next-line cases), over 1000 random scripts', async () => {
    const grammar = await loadGrammar();
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(...LINES), { maxLength: 40, size: 'max' }), (titlePage, body) => {
        const texts = titlePage ? ['Title: Random', '\tSecond line', 'Author: Someone', '', ...body] : body;
        const disagreements = compareWithParser(texts, tokenizeLines(grammar, texts));
        assert.deepEqual(disagreements, [], JSON.stringify({ texts, disagreements }, null, 1));
      }),
      { numRuns: 1000 },
    );
  });
});
