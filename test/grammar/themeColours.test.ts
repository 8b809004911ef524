// The grammar's scopes must be ones that common themes colour. Checked against VS Code's Default Dark
// Modern token colours (test/fixtures/grammar/dark-modern-token-colors.json): every kind of element
// looks different from plain action, and the structural ones differ from each other.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from '../support/corpus';
import { loadRegistry, splitLines } from './support/tokenize';

// vscode-textmate's encoded token metadata layout (EncodedTokenAttributes, not in its typings).
const FONT_STYLE_MASK = 0b0000_0000_0000_0000_0111_1000_0000_0000;
const FOREGROUND_MASK = 0b0000_0000_1111_1111_1000_0000_0000_0000;

interface Style {
  foreground: string;
  fontStyle: number;
}

const SAMPLE = [
  'Title: The Test', //                0
  '', //                               1
  '# ACT ONE', //                      2
  '= The setup.', //                   3
  '', //                               4
  'INT. HOUSE - DAY #1#', //           5
  '', //                               6
  'Plain action here. *it* **bo** _un_', // 7
  '', //                               8
  'BRICK (V.O.) ^', //                 9
  '(beat)', //                         10
  'Dialogue here [[a note]].', //      11
  '', //                               12
  'CUT TO:', //                        13
  '', //                               14
  '/* boneyard */', //                 15
  '', //                               16
  '> CENTERED <', //                   17
  '', //                               18
  '===', //                            19
];

describe('grammar: colours in Default Dark Modern', () => {
  const styles = new Map<string, Style>();

  before(async () => {
    const { registry, grammar } = await loadRegistry();
    const theme = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/grammar/dark-modern-token-colors.json'), 'utf8'));
    registry.setTheme(theme);
    const colours = registry.getColorMap();
    let state = vsctm.INITIAL;
    const texts = splitLines(SAMPLE.join('\n'));
    texts.forEach((text, lineNo) => {
      const r = grammar.tokenizeLine2(text, state);
      state = r.ruleStack;
      for (let i = 0; i < r.tokens.length; i += 2) {
        const start = r.tokens[i];
        const end = i + 2 < r.tokens.length ? r.tokens[i + 2] : text.length;
        const meta = r.tokens[i + 1];
        const style = { foreground: colours[(meta & FOREGROUND_MASK) >>> 15], fontStyle: (meta & FONT_STYLE_MASK) >>> 11 };
        styles.set(`${lineNo}:${text.slice(start, end)}`, style);
      }
    });
  });

  function styleOf(line: number, text: string): Style {
    for (const [key, style] of styles) {
      const [l, ...rest] = key.split(':');
      if (Number(l) === line && rest.join(':').includes(text)) return style;
    }
    throw new Error(`no token with ${JSON.stringify(text)} on line ${line}: ${[...styles.keys()].filter((k) => k.startsWith(`${line}:`)).join(' | ')}`);
  }

  it('plain action is the default foreground', () => {
    assert.deepEqual(styleOf(7, 'Plain action here.'), { foreground: '#CCCCCC', fontStyle: 0 });
  });

  const elements: [name: string, line: number, text: string][] = [
    ['title-page key', 0, 'Title'],
    ['section', 2, 'ACT ONE'],
    ['synopsis', 3, 'The setup.'],
    ['scene heading', 5, 'INT. HOUSE - DAY'],
    ['scene number', 5, '1'],
    ['cue', 9, 'BRICK'],
    ['cue extension', 9, '(V.O.)'],
    ['dual caret', 9, '^'],
    ['parenthetical', 10, 'beat'],
    ['dialogue', 11, 'Dialogue here'],
    ['note', 11, 'a note'],
    ['transition', 13, 'CUT TO:'],
    ['boneyard', 15, 'boneyard'],
    ['page break', 19, '==='],
    ['italic', 7, 'it'],
    ['bold', 7, 'bo'],
    ['underline', 7, 'un'],
  ];
  for (const [name, line, text] of elements) {
    it(`${name} looks different from plain action`, () => {
      const action = styleOf(7, 'Plain action here.');
      assert.notDeepEqual(styleOf(line, text), action, `${name}: ${JSON.stringify(styleOf(line, text))}`);
    });
  }

  it('heading, cue, dialogue, transition, section and notes each have a colour of their own', () => {
    const picked = {
      heading: styleOf(5, 'INT. HOUSE - DAY').foreground,
      cue: styleOf(9, 'BRICK').foreground,
      dialogue: styleOf(11, 'Dialogue here').foreground,
      transition: styleOf(13, 'CUT TO:').foreground,
      section: styleOf(2, 'ACT ONE').foreground,
      note: styleOf(11, 'a note').foreground,
    };
    assert.equal(new Set(Object.values(picked)).size, Object.keys(picked).length, JSON.stringify(picked));
  });

  after(async () => {
    // Other test files share the registry: leave it without a theme-specific colour map.
    (await loadRegistry()).registry.setTheme({ settings: [] });
  });
});
