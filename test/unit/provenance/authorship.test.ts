import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FountainDocument } from '../../../src/fountain';
import { Authorship } from '../../../src/provenance/authorship';
import { tally } from '../../../src/provenance/classify';
import { editMeasure } from '../../../src/provenance/editMeasure';
import { loadAuthorship, withAuthorship } from '../../../src/provenance/load';
import { reconcile } from '../../../src/provenance/reconcile';
import { buildReport, reportMarkdown } from '../../../src/provenance/report';
import { storyRegions } from '../../../src/provenance/regions';
import { contentHash } from '../../../src/story/hash';
import { emptySidecar, parseSidecar, serializeSidecar } from '../../../src/story/sidecar';

const EXAMPLE =
  readFileSync(join(__dirname, '../../../../test/fixtures/story/example.fountain'), 'utf8') +
  '\nEXT. THE GALLERY - NIGHT\n\n= Marcus signals from the boat.\n\nWind. Elena leans on the rail.\n';
const META = { model: 'fake-small', at: '2026-12-01T10:00:00.000Z', seed: 7, promptHash: 'abc123', item: 'scenes/0' };

function accept(text: string, answer: string): { text: string; authorship: Authorship } {
  const at = text.length;
  return { text: text + answer, authorship: Authorship.writer(text.length).edit({ start: at, end: at, text: answer }).attributeModel(at, { ...META, text: answer }) };
}

describe('provenance: words by author', () => {
  it('typing inside a model span splits it; the typed words are the writer\'s', () => {
    const { text, authorship } = accept('', 'The lamp is dark tonight.');
    assert.deepEqual(tally(text, authorship), { words: 5, writer: 0, pasted: 0, model: 5, modelEdited: 0 });
    const typed = authorship.edit({ start: 8, end: 8, text: ' still' });
    assert.deepEqual(tally('The lamp still is dark tonight.', typed), { words: 6, writer: 1, pasted: 0, model: 5, modelEdited: 0 });
    assert.equal(typed.runs.length, 3);
  });

  it('a word the writer changed is the model\'s, edited; a deleted word is counted as deleted', () => {
    const { text, authorship } = accept('', 'Two houses burn.');
    // "houses" → "house": every letter left is the model's, but the word is not as it wrote it.
    const cut = authorship.edit({ start: 9, end: 10, text: '' });
    assert.deepEqual(tally('Two house burn.', cut), { words: 3, writer: 0, pasted: 0, model: 2, modelEdited: 1 });
    const gone = cut.edit({ start: 0, end: 4, text: '' });
    assert.deepEqual(tally('house burn.', gone), { words: 2, writer: 0, pasted: 0, model: 1, modelEdited: 1 });
    const m = editMeasure('house burn.', gone);
    assert.equal(m.deletedModelWords, 1);
    assert.equal(m.modelCharacters, text.length);
    assert.equal(m.editDistance, 5);
  });

  it('pasted text is marked pasted and counts with the writer', () => {
    const { authorship } = accept('', 'Rain.');
    const pasted = authorship.edit({ start: 5, end: 5, text: ' Wind and hail.' }, 'pasted');
    assert.deepEqual(tally('Rain. Wind and hail.', pasted), { words: 4, writer: 3, pasted: 3, model: 1, modelEdited: 0 });
  });

  it('a line retyped in another app moves the figures by exactly its words', () => {
    const { text, authorship } = accept('Notes.\n', 'ELENA\nForty-two. Forty-three.\n\nShe climbs.\n');
    const outside = text.replace('Forty-two. Forty-three.', 'Quiet now, Marcus.');
    const after = reconcile(authorship, text, outside);
    // Forty-two is two words: the hyphen is not a letter.
    assert.deepEqual(tally(text, authorship), { words: 8, writer: 1, pasted: 0, model: 7, modelEdited: 0 });
    assert.deepEqual(tally(outside, after), { words: 7, writer: 4, pasted: 0, model: 3, modelEdited: 0 });
  });
});

describe('provenance: sidecar version 2', () => {
  it('round-trips through the sidecar file and reads back the same authorship', () => {
    const { text, authorship } = accept('Title: X\n\n', 'INT. ROOM - DAY\n\nShe waits.\n');
    const typed = authorship.edit({ start: text.length - 1, end: text.length - 1, text: ' Long' });
    const now = text.slice(0, -1) + ' Long' + '\n';
    const file = serializeSidecar(withAuthorship(emptySidecar(), now, { authorship: typed, models: [] }));
    const sidecar = parseSidecar(file);
    assert.equal(sidecar.version, 2);
    const back = loadAuthorship(now, FountainDocument.parse(now), sidecar);
    assert.deepEqual(back.authorship.runs, typed.runs);
    assert.deepEqual(back.models, [{ model: 'fake-small', first: META.at, last: META.at }]);
    // One run per line: readable, and compact.
    assert.match(file, /^ {6}\["w", ?"Title: X\\n\\n"\],?$/m);
    assert.match(file, /^ {6}\[0, ?0, ?\d+\],?$/m);
  });

  it('a broken record is ignored: everything is the writer\'s, and the staleness items survive', () => {
    const sidecar = parseSidecar(JSON.stringify({ version: 2, items: [], authorship: { runs: [[5, 0, 3]], answers: [], models: [] } }));
    const loaded = loadAuthorship('abc', FountainDocument.parse('abc'), sidecar);
    assert.deepEqual(loaded.authorship.runs, [{ kind: 'writer', length: 3 }]);
  });

  it('migrates version 1: an item the model wrote and nobody changed is the model\'s; an edited one the writer\'s', () => {
    const doc = FountainDocument.parse(EXAMPLE);
    const regions = storyRegions(EXAMPLE, doc);
    const draft = (i: number) => EXAMPLE.slice(regions.scenes[i].body.start, regions.scenes[i].body.end);
    const v1 = JSON.stringify({
      version: 1,
      items: [
        { item: 'scenes/0', inputHash: 'x', outputHash: contentHash(draft(0)), source: 'model', model: 'old-model', at: '2026-01-02T00:00:00.000Z' },
        { item: 'scenes/1', inputHash: 'x', outputHash: 'not-the-text', source: 'model', model: 'old-model', at: '2026-01-02T00:00:00.000Z' },
      ],
    });
    const { authorship } = loadAuthorship(EXAMPLE, doc, parseSidecar(v1));
    const scene0 = tally(EXAMPLE, authorship, regions.scenes[0].body.start, regions.scenes[0].body.end);
    const scene1 = tally(EXAMPLE, authorship, regions.scenes[1].body.start, regions.scenes[1].body.end);
    assert.ok(scene0.words > 0);
    assert.deepEqual(scene0, { ...scene0, model: scene0.words, writer: 0 });
    assert.deepEqual(scene1, { ...scene1, model: 0, writer: scene1.words });
  });
});

describe('provenance: the report', () => {
  function scriptWithModelScene(eol: string) {
    const text = EXAMPLE.replace(/\r?\n/g, eol);
    const doc = FountainDocument.parse(text);
    const body = storyRegions(text, doc).scenes[0].body;
    const answer = text.slice(body.start, body.end);
    const authorship = Authorship.writer(text.length).attributeModel(body.start, { ...META, text: answer });
    return { text, doc, authorship };
  }

  it('gives figures per level and per scene, the models, the edit measure and a summary', () => {
    const { text, doc, authorship } = scriptWithModelScene('\n');
    const r = buildReport(text, doc, authorship, [], { file: 'example.fountain', now: new Date('2026-12-01T12:00:00Z') });
    const scene0 = r.scenes[0];
    assert.equal(scene0.heading, 'INT. THE LIGHTHOUSE - NIGHT');
    assert.equal(scene0.model, scene0.words);
    assert.equal(r.levels.scenes.model, scene0.words);
    assert.equal(r.total.model, scene0.words);
    assert.equal(r.levels.title.words, 3); // The Last Lamp, without the key
    assert.equal(r.levels.title.writer, 3);
    assert.equal(r.total.words, Object.values(r.levels).reduce((n, t) => n + t.words, 0));
    assert.equal(r.total.words, r.total.writer + r.total.model + r.total.modelEdited);
    assert.deepEqual(r.models, [{ model: 'fake-small', first: META.at, last: META.at }]);
    assert.equal(r.editMeasure.ratio, 0);
    assert.match(r.summary, new RegExp(`Human contribution: the writer wrote ${r.total.writer} of them`));
    assert.match(r.summary, new RegExp(`AI-generated material: ${scene0.words} words`));
    assert.match(r.summary, /fake-small \(2026-12-01\)/);
    const md = reportMarkdown(r);
    assert.match(md, /^# Authorship report: example\.fountain$/m);
    assert.match(md, new RegExp(`^\\| 1 \\| INT\\. THE LIGHTHOUSE - NIGHT \\| ${scene0.words} \\| 0 \\| ${scene0.words} \\| 0 \\|$`, 'm'));
  });

  it('counts the same with Windows line endings', () => {
    const lf = scriptWithModelScene('\n');
    const crlf = scriptWithModelScene('\r\n');
    const a = buildReport(lf.text, lf.doc, lf.authorship, [], { now: new Date(0) });
    const b = buildReport(crlf.text, crlf.doc, crlf.authorship, [], { now: new Date(0) });
    assert.deepEqual(b.levels, a.levels);
    assert.deepEqual(b.scenes, a.scenes);
  });
});
