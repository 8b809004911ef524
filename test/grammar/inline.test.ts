// Inline markup (emphasis, escapes, notes, boneyard), the title page, and line endings.
import * as assert from 'node:assert/strict';
import { assertAgreesWithParser, assertKinds, assertNoScope, assertScope } from './support/assertions';
import { describeLine, lineKind, loadGrammar, tokenize, tokenizeLines } from './support/tokenize';

const NOTE = 'comment.block.note.fountain';
const BONEYARD = 'comment.block.boneyard.fountain';

describe('grammar: emphasis and escapes', () => {
  it('marks *italic*, **bold**, ***bold italic*** and _underline_ in action, with their delimiters as punctuation', async () => {
    const [line] = await tokenize('He *runs* **fast** ***now*** _away_.');
    assertScope(line, 'runs', 'markup.italic.fountain');
    assertScope(line, 'fast', 'markup.bold.fountain');
    assertNoScope(line, 'fast', 'markup.italic');
    assertScope(line, 'now', 'markup.bold.fountain');
    assertScope(line, 'now', 'markup.italic.fountain');
    assertScope(line, 'away', 'markup.underline.fountain');
    assertScope(line, '***', 'punctuation.definition.bold.italic.fountain');
    assertScope(line, '_', 'punctuation.definition.underline.fountain');
    assertNoScope(line, 'He ', 'markup');
    for (const word of ['runs', 'fast', 'now', 'away']) assertScope(line, word, 'meta.action.fountain');
  });

  it('nests emphasis: underline around italic, bold around italic', async () => {
    const [line] = await tokenize("_Steel's face FILLS the *Leupold Mark 4* scope_. **big *small* big**");
    assertScope(line, 'Leupold Mark 4', 'markup.underline.fountain');
    assertScope(line, 'Leupold Mark 4', 'markup.italic.fountain');
    assertScope(line, "Steel's face", 'markup.underline.fountain');
    assertNoScope(line, "Steel's face", 'markup.italic');
    assertScope(line, 'small', 'markup.bold.fountain');
    assertScope(line, 'small', 'markup.italic.fountain');
  });

  it('leaves stray or spaced markers alone (5 * 3, snake _ case, a lone *)', async () => {
    const [line] = await tokenize('Multiply 5 * 3 * 2 and a _ b and one * star.');
    assertNoScope(line, 'Multiply 5 * 3 * 2 and a _ b and one * star.', 'markup');
  });

  it('never lets emphasis span lines', async () => {
    const lines = await tokenize('He *starts\nand ends* here.');
    assertNoScope(lines[0], 'starts', 'markup');
    assertNoScope(lines[1], 'and ends', 'markup');
  });

  it('treats \\* and \\_ as escapes, not emphasis', async () => {
    const [line] = await tokenize('Price: \\*5\\* and \\_x\\_ but *real*');
    assertScope(line, '\\*', 'constant.character.escape.fountain');
    assertScope(line, '\\_', 'constant.character.escape.fountain');
    assertNoScope(line, '5', 'markup');
    assertNoScope(line, 'x', 'markup');
    assertScope(line, 'real', 'markup.italic.fountain');
    // An escaped star inside emphasis does not close it.
    const [inner] = await tokenize('Say *a \\* b* now');
    assertScope(inner, ' b', 'markup.italic.fountain');
    assertNoScope(inner, ' now', 'markup');
  });

  it('applies emphasis in headings, transitions, centered text, lyrics and title values too', async () => {
    const lines = await tokenize('Title: _**BRICK**_\n\nINT. *DARK* ROOM - DAY\n\n> *THE END* <\n\n~*la*');
    assertScope(lines[0], 'BRICK', 'markup.bold.fountain');
    assertScope(lines[0], 'BRICK', 'markup.underline.fountain');
    assertScope(lines[2], 'DARK', 'markup.italic.fountain');
    assertScope(lines[2], 'DARK', 'markup.heading.scene.fountain');
    assertScope(lines[4], 'THE END', 'markup.italic.fountain');
    assertScope(lines[6], 'la', 'markup.italic.fountain');
  });
});

describe('grammar: notes and boneyard', () => {
  it('a note inside dialogue, a multi-line note, and text after it on the closing line', async () => {
    const lines = await assertKinds('BOB\nHi [[to\nhimself]] there.\nBye.', ['character', 'dialogue', 'dialogue', 'dialogue']);
    assertScope(lines[1], 'to', NOTE);
    assertScope(lines[2], 'himself', NOTE);
    assertScope(lines[2], ' there.', 'string.unquoted.dialogue.fountain');
    assertNoScope(lines[2], ' there.', 'comment');
    assertScope(lines[1], '[[', 'punctuation.definition.comment.begin.fountain');
    assertScope(lines[2], ']]', 'punctuation.definition.comment.end.fountain');
    await assertAgreesWithParser('BOB\nHi [[to\nhimself]] there.\nBye.');
  });

  it('a note spanning a blank line does not end the dialogue block', async () => {
    const text = 'BOB\nHi [[a\n\nb]]\nStill talking.';
    const lines = await assertKinds(text, ['character', 'dialogue', 'note', 'note', 'dialogue']);
    assertScope(lines[4], 'Still talking.', 'string.unquoted.dialogue.fountain');
    await assertAgreesWithParser(text);
  });

  it('a note-only line between a blank line and a cue keeps the cue a cue', async () => {
    const text = 'Action.\n\n[[remember this]]\nBOB\nHi.';
    const lines = await assertKinds(text, ['action', 'blank', 'note', 'character', 'dialogue']);
    assertScope(lines[2], 'remember this', NOTE);
    await assertAgreesWithParser(text);
  });

  it('boneyard inside a line, across blank lines, and nothing nests inside a note or boneyard', async () => {
    const text = 'He /* cut\n\nINT. X - DAY\n*/ leaves. [[a /* not boneyard ]] done';
    const lines = await assertKinds(text, ['action', 'boneyard', 'boneyard', 'action']);
    assertScope(lines[0], 'cut', BONEYARD);
    assertNoScope(lines[0], 'He', 'comment');
    assertScope(lines[3], ' leaves. ', 'meta.action.fountain');
    assertNoScope(lines[3], ' leaves. ', 'comment');
    assertScope(lines[3], ' not boneyard ', NOTE);
    assertNoScope(lines[3], ' not boneyard ', 'comment.block.boneyard');
    assertNoScope(lines[3], ' done', 'comment');
    const [inBone] = await tokenize('/* **bold** [[note]] */');
    assertNoScope(inBone, 'bold', 'markup');
    assertNoScope(inBone, 'note', NOTE);
    await assertAgreesWithParser(text);
  });

  it('a boneyard that hides a whole scene lets the tokenizer carry on afterwards', async () => {
    const text = '/*\nINT. GONE - DAY\n\nBOB\nHi.\n*/\n\nEXT. HERE - DAY\n\nALICE\nHello.';
    await assertKinds(text, ['boneyard', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'boneyard', 'blank', 'sceneHeading', 'blank', 'character', 'dialogue']);
    await assertAgreesWithParser(text);
  });
});

describe('grammar: title page', () => {
  it('keys and values, indented multi-line values, custom keys, up to the first blank line', async () => {
    const text = 'Title:\n\t_**BRICK & STEEL**_\nCredit: Written by\nDraft date: 1/27/2012\nLogline: A test.\nContact:\n    Next Level\n    Solvang\n\nFade in on a house.';
    const lines = await assertKinds(text, ['titleKey', 'titleValue', 'titleKey', 'titleKey', 'titleKey', 'titleKey', 'titleValue', 'titleValue', 'blank', 'action']);
    assertScope(lines[3], 'Draft date', 'support.type.property-name.title-page.fountain');
    assertScope(lines[3], ':', 'punctuation.separator.key-value.fountain');
    assertScope(lines[4], 'Logline', 'support.type.property-name.title-page.fountain');
    assertScope(lines[6], 'Next Level', 'string.unquoted.title-page.value.fountain');
    assertNoScope(lines[9], 'Fade in', 'meta.title-page');
    await assertAgreesWithParser(text);
  });

  it('only at the very start of the file: a later `Title:` or one after a scene is not a key', async () => {
    const lines = await tokenize('INT. HOUSE - DAY\n\nTitle: Not a key\nAuthor: Nope');
    for (const l of lines.slice(2)) assert.notEqual(lineKind(l), 'titleKey', describeLine(l));
    assertNoScope(lines[2], 'Title', 'support.type.property-name');
  });

  it('a first line that is a transition (`CUT TO:`) is not a title page', async () => {
    const lines = await assertKinds('CUT TO:\n\nINT. X - DAY', ['transition', 'blank', 'sceneHeading']);
    assertNoScope(lines[0], 'CUT TO', 'support.type.property-name');
    await assertAgreesWithParser('CUT TO:\n\nINT. X - DAY');
  });
});

describe('grammar: line endings', () => {
  const text = 'Title: T\n\nINT. HOUSE - DAY\n\nBOB ^\nHi.\n  \nMore.\n\nCUT TO:\n\n> END <\n';

  it('CRLF text split the way VS Code splits it tokenizes exactly like LF text', async () => {
    const lf = await tokenize(text);
    const crlf = await tokenize(text.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.map((l) => l.tokens), lf.map((l) => l.tokens));
    assert.deepEqual(lf.map(lineKind), [
      'titleKey', 'blank', 'sceneHeading', 'blank', 'character', 'dialogue', 'dialogue', 'dialogue', 'blank', 'transition', 'blank', 'centered', 'blank',
    ]);
  });

  it('lines that still carry a trailing \\r (a host that does not strip it) keep their kinds', async () => {
    const grammar = await loadGrammar();
    const raw = tokenizeLines(grammar, text.split('\n').map((l, i, all) => (i < all.length - 1 ? l + '\r' : l)));
    assert.deepEqual(raw.map(lineKind), (await tokenize(text)).map(lineKind));
  });
});
