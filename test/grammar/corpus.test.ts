// The corpus scripts (test/fixtures/corpus, copies of ../shared/corpus): tokenized in full, spot-checked,
// compared line by line with the parser, and timed at scale.
import * as assert from 'node:assert/strict';
import { bigFish, corpusFile } from '../support/corpus';
import { compareWithParser } from './support/compareWithParser';
import { assertScope } from './support/assertions';
import { describeLine, lineKind, loadGrammar, splitLines, tokenize, tokenizeLines, type TokenizedLine } from './support/tokenize';

const HEADING = 'markup.heading.scene.fountain';

function linesStarting(lines: TokenizedLine[], re: RegExp): TokenizedLine[] {
  return lines.filter((l) => re.test(l.text));
}

describe('grammar: corpus', () => {
  for (const name of ['big-fish.fountain', 'brick-and-steel.fountain']) {
    describe(name, () => {
      let lines: TokenizedLine[];
      before(async () => {
        lines = await tokenize(corpusFile(name));
      });

      it('tokenizes every line to its end (never stopped early), every character covered once', () => {
        assert.ok(lines.length > 100);
        for (const [i, l] of lines.entries()) {
          assert.equal(l.stoppedEarly, false, `line ${i + 1} stopped early`);
          const covered = l.tokens.map((t) => t.text).join('');
          assert.equal(covered, l.text, `line ${i + 1}: tokens do not cover the text`);
        }
      });

      it('gives every INT./EXT. line the scene-heading scope', () => {
        // `EXT/INT.` (Big Fish) is not one of the spec’s prefixes; the parser does not take it either.
        const headings = linesStarting(lines, /^(INT|EXT)[. ]/);
        assert.ok(headings.length >= (name.startsWith('big') ? 150 : 5), `${headings.length} headings`);
        for (const l of headings) {
          assert.equal(lineKind(l), 'sceneHeading', describeLine(l));
          assertScope(l, l.text.trim(), HEADING);
        }
      });

      it('agrees with the parser on every line, apart from the next-line limitation', () => {
        const texts = splitLines(corpusFile(name));
        assert.deepEqual(compareWithParser(texts, lines), []);
      });
    });
  }

  it('Brick & Steel: title page keys, multi-line values, dual caret, transitions, centered, forced heading, emphasis', async () => {
    const lines = await tokenize(corpusFile('brick-and-steel.fountain'));
    const at = (text: string): TokenizedLine => {
      const l = lines.find((x) => x.text === text);
      assert.ok(l, `no line ${JSON.stringify(text)}`);
      return l;
    };
    for (const key of ['Title', 'Credit', 'Author', 'Source', 'Draft date', 'Contact']) {
      const l = lines.find((x) => x.text.startsWith(`${key}:`));
      assert.ok(l, key);
      assertScope(l, key, 'support.type.property-name.title-page.fountain');
    }
    assertScope(at('\t_**FULL RETIRED**_'), 'FULL RETIRED', 'string.unquoted.title-page.value.fountain');
    assertScope(at('\t_**FULL RETIRED**_'), 'FULL RETIRED', 'markup.bold.fountain');
    assertScope(at('\tSolvang, CA 93463'), 'Solvang', 'string.unquoted.title-page.value.fountain');
    const dual = at('BRICK ^');
    assertScope(dual, 'BRICK', 'entity.name.function.character.fountain');
    assertScope(dual, '^', 'keyword.other.dual-dialogue.fountain');
    assertScope(at('SMASH CUT TO:'), 'SMASH CUT TO:', 'keyword.control.transition.fountain');
    assertScope(at('\t\t\t\tCUT TO:'), 'CUT TO:', 'keyword.control.transition.fountain');
    assertScope(at('.SNIPER SCOPE POV'), 'SNIPER SCOPE POV', HEADING);
    assertScope(at('> BRICK & STEEL <'), 'BRICK & STEEL', 'markup.other.centered.fountain');
    assertScope(at('> BURN TO PINK.'), 'BURN TO PINK.', 'keyword.control.transition.fountain');
    assertScope(at('\t\t\tJACK'), 'JACK', 'entity.name.function.character.fountain');
    assertScope(at('\t\t(in Vietnamese, subtitled)'), 'in Vietnamese, subtitled', 'meta.parenthetical.fountain');
    assertScope(at('\t*Did you know Brick and Steel are retired?*'), 'Did you know', 'markup.italic.fountain');
    assertScope(at('\t*Did you know Brick and Steel are retired?*'), 'Did you know', 'string.unquoted.dialogue.fountain');
    assertScope(at('\t_Permanently_.'), 'Permanently', 'markup.underline.fountain');
  });

  it('Big Fish: title page, page break, cues with extensions', async () => {
    const lines = await tokenize(corpusFile('big-fish.fountain'));
    for (const key of ['Title', 'Credit', 'Author', 'Source', 'Notes', 'Copyright']) {
      assertScope(lines.find((x) => x.text.startsWith(`${key}:`))!, key, 'support.type.property-name.title-page.fountain');
    }
    assertScope(lines.find((l) => l.text === '====')!, '====', 'keyword.other.page-break.fountain');
    const cue = lines.find((l) => l.text === "EDWARD (V.O.)(CONT'D)")!;
    assertScope(cue, 'EDWARD', 'entity.name.function.character.fountain');
    assertScope(cue, "(CONT'D)", 'entity.other.attribute-name.character-extension.fountain');
    // No title-page scope leaks past the title page.
    const firstBody = lines.findIndex((l) => l.text.startsWith('This is a Southern story'));
    assert.ok(lines.slice(firstBody).every((l) => l.tokens.every((t) => !t.scopes.includes('meta.title-page.fountain'))));
  });

  it('tokenizes Big Fish ×8 (about 1.1 MB) in a sane time (printed, not asserted)', async function () {
    this.timeout(120_000);
    const grammar = await loadGrammar();
    const texts = splitLines(bigFish(8));
    const t0 = performance.now();
    const lines = tokenizeLines(grammar, texts);
    const ms = performance.now() - t0;
    assert.equal(lines.length, texts.length);
    assert.ok(lines.every((l) => !l.stoppedEarly));
    const mb = texts.join('\n').length / 1e6;
    console.log(`      big-fish ×8: ${texts.length} lines, ${mb.toFixed(2)} MB tokenized in ${ms.toFixed(0)} ms`);
  });
});
