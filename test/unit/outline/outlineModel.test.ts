import * as assert from 'assert';
import { FountainDocument } from '../../../src/fountain';
import { OutlineTreeModel, hasNoStory, sceneIds, type OutlineNode } from '../../../src/outline/outlineModel';

const SCRIPT = [
  'Title: The Lighthouse',
  'Logline: A keeper must choose between the light and her sister.',
  '',
  '# Act One',
  '',
  'INT. LIGHTHOUSE - NIGHT',
  '= Nell finds the lamp dark.',
  '',
  'Nell climbs the stairs.',
  '',
  'NELL',
  'Who put it out?',
  '',
  'EXT. CLIFF - DAY',
  '= Ada arrives.',
  '',
  '# Act Two',
  '',
  'INT. LIGHTHOUSE - NIGHT',
  '',
  'ADA',
  'It was me.',
  '',
  'NELL',
  'Why?',
  'Tell me.',
].join('\n');

type Shape = [string, string, Shape[]?];
function shape(nodes: readonly OutlineNode[]): Shape[] {
  return nodes.map((n) => (n.children.length ? [n.label, n.description, shape(n.children)] : [n.label, n.description]));
}

describe('outline model', () => {
  it('lists story, characters with line counts, places and acts with scenes', () => {
    const model = new OutlineTreeModel();
    model.update(FountainDocument.parse(SCRIPT));
    assert.deepStrictEqual(shape(model.rootNodes), [
      ['Story', '', [['The Lighthouse', 'title'], ['A keeper must choose between the light and her sister.', 'logline']]],
      ['Characters', '2', [['NELL', '3 lines'], ['ADA', '1 line']]],
      ['Places', '2', [['LIGHTHOUSE', '2 scenes'], ['CLIFF', '1 scene']]],
      ['Scenes', '3', [
        ['Act One', '2 scenes', [['INT. LIGHTHOUSE - NIGHT', 'Nell finds the lamp dark.'], ['EXT. CLIFF - DAY', 'Ada arrives.']]],
        ['Act Two', '1 scene', [['INT. LIGHTHOUSE - NIGHT', '']]],
      ]],
    ]);
    const scenes = model.rootNodes[3].children.flatMap((act) => act.children);
    assert.deepStrictEqual(scenes.map((s) => s.status), ['drafted', 'empty', 'drafted']);
    assert.deepStrictEqual(scenes.map((s) => s.line), [5, 13, 18]);
  });

  it('gives repeated headings distinct, stable ids', () => {
    const doc = FountainDocument.parse(SCRIPT);
    assert.deepStrictEqual(sceneIds(doc.outline.allScenes), ['scene:INT. LIGHTHOUSE - NIGHT#1', 'scene:EXT. CLIFF - DAY#1', 'scene:INT. LIGHTHOUSE - NIGHT#2']);
  });

  it('refreshes only the nodes an edit changed, keeping node identity', () => {
    const doc = FountainDocument.parse(SCRIPT);
    const model = new OutlineTreeModel();
    model.update(doc);
    const before = model.node('scene:EXT. CLIFF - DAY#1')!;
    // Type in the first scene's action line: no visible node changes.
    doc.applyEdits([{ startLine: 8, startCharacter: 4, endLine: 8, endCharacter: 4, text: 'x' }]);
    assert.deepStrictEqual(model.update(doc), []);
    // Edit the second scene's synopsis: exactly that scene node changes.
    doc.applyEdits([{ startLine: 14, startCharacter: 13, endLine: 14, endCharacter: 13, text: ' at dawn' }]);
    const changed = model.update(doc);
    assert.ok(Array.isArray(changed));
    assert.deepStrictEqual(changed.map((n) => n.id), ['scene:EXT. CLIFF - DAY#1']);
    assert.strictEqual(model.node('scene:EXT. CLIFF - DAY#1'), before, 'same object');
    assert.strictEqual(before.description, 'Ada arrives at dawn.');
    // Insert a line above everything: line numbers move, nothing visible changes.
    doc.applyEdits([{ startLine: 4, startCharacter: 0, endLine: 4, endCharacter: 0, text: '\n' }]);
    assert.deepStrictEqual(model.update(doc), []);
    assert.strictEqual(before.line, 14);
  });

  it('refreshes the parent when a scene is added, and a character when they speak', () => {
    const doc = FountainDocument.parse(SCRIPT);
    const model = new OutlineTreeModel();
    model.update(doc);
    const end = doc.lineCount - 1;
    doc.applyEdits([{ startLine: end, startCharacter: doc.lines[end].text.length, endLine: end, endCharacter: doc.lines[end].text.length, text: '\n\nEXT. BEACH - DAY\n\nADA\nGoodbye.' }]);
    const changed = model.update(doc);
    assert.ok(Array.isArray(changed));
    assert.deepStrictEqual(changed.map((n) => n.id).sort(), ['character:ADA', 'group:places', 'group:scenes']);
  });

  it('shows stale, generating and authorship from annotations', () => {
    const doc = FountainDocument.parse(SCRIPT);
    const model = new OutlineTreeModel();
    model.update(doc, {
      scenes: new Map([['scene:INT. LIGHTHOUSE - NIGHT#1', { stale: 'its beat changed', authorship: 'modelEdited' }]]),
      generating: new Set(['scene:INT. LIGHTHOUSE - NIGHT#2']),
      biblePlaces: new Map([['HARBOUR', 'Where the boats wait.']]),
      bibleCharacters: [],
    });
    const first = model.node('scene:INT. LIGHTHOUSE - NIGHT#1')!;
    assert.strictEqual(first.status, 'stale');
    assert.strictEqual(first.description, 'Nell finds the lamp dark. · model draft, edited by the writer');
    assert.match(first.tooltip, /its beat changed/);
    assert.strictEqual(model.node('scene:INT. LIGHTHOUSE - NIGHT#2')!.status, 'generating');
    assert.strictEqual(model.node('place:HARBOUR')!.description, 'no scene yet');
  });

  it('lists every bible character, those who have not spoken yet too, matching cues by name or alias', () => {
    const model = new OutlineTreeModel();
    const bibleCharacters = [
      { name: 'NELL VOSS', aliases: ['Nell'], description: 'The keeper.' },
      { name: 'ADA', aliases: [], description: 'Her sister.' },
      { name: 'TOM REED', aliases: ['Tom'], description: 'The harbourmaster.' },
    ];
    model.update(FountainDocument.parse(SCRIPT), { scenes: new Map(), generating: new Set(), biblePlaces: new Map(), bibleCharacters });
    assert.deepStrictEqual(shape([model.rootNodes[1]]), [['Characters', '3', [['NELL', '3 lines'], ['ADA', '1 line'], ['TOM REED', 'no lines yet']]]]);
    assert.match(model.node('character:NELL')!.tooltip, /^NELL: The keeper\.\n/);
    assert.strictEqual(model.node('character:TOM REED')!.tooltip, 'The harbourmaster.');
    // A cast accepted before any scene is written: every character is listed ("Characters 0" before).
    const castOnly = FountainDocument.parse('Logline: A keeper and her sister.\n\n# Characters\n\n[[NELL VOSS (Nell): The keeper.]]\n');
    model.update(castOnly, { scenes: new Map(), generating: new Set(), biblePlaces: new Map(), bibleCharacters: bibleCharacters.slice(0, 1) });
    assert.deepStrictEqual(shape([model.rootNodes[1]]), [['Characters', '1', [['NELL VOSS', 'no lines yet']]]]);
  });

  it('shows the title page as plain text, without its emphasis markup', () => {
    const model = new OutlineTreeModel();
    model.update(FountainDocument.parse('Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nLogline: A *very* old \\*hitman\\* retires.\n\nINT. HALL - DAY\n\nHi.\n'));
    assert.deepStrictEqual(shape([model.rootNodes[0]]), [['Story', '', [['BRICK & STEEL FULL RETIRED', 'title'], ['A very old *hitman* retires.', 'logline']]]]);
  });

  it('is empty for a file with no story, so the welcome view shows', () => {
    const doc = FountainDocument.parse('Author: me\n\n');
    assert.ok(hasNoStory(doc));
    const model = new OutlineTreeModel();
    model.update(doc);
    assert.deepStrictEqual(model.rootNodes, []);
    doc.applyEdits([{ startLine: 2, startCharacter: 0, endLine: 2, endCharacter: 0, text: 'INT. A - DAY' }]);
    assert.strictEqual(model.update(doc), 'root');
    assert.strictEqual(model.rootNodes.length, 4);
  });
});
