import * as assert from 'node:assert/strict';
import { OpenAIChatModel } from '../../../src/llm/openaiChatModel';
import { FakeModelServer } from '../../fixtures/fakeModelServer';
import { emptyStory } from '../../../src/story/schema';
import type { Beat, Character, Story } from '../../../src/story/schema';
import { continueBeats, draftScene, generateBeats, generateCharacters, generateTitle } from '../../../src/story/operations';
import { acceptProposal } from '../../../src/story/proposal';
import { emptySidecar } from '../../../src/story/sidecar';
import { findStale } from '../../../src/story/staleness';
import { sceneContext } from '../../../src/story/prompts';
import { borrowedExampleNames, checkBeats, checkScene, checkTitle } from '../../../src/story/answerChecks';

// The engine checks each answer against what was asked, resamples once, and then proposes with a
// visible warning: never silently. A fake OpenAI-compatible server answers badly on purpose.

const LOGLINE = 'A lighthouse keeper must relight a dead lamp before the storm, with her estranged sister.';
const NELL: Character = { name: 'NELL VOSS', aliases: ['Nell'], description: 'The keeper, stubborn.' };
const ADA: Character = { name: 'ADA VOSS', aliases: ['Ada'], description: 'Her sister, back from the city.' };
const TOM: Character = { name: 'TOM REED', aliases: [], description: 'The harbourmaster.' };

function beat(name: string, plotElement: string, text: string): Beat {
  return { place: { setting: 'INT', name, time: 'NIGHT' }, plotElement, beat: text };
}

function storyWith(beats: Beat[], drafts: string[] = []): Story {
  return { ...emptyStory(LOGLINE), title: 'The Lamp', characters: [NELL, ADA, TOM], beats, scenes: beats.map((_, i) => ({ draft: drafts[i] ?? '' })) };
}

const fence = (value: unknown) => '```json\n' + JSON.stringify(value) + '\n```\n<end>';

describe('answers checked against what was asked', function () {
  this.timeout(20_000);
  let server: FakeModelServer;
  let model: OpenAIChatModel;

  beforeEach(async () => {
    server = await FakeModelServer.start();
    model = new OpenAIChatModel({ provider: 'custom', baseUrl: server.url, model: 'fake-small', retry: { maxRetries: 0 } });
  });
  afterEach(async () => {
    await server.close();
  });

  const promptOf = (i: number) => server.chatRequests()[i].body.messages.at(-1).content as string;

  describe('pure checks', () => {
    it('titles: at most six words', () => {
      assert.deepEqual(checkTitle('The Quiet Hives'), []);
      assert.deepEqual(checkTitle('The Long and Winding Night of the Lighthouse Keeper'), ['the title has 9 words (at most 6 were asked for)']);
    });

    it('beats: known plot elements, in the structure order, each element covered', () => {
      const structure = ['Setup', 'Twist', 'Payoff'];
      const ok = [beat('A', 'Setup', 'a'), beat('B', 'Twist', 'b'), beat('C', 'Twist', 'c'), beat('D', 'Payoff', 'd')];
      assert.deepEqual(checkBeats(ok, structure, { whole: true, bible: [], logline: LOGLINE }), []);
      const shuffled = [beat('A', 'Setup', 'a'), beat('C', 'Payoff', 'c'), beat('B', 'Twist', 'b')];
      assert.deepEqual(checkBeats(shuffled, structure, { whole: true, bible: [], logline: LOGLINE }), ["beat 3 out of the structure's order"]);
      assert.deepEqual(checkBeats([beat('A', 'Setup', 'a'), beat('Z', 'Coda', 'z')], structure, { whole: true, bible: [], logline: LOGLINE }), [
        'plot element not in the structure: Coda',
        'no beat for Twist, Payoff',
      ]);
      // Continuing a list: after the last existing element, and as many as were asked.
      assert.deepEqual(checkBeats([beat('A', 'Setup', 'a')], structure, { whole: false, asked: 2, after: 'Twist', bible: [], logline: LOGLINE }), [
        "beat 1 out of the structure's order",
        '1 beat came back (2 were asked for)',
      ]);
    });

    it("scenes: speakers in the bible, the beat's characters present, no example names", () => {
      const b = beat('LIGHTHOUSE', 'Setup', 'Nell finds the lamp dark.');
      assert.deepEqual(checkScene('Nell climbs.\n\nNELL\nWho put it out?\n\nADA\nMe.', b, [NELL, ADA], LOGLINE), []);
      assert.deepEqual(checkScene('KELL\nMaud. You are early.\n\nMAUD\nTwenty hives.', b, [NELL, ADA], LOGLINE), [
        'speakers not in the character list: KELL, MAUD',
        'the beat involves NELL VOSS, whom the draft never mentions',
        "it uses names from the prompt's example, not this story: MAUD, KELL",
      ]);
      // The writer's own MAUD is theirs, and so is a name their logline uses.
      const maud: Character = { name: 'MAUD', aliases: [], description: 'A neighbour.' };
      assert.deepEqual(borrowedExampleNames('Maud waves.', [maud]), []);
      assert.deepEqual(borrowedExampleNames('Priya waves.', [], 'Priya, a scientist, ...'), []);
      assert.deepEqual(borrowedExampleNames('Priya waves from KELL\'S FIELDS.', []), ['KELL', 'PRIYA']);
    });
  });

  it('a title too long is asked again once; a good second answer goes in without a warning', async () => {
    server.enqueue({ content: 'Title: The Long and Winding Night of the Lighthouse Keeper Who Would Not Let the Lamp Die' });
    server.enqueue({ content: 'Title: The Last Lamp' });
    const [p] = await generateTitle(storyWith([]), { model });
    assert.equal(p.newText, 'The Last Lamp');
    assert.equal(p.warning, undefined);
    assert.equal(server.chatRequests().length, 2);
    assert.equal(promptOf(0), promptOf(1), 'the same request, resampled');
  });

  it('a title too long twice is proposed with a warning that says so, after exactly one resample', async () => {
    server.respondWith(() => ({ content: 'Title: The Long and Winding Night of the Lighthouse Keeper Who Would Not Let the Lamp Die' }));
    const [p] = await generateTitle(storyWith([]), { model });
    assert.equal(p.newText, 'The Long and Winding Night of the Lighthouse Keeper Who Would Not Let the Lamp Die');
    assert.equal(p.warning, 'Not as asked, even after a second try: the title has 16 words (at most 6 were asked for).');
    assert.equal(server.chatRequests().length, 2);
  });

  it('the wrong number of characters is flagged, and the better answer kept', async () => {
    const cast = (n: number) => [NELL, ADA, TOM, { ...TOM, name: 'IRIS HALE' }, { ...TOM, name: 'OWEN PRICE' }, { ...TOM, name: 'JUDE MARR' }].slice(0, n);
    server.enqueue({ content: fence(cast(2)) });
    server.enqueue({ content: fence(cast(4)) });
    const p = await generateCharacters(storyWith([]), { model, characterCount: 5 });
    assert.equal(p.change.kind === 'characters' && p.change.value.length, 4);
    assert.equal(p.warning, 'Not as asked, even after a second try: 4 characters came back (5 were asked for).');
  });

  it('beats out of order twice are proposed with a warning naming them', async () => {
    const structure = 'Setup, Twist, Payoff';
    const answer = [
      { heading: 'INT. LIGHTHOUSE - NIGHT', plotElement: 'Setup', beat: 'Nell finds the lamp dark.' },
      { heading: 'EXT. CLIFF - DAY', plotElement: 'Payoff', beat: 'The lamp burns.' },
      { heading: 'EXT. HARBOUR - DAWN', plotElement: 'Twist', beat: 'Ada confesses.' },
    ];
    server.respondWith(() => ({ content: fence(answer) }));
    const p = await generateBeats(storyWith([]), { model, structure });
    assert.equal(p.change.kind === 'beats' && p.change.value.length, 3, 'proposed anyway');
    assert.equal(p.warning, "Not as asked, even after a second try: beat 3 out of the structure's order.");
    assert.equal(server.chatRequests().length, 2);
  });

  it('continuing the beats checks the count and the order after the last beat', async () => {
    const story = storyWith([beat('LIGHTHOUSE', 'Twist', 'Ada confesses.')]);
    server.respondWith(() => ({ content: fence([{ heading: 'EXT. CLIFF - DAY', plotElement: 'Setup', beat: 'Nell walks.' }]) }));
    const ps = await continueBeats(story, { model, structure: 'Setup, Twist, Payoff' }, 2);
    assert.equal(ps.length, 1);
    assert.equal(ps[0].warning, "Not as asked, even after a second try: beat 1 out of the structure's order; 1 beat came back (2 were asked for).");
  });

  it("a scene in the example's names is asked again; a scene in this story's cast goes in clean and is not stale", async () => {
    const story = storyWith([beat('LIGHTHOUSE', 'Setup', 'Nell finds the lamp dark.')]);
    server.enqueue({ content: 'Maud climbs the stile.\n\nKELL\nYou are early.\n\nMAUD\nTwenty hives.\n<end>' });
    server.enqueue({ content: 'Nell climbs the stairs.\n\nNELL\nWho put it out?\n\nADA\n(from below)\nI did.\n<end>' });
    const [p] = await draftScene(story, 0, { model });
    assert.equal(p.warning, undefined);
    assert.equal(p.newText, 'Nell climbs the stairs.\n\nNELL\nWho put it out?\n\nADA\n(from below)\nI did.');
    assert.equal(server.chatRequests().length, 2);
    // Accepted, it is not stale: neither by its record nor, without a sidecar, by inference.
    const accepted = acceptProposal(story, emptySidecar(), p);
    assert.deepEqual(findStale(accepted.story, accepted.sidecar), []);
    assert.deepEqual(findStale(accepted.story, emptySidecar()), []);
  });

  it('a scene still off after the resample is proposed with the warning, never silently', async () => {
    const story = storyWith([beat('LIGHTHOUSE', 'Setup', 'Nell finds the lamp dark.')]);
    server.respondWith(() => ({ content: 'Nell climbs.\n\nNELL\nWho is there?\n\nKELL\nMe.\n<end>' }));
    const [p] = await draftScene(story, 0, { model });
    assert.equal(p.warning, "Not as asked, even after a second try: speakers not in the character list: KELL; it uses names from the prompt's example, not this story: KELL.");
    assert.equal(server.chatRequests().length, 2);
  });

  describe('the cast a scene prompt is given', () => {
    const beats = [beat('HARBOUR', 'Setup', 'Tom and Ada argue on the quay.'), beat('LIGHTHOUSE', 'Twist', 'The lamp will not light.'), beat('CLIFF', 'Payoff', 'Nell watches the storm come in.')];

    it('the characters the beat names, by name, alias or first name', () => {
      const c = sceneContext(storyWith(beats), 2);
      assert.deepEqual(c.characters.map((ch) => ch.name), ['NELL VOSS']);
    });

    it('a beat that names nobody: the characters of the previous scene, from its draft, else from its beat', () => {
      assert.deepEqual(sceneContext(storyWith(beats), 1).characters.map((ch) => ch.name), ['ADA VOSS', 'TOM REED']);
      const withDraft = storyWith(beats, ['NELL\nTom? Is that you?\n\nTOM REED\nIt is.']);
      assert.deepEqual(sceneContext(withDraft, 1).characters.map((ch) => ch.name), ['NELL VOSS', 'TOM REED']);
    });

    it('else the leads; and the prompt says only they speak', async () => {
      const lonely = [beat('LIGHTHOUSE', 'Setup', 'The lamp is dark.')];
      assert.deepEqual(sceneContext(storyWith(lonely), 0).characters.map((ch) => ch.name), ['NELL VOSS', 'ADA VOSS']);
      server.enqueue({ content: 'Nell looks up.\n\nNELL\nDark again.\n<end>' });
      await draftScene(storyWith(lonely), 0, { model });
      const prompt = promptOf(0).split('\n---\n')[1];
      assert.match(prompt, /^Characters:\n- NELL VOSS \(Nell\): The keeper, stubborn\.\n- ADA VOSS \(Ada\): Her sister, back from the city\.$/m);
      assert.match(prompt, /Only the characters listed above speak/);
    });
  });
});
