// One test per row of EDGE-CASES.md (test/fixtures/corpus copy of ../shared/corpus). Each asserts the
// grammar's line kinds and scopes, and that it agrees with the parser (src/fountain) except where the
// answer depends on the NEXT line, which a TextMate grammar cannot see: those rows say so in their name
// and assert the grammar's documented behaviour instead.
import * as assert from 'node:assert/strict';
import { corpusFile } from '../support/corpus';
import { assertAgreesWithParser, assertKinds, assertNoScope, assertScope } from './support/assertions';

const CUE = 'entity.name.function.character.fountain';
const EXTENSION = 'entity.other.attribute-name.character-extension.fountain';
const HEADING = 'markup.heading.scene.fountain';
const SCENE_NUMBER = 'constant.numeric.scene-number.fountain';
const DIALOGUE = 'string.unquoted.dialogue.fountain';

const covered = new Set<number>();
function row(n: number, title: string, body: () => Promise<void>): void {
  covered.add(n);
  it(`row ${n}: ${title}`, body);
}

describe('grammar: EDGE-CASES.md rows', () => {
  row(1, '`R2D2` then a line is a cue with dialogue', async () => {
    const [cue, dlg] = await assertKinds('R2D2\nBeep.', ['character', 'dialogue']);
    assertScope(cue, 'R2D2', CUE);
    assertScope(dlg, 'Beep.', DIALOGUE);
    await assertAgreesWithParser('R2D2\nBeep.');
  });

  row(2, '`23` is action: a cue needs a letter', async () => {
    const [num] = await assertKinds('23\nHello.', ['action', 'action']);
    assertNoScope(num, '23', 'entity.name.function');
    await assertAgreesWithParser('23\nHello.');
  });

  row(3, '`PO` is a cue', async () => {
    await assertKinds("PO\nI'm a panda.", ['character', 'dialogue']);
    await assertAgreesWithParser("PO\nI'm a panda.");
  });

  row(4, '`@McCLANE` is a forced cue; the `@` is markup, not name', async () => {
    const [cue] = await assertKinds('@McCLANE\nYippee ki-yay.', ['character', 'dialogue']);
    assertScope(cue, '@', 'punctuation.definition.character.forced.fountain');
    assertNoScope(cue, '@', 'entity.name.function');
    assertScope(cue, 'McCLANE', CUE);
    await assertAgreesWithParser('@McCLANE\nYippee ki-yay.');
  });

  row(5, 'cue extensions are scoped separately from the name', async () => {
    const text = "HANS (on the radio) (CONT'D)\nWhat was that?";
    const [cue] = await assertKinds(text, ['character', 'dialogue']);
    assertScope(cue, 'HANS', CUE);
    assertScope(cue, '(on the radio)', EXTENSION);
    assertScope(cue, "(CONT'D)", EXTENSION);
    assertNoScope(cue, '(on the radio)', 'entity.name.function');
    // Extensions written without a space, as in Big Fish.
    const [tight] = await assertKinds("EDWARD (V.O.)(CONT'D)\nBy the time", ['character', 'dialogue']);
    assertScope(tight, 'EDWARD', CUE);
    assertScope(tight, '(V.O.)', EXTENSION);
    assertScope(tight, "(CONT'D)", EXTENSION);
    await assertAgreesWithParser(text);
  });

  row(6, 'scene numbers `#1A#`, `#I-1-A#`, `#1.#` get their own scope', async () => {
    for (const num of ['1A', 'I-1-A', '1.']) {
      const text = `INT. HOUSE - DAY #${num}#\n\nAction.`;
      const [heading] = await assertKinds(text, ['sceneHeading', 'blank', 'action']);
      assertScope(heading, 'INT. HOUSE - DAY', HEADING);
      assertScope(heading, num, SCENE_NUMBER);
      assertNoScope(heading, 'HOUSE', 'constant.numeric');
      await assertAgreesWithParser(text);
    }
  });

  row(7, '`.SNIPER SCOPE POV` is a forced heading', async () => {
    const [heading] = await assertKinds('.SNIPER SCOPE POV\n\nAction.', ['sceneHeading', 'blank', 'action']);
    assertScope(heading, '.', 'punctuation.definition.scene-heading.forced.fountain');
    assertScope(heading, 'SNIPER SCOPE POV', HEADING);
    await assertAgreesWithParser('.SNIPER SCOPE POV\n\nAction.');
  });

  row(8, '`...and then` is action, not a forced heading', async () => {
    const [line] = await assertKinds('...and then\n\nmore.', ['action', 'blank', 'action']);
    assertNoScope(line, '...and then', 'markup.heading');
    await assertAgreesWithParser('...and then\n\nmore.');
  });

  row(9, '`.44 Magnum.` after a cue is dialogue', async () => {
    const [, dlg] = await assertKinds('HARRY\n.44 Magnum.', ['character', 'dialogue']);
    assertScope(dlg, '.44 Magnum.', DIALOGUE);
    assertNoScope(dlg, '.44', 'markup.heading');
    await assertAgreesWithParser('HARRY\n.44 Magnum.');
  });

  row(10, 'lowercase `int. house - day` is a heading', async () => {
    const [heading] = await assertKinds('int. house - day\n\nAction.', ['sceneHeading', 'blank', 'action']);
    assertScope(heading, 'int. house - day', HEADING);
    await assertAgreesWithParser('int. house - day\n\nAction.');
  });

  row(11, '(needs the next line) a heading with no blank line after: the grammar still colours it a heading; the parser calls it action', async () => {
    const text = 'INT. HOUSE - DAY\nJohn enters.';
    const [heading, next] = await assertKinds(text, ['sceneHeading', 'action']);
    assertScope(heading, 'INT. HOUSE - DAY', HEADING);
    // The grammar must not turn it into a cue with dialogue (what fountain-js does).
    assertNoScope(next, 'John enters.', 'string');
    await assertAgreesWithParser(text); // allowed difference: see compareWithParser
  });

  row(12, 'dual dialogue: `STEEL ^` carries the dual marker', async () => {
    const lines = await assertKinds('BRICK\nHi.\n\nSTEEL ^\nHey.', ['character', 'dialogue', 'blank', 'character', 'dialogue']);
    assertScope(lines[3], 'STEEL', CUE);
    assertScope(lines[3], '^', 'keyword.other.dual-dialogue.fountain');
    assertNoScope(lines[3], 'STEEL', 'keyword');
    await assertAgreesWithParser('BRICK\nHi.\n\nSTEEL ^\nHey.');
  });

  row(13, '`BOB ^` after an action line: the grammar marks the caret; pairing is the parser’s job', async () => {
    const text = 'ALICE\nHi.\n\nAction.\n\nBOB ^\nHey.';
    const lines = await assertKinds(text, ['character', 'dialogue', 'blank', 'action', 'blank', 'character', 'dialogue']);
    assertScope(lines[5], '^', 'keyword.other.dual-dialogue.fountain');
    await assertAgreesWithParser(text);
  });

  row(14, 'two `~` lines are lyrics', async () => {
    const lines = await assertKinds('~Willy Wonka!\n~The amazing chocolatier!', ['lyric', 'lyric']);
    assertScope(lines[0], '~', 'punctuation.definition.lyric.fountain');
    assertScope(lines[1], 'The amazing chocolatier!', 'markup.italic.lyric.fountain');
    await assertAgreesWithParser('~Willy Wonka!\n~The amazing chocolatier!');
  });

  row(15, 'a lyric inside dialogue', async () => {
    const [, lyric] = await assertKinds('JOHN\n~La la la', ['character', 'lyric']);
    assertScope(lyric, 'La la la', 'markup.italic.lyric.fountain');
    assertScope(lyric, 'La la la', 'meta.dialogue.fountain');
    await assertAgreesWithParser('JOHN\n~La la la');
  });

  row(16, '`CUT TO:` between blank lines is a transition', async () => {
    const lines = await assertKinds('Action.\n\nCUT TO:\n\nINT. X - DAY', ['action', 'blank', 'transition', 'blank', 'sceneHeading']);
    assertScope(lines[2], 'CUT TO:', 'keyword.control.transition.fountain');
    // Indented, as in Brick & Steel.
    const [indented] = await assertKinds('\t\t\t\tCUT TO:\n', ['transition', 'blank']);
    assertScope(indented, 'CUT TO:', 'keyword.control.transition.fountain');
    await assertAgreesWithParser('Action.\n\nCUT TO:\n\nINT. X - DAY');
  });

  row(17, '`He walks over TO:` is action (a transition is uppercase)', async () => {
    // (A blank first line: at the very start it would read as a title-page key.)
    const [, line] = await assertKinds('\nHe walks over TO:\n', ['blank', 'action', 'blank']);
    assertNoScope(line, 'TO:', 'keyword');
    await assertAgreesWithParser('\nHe walks over TO:\n');
  });

  row(18, '`> Burn to White.` is a forced transition', async () => {
    const [line] = await assertKinds('> Burn to White.', ['transition']);
    assertScope(line, '>', 'punctuation.definition.transition.forced.fountain');
    assertScope(line, 'Burn to White.', 'keyword.control.transition.fountain');
    await assertAgreesWithParser('> Burn to White.');
  });

  row(19, '`> THE END <` is centered', async () => {
    const [line] = await assertKinds('> THE END <', ['centered']);
    assertScope(line, 'THE END', 'markup.other.centered.fountain');
    assertScope(line, '<', 'punctuation.definition.centered.end.fountain');
    assertNoScope(line, 'THE END', 'keyword');
    await assertAgreesWithParser('> THE END <');
  });

  row(20, '`>A<UTHORIZED` is action, neither centered nor a transition', async () => {
    const [line] = await assertKinds('>A<UTHORIZED', ['action']);
    assertNoScope(line, '>A<UTHORIZED', 'keyword');
    assertNoScope(line, '>A<UTHORIZED', 'punctuation');
    await assertAgreesWithParser('>A<UTHORIZED');
  });

  row(21, 'title page with a multi-line Title at the very start', async () => {
    const text = 'Title:\n    A\n    B\nAuthor: X\n\nINT. HOUSE - DAY\n\nAction.';
    const lines = await assertKinds(text, ['titleKey', 'titleValue', 'titleValue', 'titleKey', 'blank', 'sceneHeading', 'blank', 'action']);
    assertScope(lines[0], 'Title', 'support.type.property-name.title-page.fountain');
    assertScope(lines[1], 'A', 'string.unquoted.title-page.value.fountain');
    assertScope(lines[3], 'X', 'string.unquoted.title-page.value.fountain');
    assertNoScope(lines[5], 'INT.', 'meta.title-page');
    await assertAgreesWithParser(text);
  });

  row(22, 'a title page whose first key is custom (`Format: Feature`)', async () => {
    const text = 'Format: Feature\nTitle: Big\n\nAction.';
    const lines = await assertKinds(text, ['titleKey', 'titleKey', 'blank', 'action']);
    assertScope(lines[0], 'Format', 'support.type.property-name.title-page.fountain');
    assertScope(lines[0], 'Feature', 'string.unquoted.title-page.value.fountain');
    await assertAgreesWithParser(text);
  });

  row(23, '`Notes: call Bob` mid-script is action (keys only at the start of the file)', async () => {
    const text = 'INT. HOUSE - DAY\n\nNotes: call Bob\n\nTitle: Nope';
    const lines = await assertKinds(text, ['sceneHeading', 'blank', 'action', 'blank', 'action']);
    assertNoScope(lines[2], 'Notes', 'support.type.property-name');
    assertNoScope(lines[4], 'Title', 'support.type.property-name');
    // A blank first line means no title page either.
    await assertKinds('\nTitle: X', ['blank', 'action']);
    await assertAgreesWithParser(text);
  });

  row(24, 'a line of exactly two spaces keeps the dialogue block going', async () => {
    const text = 'DEALER\nTen.\n  \nHit or stand?';
    const lines = await assertKinds(text, ['character', 'dialogue', 'dialogue', 'dialogue']);
    assertScope(lines[3], 'Hit or stand?', DIALOGUE);
    // Three spaces (or a tab) is a blank line and ends the block.
    const ended = await assertKinds('DEALER\nTen.\n   \nHit or stand?', ['character', 'dialogue', 'blank', 'action']);
    assertNoScope(ended[3], 'Hit or stand?', 'string');
    await assertAgreesWithParser(text);
    await assertAgreesWithParser('DEALER\nTen.\n   \nHit or stand?');
  });

  row(25, 'a note spanning lines inside action', async () => {
    const text = 'Action [[a note\nthat spans]] lines';
    const lines = await assertKinds(text, ['action', 'action']);
    assertScope(lines[0], 'a note', 'comment.block.note.fountain');
    assertScope(lines[1], 'that spans', 'comment.block.note.fountain');
    assertNoScope(lines[1], 'lines', 'comment');
    assertScope(lines[1], 'lines', 'meta.action.fountain');
    assertNoScope(lines[0], 'Action', 'comment');
    await assertAgreesWithParser(text);
  });

  row(26, '`# ACT ONE` is a depth-1 section, `= The setup.` a synopsis', async () => {
    const lines = await assertKinds('# ACT ONE\n= The setup.\n\n### Deep', ['section', 'synopsis', 'blank', 'section']);
    assertScope(lines[0], '#', 'punctuation.definition.heading.section.fountain');
    assertScope(lines[0], 'ACT ONE', 'entity.name.type.section.fountain');
    assertScope(lines[1], 'The setup.', 'comment.line.synopsis.fountain');
    // Depth is the length of the `#` run.
    assertScope(lines[3], '###', 'punctuation.definition.heading.section.fountain');
    await assertAgreesWithParser('# ACT ONE\n= The setup.\n\n### Deep');
  });

  row(27, 'Cyrillic lowercase prevents a cue; Cyrillic uppercase makes one', async () => {
    const lines = await assertKinds('Он идёт.\nОна бежит.', ['action', 'action']);
    assertNoScope(lines[0], 'Он', 'entity.name.function');
    const cue = await assertKinds('ОН\nПривет.', ['character', 'dialogue']);
    assertScope(cue[0], 'ОН', CUE);
    await assertAgreesWithParser('Он идёт.\nОна бежит.\n\nОН\nПривет.');
  });

  row(28, 'an uppercase line with no blank line before it is action', async () => {
    const text = 'He screams.\nAAAARGH\nShe runs.';
    const lines = await assertKinds(text, ['action', 'action', 'action']);
    assertNoScope(lines[1], 'AAAARGH', 'entity.name.function');
    await assertAgreesWithParser(text);
  });

  row(29, '`===` alone (also with trailing spaces, also longer) is a page break', async () => {
    const lines = await assertKinds('===\n\n===   \n\n====', ['pageBreak', 'blank', 'pageBreak', 'blank', 'pageBreak']);
    assertScope(lines[0], '===', 'keyword.other.page-break.fountain');
    await assertKinds('== x', ['synopsis']);
    await assertAgreesWithParser('===\n\n===   \n\n====\n\n== x');
  });

  row(30, 'tab-indented action keeps its indentation as part of the line', async () => {
    const [line] = await assertKinds('\tIndented action', ['action']);
    assert.equal(line.tokens[0].text.startsWith('\t'), true);
    assertScope(line, 'Indented action', 'meta.action.fountain');
    await assertAgreesWithParser('\tIndented action');
  });

  row(31, '`!SCANNING THE AISLES...` is forced action', async () => {
    const [line] = await assertKinds('!SCANNING THE AISLES...\nMore.', ['action', 'action']);
    assertScope(line, '!', 'punctuation.definition.action.forced.fountain');
    assertNoScope(line, 'SCANNING', 'entity.name.function');
    await assertAgreesWithParser('!SCANNING THE AISLES...\nMore.');
  });

  row(32, 'boneyard: nothing inside it is a scene', async () => {
    const text = '/* cut scene\nINT. GONE - DAY\n*/\n\nAction.';
    const lines = await assertKinds(text, ['boneyard', 'boneyard', 'boneyard', 'blank', 'action']);
    assertScope(lines[1], 'INT. GONE - DAY', 'comment.block.boneyard.fountain');
    assertNoScope(lines[1], 'INT. GONE - DAY', 'markup.heading');
    await assertAgreesWithParser(text);
  });

  row(33, 'emphasis inside dialogue', async () => {
    const [, dlg] = await assertKinds('BRICK (V.O.)\n*Bold* and _under_ **strong** ***both***', ['character', 'dialogue']);
    assertScope(dlg, 'Bold', 'markup.italic.fountain');
    assertScope(dlg, 'under', 'markup.underline.fountain');
    assertScope(dlg, 'strong', 'markup.bold.fountain');
    assertScope(dlg, 'both', 'markup.bold.fountain');
    assertScope(dlg, 'both', 'markup.italic.fountain');
    assertScope(dlg, ' and ', DIALOGUE);
    assertNoScope(dlg, ' and ', 'markup');
    for (const word of ['Bold', 'under', 'strong', 'both']) assertScope(dlg, word, DIALOGUE);
  });

  row(34, '`INT./EXT.`, `I/E`, `EST.` headings', async () => {
    for (const h of ['INT./EXT. CAR - MOVING', 'INT/EXT CAR', 'I/E CAR', 'EST. CITY', 'ext. road']) {
      const [line] = await assertKinds(`${h}\n`, ['sceneHeading', 'blank']);
      assertScope(line, h, HEADING);
      await assertAgreesWithParser(`${h}\n`);
    }
    // A prefix glued to a word is not a heading.
    await assertKinds('INTERIOR DESIGN is hard\n', ['action', 'blank']);
    await assertKinds('Estimate the cost.\n', ['action', 'blank']);
  });

  row(35, '(needs the next line) `THE END.` alone: the grammar colours it as a cue; the parser calls it action', async () => {
    const text = 'Action.\n\nTHE END.\n';
    const lines = await assertKinds(text, ['action', 'blank', 'character', 'blank']);
    assertNoScope(lines[2], 'THE END.', 'keyword'); // not a transition either way
    await assertAgreesWithParser(text); // allowed difference: see compareWithParser
  });

  row(36, 'an unterminated `/*` or `[[` runs to the end of the file without stopping the tokenizer', async () => {
    const bone = await assertKinds('Action.\n\n/* never closed\n\nINT. X - DAY\n\nBOB\nHi.', [
      'action', 'blank', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'boneyard',
    ]);
    assert.ok(bone.every((l) => !l.stoppedEarly));
    assertScope(bone[6], 'BOB', 'comment.block.boneyard.fountain');
    const note = await assertKinds('Action [[never closed\n\nINT. X - DAY\nBOB', ['action', 'note', 'note', 'note']);
    assertScope(note[2], 'INT. X - DAY', 'comment.block.note.fountain');
    await assertAgreesWithParser('Action.\n\n/* never closed\n\nINT. X - DAY\n\nBOB\nHi.');
    await assertAgreesWithParser('Action [[never closed\n\nINT. X - DAY\nBOB');
  });

  it('covers every row of EDGE-CASES.md', () => {
    const rows = [...corpusFile('EDGE-CASES.md').matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]));
    assert.ok(rows.length >= 36, `found ${rows.length} rows`);
    assert.deepEqual(rows.filter((n) => !covered.has(n)), []);
  });
});
