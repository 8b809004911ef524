import * as assert from 'node:assert/strict';
import { body, filler, lay, render, textOf } from './helpers';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

describe('print layout: geometry', () => {
  const script = [
    'INT. HOUSE - DAY',
    '',
    'Action here.',
    '',
    'BOB',
    '(quietly)',
    'Hello there.',
    '',
    'CUT TO:',
    '',
    'EXT. YARD - NIGHT',
    '',
    'More.',
  ].join('\n');

  it('puts each element at its indent (inches from the left edge) and rows 6 to the inch from 1 in', () => {
    const [page] = lay(script).pages;
    const at = (kind: string) => body(page).find((l) => l.kind === kind)!;
    near(at('sceneHeading').x, 1.5);
    near(at('action').x, 1.5);
    near(at('character').x, 3.7);
    near(at('parenthetical').x, 3.0);
    near(at('dialogue').x, 2.5);
    const cut = at('transition');
    near(cut.x + cut.cells * 0.1, 7.5);
    assert.deepEqual(
      body(page).map((l) => [l.row, textOf(l)]),
      [[0, 'INT. HOUSE - DAY'], [2, 'Action here.'], [4, 'BOB'], [5, '(quietly)'], [6, 'Hello there.'], [8, 'CUT TO:'], [10, 'EXT. YARD - NIGHT'], [12, 'More.']],
    );
    near(at('action').y, 1 + 2 / 6);
  });

  it('holds 55 lines on Letter and 57 on A4', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Line ${i}.`).join('\n\n');
    const letter = lay(text);
    const a4 = lay(text, { paper: 'a4' });
    assert.equal(letter.geometry.linesPerPage, 55);
    assert.equal(a4.geometry.linesPerPage, 57);
    assert.equal(Math.max(...body(letter.pages[0]).map((l) => l.row)), 54);
    assert.equal(Math.max(...body(a4.pages[0]).map((l) => l.row)), 56);
    assert.deepEqual([letter.geometry.widthIn, letter.geometry.heightIn, a4.geometry.widthIn, a4.geometry.heightIn], [8.5, 11, 8.27, 11.69]);
  });

  it('wraps action at 60 cells and dialogue at 35, and markup never counts toward width', () => {
    const sixty = 'x'.repeat(60);
    const layout = lay(`**${'y'.repeat(56)}** ab\n\n${sixty} tail\n\nBOB\n${'word '.repeat(14)}`);
    const rows = body(layout.pages[0]);
    assert.equal(textOf(rows[0]), 'y'.repeat(56) + ' ab');
    assert.equal(rows[0].runs[0].bold, true);
    assert.equal(textOf(rows[1]), ''.concat(sixty));
    assert.equal(textOf(rows[2]), 'tail');
    const dialogue = rows.filter((l) => l.kind === 'dialogue').map(textOf);
    assert.deepEqual(dialogue, ['word word word word word word word', 'word word word word word word word']);
    assert.ok(dialogue.every((d) => d.length <= 35));
  });

  it('numbers pages "N." at the top right from page 2', () => {
    const layout = lay(filler(40) + '\n\n' + filler(40));
    assert.equal(layout.pages.length, 2);
    assert.equal(layout.pages[0].lines.find((l) => l.kind === 'pageNumber'), undefined);
    const n = layout.pages[1].lines.find((l) => l.kind === 'pageNumber')!;
    assert.equal(textOf(n), '2.');
    near(n.x + n.cells * 0.1, 7.5);
    near(n.y, 0.5);
  });

  it('lays out a title page from its keys: title centred, credit and author below, contact and date at the foot', () => {
    const layout = lay('Title: **THE LAMP**\nCredit: written by\nAuthor: Ann Lee\nDraft date: 1 May 2026\nContact:\n    ann@example.com\n    555 0100\nLogline: not printed\n\nINT. A - DAY\n\nx');
    const page = layout.titlePage!;
    const kinds = page.lines.map((l) => [l.kind, textOf(l), l.row]);
    assert.deepEqual(kinds, [
      ['title', 'THE LAMP', 17],
      ['credit', 'written by', 21],
      ['author', 'Ann Lee', 23],
      ['contact', 'ann@example.com', 53],
      ['contact', '555 0100', 54],
      ['draftDate', '1 May 2026', 54],
    ]);
    const title = page.lines[0];
    near(title.x + (title.cells * 0.1) / 2, 4.25);
    assert.equal(title.runs[0].bold, true);
    assert.equal(layout.pages[0].number, 1);
  });

  it('has no title page without printable keys', () => {
    assert.equal(lay('Logline: a lamp\n\nINT. A - DAY\n\nx').titlePage, undefined);
  });
});

describe('print layout: pagination rules', () => {
  it('breaks a long speech between sentences with (MORE) and NAME (CONT\'D)', () => {
    const speech = 'One two three four five six seven eight. Nine ten eleven twelve thirteen fourteen. Fifteen sixteen seventeen eighteen nineteen twenty twentyone.';
    const layout = lay(`${filler(50)}\n\nBOB\n${speech}`);
    const [first, second] = layout.pages;
    const tail1 = body(first).slice(-4).map((l) => [l.kind, textOf(l)]);
    assert.deepEqual(tail1, [
      ['character', 'BOB'],
      ['dialogue', 'One two three four five six seven'],
      ['dialogue', 'eight.'],
      ['more', '(MORE)'],
    ]);
    assert.deepEqual(
      body(second).map((l) => [l.kind, textOf(l), l.row, !!l.generated]),
      [
        ['character', "BOB (CONT'D)", 0, true],
        ['dialogue', 'Nine ten eleven twelve thirteen', 1, false],
        ['dialogue', 'fourteen. Fifteen sixteen seventeen', 2, false],
        ['dialogue', 'eighteen nineteen twenty twentyone.', 3, false],
      ],
      render(second),
    );
  });

  it('prefers the end of a sentence: a sentence break that leaves room beats a fuller word break', () => {
    const speech = 'Short one. ' + 'then a very long second sentence that goes on and on and on with no end in sight at all for many lines '.repeat(2);
    const layout = lay(`${filler(47)}\n\nBOB\n${speech}`);
    const first = body(layout.pages[0]).filter((l) => l.kind === 'dialogue').map(textOf);
    assert.deepEqual(first, ['Short one.']);
    assert.equal(textOf(body(layout.pages[1])[1]), 'then a very long second sentence');
  });

  it('breaks between words, two lines each side, when no sentence ends in reach', () => {
    const speech = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega';
    const layout = lay(`${filler(50)}\n\nBOB\n${speech}`);
    const first = body(layout.pages[0]);
    assert.deepEqual(first.slice(-4).map(textOf), ['BOB', 'alpha beta gamma delta epsilon zeta', 'eta theta iota kappa lambda mu nu', '(MORE)']);
    assert.equal(textOf(body(layout.pages[1])[0]), "BOB (CONT'D)");
  });

  it('keeps an existing (CONT\'D) on the cue instead of doubling it', () => {
    const layout = lay(`${filler(50)}\n\nBOB (CONT'D)\nOne two three four five six seven eight. Nine ten eleven twelve thirteen fourteen. Fifteen sixteen. Seventeen eighteen nineteen twenty.`);
    assert.equal(textOf(body(layout.pages[1])[0]), "BOB (CONT'D)");
  });

  it('never separates a cue or a parenthetical from the line it introduces', () => {
    // Rows 53 and 54 free after the filler and its blank: the cue and parenthetical would fit, the line not.
    const layout = lay(`${filler(52)}\n\nBOB\n(beat)\nHi.`);
    assert.deepEqual(body(layout.pages[1]).map(textOf), ['BOB', '(beat)', 'Hi.']);
    const paren = lay(`${filler(49)}\n\nBOB\nOne sentence here. Two sentence here.\n(beat)\nThree sentence here and it runs long enough to wrap twice over.`);
    const foot = body(paren.pages[0]).slice(-2).map(textOf);
    assert.deepEqual(foot, ['here.', '(MORE)'], render(paren.pages[0]));
    assert.deepEqual(body(paren.pages[1]).slice(0, 2).map(textOf), ["BOB (CONT'D)", '(beat)']);
  });

  it('never ends a page on a scene heading, a shot or a transition', () => {
    for (const opener of ['INT. HOUSE - DAY', 'CLOSE ON THE LAMP.', 'CUT TO:']) {
      const layout = lay(`${filler(50)}\n\n${opener}\n\nOne.\nTwo.\nThree.`);
      const last = body(layout.pages[0]).at(-1)!;
      assert.equal(textOf(last), 'Filler 50.', `${opener}: ${render(layout.pages[0])}`);
      assert.equal(textOf(body(layout.pages[1])[0]), opener);
    }
  });

  it('keeps a heading with the first two lines of a long paragraph, splitting the paragraph', () => {
    const layout = lay(`${filler(50)}\n\nINT. HOUSE - DAY\n\n${filler(6, 'Para')}`);
    assert.deepEqual(body(layout.pages[0]).slice(-3).map(textOf), ['INT. HOUSE - DAY', 'Para 1.', 'Para 2.']);
    assert.deepEqual(body(layout.pages[1]).map(textOf), ['Para 3.', 'Para 4.', 'Para 5.', 'Para 6.']);
  });

  it('does not split a short action paragraph; splits a long one keeping two lines each side', () => {
    const short = lay(`${filler(52)}\n\n${filler(3, 'Short')}`);
    assert.deepEqual(body(short.pages[1]).map(textOf), ['Short 1.', 'Short 2.', 'Short 3.']);
    const long = lay(`${filler(50)}\n\n${filler(5, 'Long')}`);
    assert.deepEqual(body(long.pages[0]).slice(-3).map(textOf), ['Long 1.', 'Long 2.', 'Long 3.']);
    assert.deepEqual(body(long.pages[1]).map(textOf), ['Long 4.', 'Long 5.']);
    const tight = lay(`${filler(53)}\n\n${filler(4, 'Four')}`);
    assert.deepEqual(body(tight.pages[1]).map(textOf), ['Four 1.', 'Four 2.', 'Four 3.', 'Four 4.'], 'one line on the first page is too few');
  });

  it('lays out dual dialogue side by side and paginates it by the taller column', () => {
    const dual = 'BRICK\nShort.\n\nSTEEL ^\nA much longer answer that runs over several lines in its narrow column.';
    const layout = lay(dual);
    const rows = body(layout.pages[0]);
    const left = rows.filter((l) => l.column === 'left');
    const right = rows.filter((l) => l.column === 'right');
    assert.deepEqual(left.map((l) => [l.row, textOf(l)]), [[0, 'BRICK'], [1, 'Short.']]);
    assert.equal(right[0].row, 0);
    assert.equal(textOf(right[0]), 'STEEL');
    assert.ok(right.length >= 4);
    assert.ok(right.every((l) => l.x >= 4.5) && left.every((l) => l.x < 4.5));
    // Room for the left column but not the right one: the pair moves to the next page together.
    const pushed = lay(`${filler(51)}\n\n${dual}`);
    assert.equal(body(pushed.pages[0]).at(-1)!.kind, 'action');
    assert.equal(body(pushed.pages[1]).filter((l) => l.column).length, left.length + right.length);
  });

  it('starts a new page at ===', () => {
    const layout = lay('One.\n\n===\n\nTwo.');
    assert.deepEqual(layout.pages.map((p) => body(p).map(textOf)), [['One.'], ['Two.']]);
  });

  it('hides notes, boneyard, sections and synopses; prints notes, sections and synopses on request', () => {
    const text = '# Act One\n\n= The keeper wakes.\n\n[[remember the lamp]]\n\nElena /* cut this */climbs.[[inline]]\n\n/*\nINT. GONE - DAY\n*/\n\nDone.';
    assert.deepEqual(body(lay(text).pages[0]).map(textOf), ['Elena climbs.', 'Done.']);
    const all = body(lay(text, { printNotes: true, printSections: true, printSynopses: true }).pages[0]);
    assert.deepEqual(all.map((l) => [l.kind, textOf(l)]), [
      ['section', 'Act One'],
      ['synopsis', 'The keeper wakes.'],
      ['note', 'remember the lamp'],
      ['action', 'Elena climbs.'],
      ['action', 'Done.'],
    ]);
    assert.equal(all[1].runs[0].italic, true);
  });

  it('prints scene numbers in both margins on request: the heading\'s own, else its ordinal', () => {
    const layout = lay('INT. A - DAY\n\nx\n\nINT. B - DAY #7A#\n\ny\n\nINT. C - DAY\n\nz', { sceneNumbers: true });
    const numbers = layout.pages[0].lines.filter((l) => l.kind === 'sceneNumber');
    assert.deepEqual(numbers.map((l) => [textOf(l), l.row, l.x < 1.5 ? 'left' : 'right']), [
      ['1', 0, 'left'], ['1', 0, 'right'], ['7A', 4, 'left'], ['7A', 4, 'right'], ['3', 8, 'left'], ['3', 8, 'right'],
    ]);
    assert.equal(textOf(body(layout.pages[0])[2]), 'INT. B - DAY');
    assert.equal(lay('INT. A - DAY\n\nx').pages[0].lines.filter((l) => l.kind === 'sceneNumber').length, 0);
  });

  it('marks CONTINUED where a scene crosses a page, on request', () => {
    const text = `INT. A - DAY\n\n${filler(40)}\n\n${filler(20, 'More')}\n\nINT. B - DAY\n\nx`;
    const plain = lay(text);
    assert.equal(plain.pages.flatMap((p) => p.lines).filter((l) => l.kind === 'continued').length, 0);
    const marked = lay(text, { continued: true });
    const marks = marked.pages.map((p) => p.lines.filter((l) => l.kind === 'continued').map((l) => [textOf(l), l.row]));
    assert.deepEqual(marks, [[['(CONTINUED)', 56]], [['CONTINUED:', -3]]]);
  });

  it('prints emphasis as runs, centred text centred, lyrics in italics', () => {
    const layout = lay('He is *very* **sure** _now_ \\*not\\*.\n\n> THE END <\n\nBOB\n~Happy birthday');
    const rows = body(layout.pages[0]);
    assert.deepEqual(rows[0].runs, [
      { text: 'He is ' },
      { text: 'very', italic: true },
      { text: ' ' },
      { text: 'sure', bold: true },
      { text: ' ' },
      { text: 'now', underline: true },
      { text: ' *not*.' },
    ]);
    const centred = rows[1];
    assert.equal(textOf(centred), 'THE END');
    near(centred.x + (centred.cells * 0.1) / 2, 4.5);
    const lyric = rows.find((l) => l.kind === 'lyric')!;
    assert.deepEqual(lyric.runs, [{ text: 'Happy birthday', italic: true }]);
  });

  it('counts a CJK character as two cells and keeps Cyrillic and Greek intact', () => {
    const layout = lay(`${'漢'.repeat(31)}\n\nОн идёт. Καλημέρα.`);
    const rows = body(layout.pages[0]);
    assert.deepEqual(rows.map((l) => [textOf(l), l.cells]), [['漢'.repeat(30), 60], ['漢', 2], ['Он идёт. Καλημέρα.', 18]]);
  });

  it('records bookmarks for sections and scenes with their page', () => {
    const layout = lay(`# Act One\n\nINT. A - DAY\n\n${filler(60)}\n\n## Turn\n\nINT. B - DAY\n\nx`);
    assert.deepEqual(
      layout.bookmarks.map((b) => [b.kind, b.title, b.depth, b.pageIndex]),
      [['section', 'Act One', 1, 0], ['scene', 'INT. A - DAY', 2, 0], ['section', 'Turn', 2, 1], ['scene', 'INT. B - DAY', 3, 1]],
    );
  });

  it('lays out an empty script as one empty page', () => {
    const layout = lay('');
    assert.equal(layout.pages.length, 1);
    assert.equal(layout.pages[0].lines.length, 0);
  });
});
