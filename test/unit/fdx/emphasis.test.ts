import * as assert from 'node:assert/strict';
import { emphasisRuns, plainText } from '../../../src/fountain/emphasis';

describe('Fountain emphasis', () => {
  const cases: [string, ReturnType<typeof emphasisRuns>][] = [
    ['plain', [{ text: 'plain' }]],
    ['*italic* word', [{ text: 'italic', italic: true }, { text: ' word' }]],
    ['**bold**', [{ text: 'bold', bold: true }]],
    ['***both***', [{ text: 'both', bold: true, italic: true }]],
    ['_under_', [{ text: 'under', underline: true }]],
    ['_**BRICK & STEEL**_', [{ text: 'BRICK & STEEL', bold: true, underline: true }]],
    ['**bold *and italic* bold**', [{ text: 'bold ', bold: true }, { text: 'and italic', bold: true, italic: true }, { text: ' bold', bold: true }]],
    ['2 * 3 * 4', [{ text: '2 * 3 * 4' }]],
    ['\\*not italic\\*', [{ text: '*not italic*' }]],
    ['a lone * star', [{ text: 'a lone * star' }]],
    ['*open but never closed', [{ text: '*open but never closed' }]],
    ['snake_case_name', [{ text: 'snake', }, { text: 'case', underline: true }, { text: 'name' }]],
    ['back\\\\slash', [{ text: 'back\\slash' }]],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(emphasisRuns(input), expected));
  }

  it('markup characters never reach the printed text', () => {
    assert.equal(plainText('_**BRICK & STEEL**_'), 'BRICK & STEEL');
  });
});
