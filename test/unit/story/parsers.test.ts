import * as assert from 'node:assert/strict';
import { cleanReply, isDegenerate, parseBeats, parseCharacters, parseLogline, parseSceneDraft, parseTitle, OutputError } from '../../../src/story/parsers';
import { draftProblems } from '../../../src/story/schema';
import { FountainDocument } from '../../../src/fountain';

describe('story output parsers', () => {
  it('strips preambles, fences, end markers and closing chatter', () => {
    assert.equal(cleanReply("Sure! Here's the logline:\n\n```\nA dog.\n```\n\nLet me know!"), 'A dog.');
    assert.equal(cleanReply('<think>hmm</think>A cat.\n<end>\nMore junk'), 'A cat.');
  });

  it('reads labelled, quoted and bold one-liners', () => {
    assert.equal(parseTitle('Certainly! Here is a title:\n\n**Title:** "Static Lake"'), 'Static Lake');
    assert.equal(parseLogline('Logline: A radio operator\nhears her brother.\n\nWhy it works: ...'), 'A radio operator hears her brother.');
    assert.throws(() => parseTitle('   '), OutputError);
  });

  it('reads characters as fenced JSON, wrapped JSON, or a markdown list', () => {
    const json = parseCharacters('Here you go:\n```json\n{"characters": [{"name": "Mara Quill", "aliases": "Mara, Q", "description": "Hears [voices]: always."},]}\n```');
    assert.deepEqual(json, { items: [{ name: 'MARA QUILL', aliases: ['Mara', 'Q'], description: 'Hears [voices]: always.' }], truncated: false });
    const md = parseCharacters('1. **Mara Quill** (Mara): A radio operator.\n2. **Jonah**: Motel owner.');
    assert.deepEqual(md.items.map((c) => c.name), ['MARA QUILL', 'JONAH']);
  });

  it('keeps the complete items of a list that stops early and says so', () => {
    const r = parseCharacters('```json\n[{"name": "A", "description": "x", "aliases": []}, {"name": "B", "descr');
    assert.deepEqual(r.items.map((c) => c.name), ['A']);
    assert.equal(r.truncated, true);
  });

  it('reads beats with headings and carries plot elements on', () => {
    const r = parseBeats('```json\n[{"heading": "int. diner - night", "plotElement": "Setup", "beat": "Eat."}, {"heading": "EXT. ROAD", "beat": "Drive."}]\n```');
    assert.deepEqual(r.items, [
      { place: { setting: 'INT', name: 'DINER', time: 'NIGHT' }, plotElement: 'Setup', beat: 'Eat.' },
      { place: { setting: 'EXT', name: 'ROAD', time: '' }, plotElement: 'Setup', beat: 'Drive.' },
    ]);
  });

  it('turns a chatty markdown scene into valid Fountain', () => {
    const raw = [
      "Sure, here's the scene:",
      '',
      '```',
      'INT. DINER - NIGHT',
      '',
      '## Scene 3: The Diner',
      '',
      'Rain on the glass.',
      '',
      '**MARA**',
      '(low)',
      'He called.',
      '',
      'Jonah: Who did?',
      '',
      'EXT. ROAD - LATER',
      '',
      'Headlights. [[unclosed note',
      '```',
    ].join('\n');
    const { draft } = parseSceneDraft(raw, ['MARA', 'JONAH']);
    assert.deepEqual(draftProblems(draft), []);
    assert.ok(!/Scene 3|\*\*|```|DINER - NIGHT/.test(draft), draft);
    const lines = FountainDocument.parse(draft).lines;
    const cues = lines.filter((l) => l.type === 'character').map((l) => l.name);
    assert.deepEqual(cues, ['MARA', 'JONAH']);
    assert.ok(draft.includes('!EXT. ROAD - LATER'));
  });

  it('drops a paragraph cut off by the token limit', () => {
    const { draft, truncated } = parseSceneDraft('Rain falls.\n\nMARA\nHe called and the line went', [], true);
    assert.equal(draft, 'Rain falls.');
    assert.equal(truncated, true);
  });

  it('detects degenerate repetition', () => {
    assert.equal(isDegenerate('The wind howls outside.\n\nThe wind howls outside.\n\nThe wind howls outside.'), true);
    assert.equal(isDegenerate('A\nA\nA\nA'), true);
    assert.equal(isDegenerate('MARA\nYes.\n\nJONAH\nYes.\n\nMARA\nNo.'), false);
  });
});
