import * as assert from 'node:assert/strict';
import { Fountain } from 'fountain-js';
import { FountainDocument } from '../../../src/fountain';
import { OpenAIChatModel } from '../../../src/llm/openaiChatModel';
import { FakeModelServer } from '../../fixtures/fakeModelServer';
import { storyResponder } from '../../fixtures/story/storyResponder';
import { emptyStory, StorySchema } from '../../../src/story/schema';
import type { Story } from '../../../src/story/schema';
import { fillScenes, writeAll } from '../../../src/story/pipeline';
import type { ProgressEvent } from '../../../src/story/pipeline';
import { renderStory } from '../../../src/story/fountainStore';
import { findStale } from '../../../src/story/staleness';

const LOGLINE = 'A radio operator hears her missing brother in the static.';

describe('story pipeline against the fake model server', function () {
  this.timeout(20_000);
  let server: FakeModelServer;
  const modelFor = (s: FakeModelServer) => new OpenAIChatModel({ provider: 'custom', baseUrl: s.url, model: 'fake-small', retry: { maxRetries: 0 } });

  beforeEach(async () => {
    server = await FakeModelServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('writes a whole screenplay from a logline: valid story, valid Fountain, every scene present', async () => {
    server.respondWith(storyResponder({ scenes: 6 }));
    const events: ProgressEvent[] = [];
    const result = await writeAll(emptyStory(LOGLINE), { model: modelFor(server), concurrency: 3, onProgress: (e) => events.push(e) });
    const { story } = result;
    assert.deepEqual(result.failures, []);
    assert.equal(StorySchema.safeParse(story).success, true, JSON.stringify(StorySchema.safeParse(story).error?.issues));
    assert.equal(story.title, 'Static Lake');
    assert.equal(story.characters.length, 4);
    assert.equal(story.beats.length, 6);
    assert.ok(story.places.length >= 5 && story.places.every((p) => p.description.includes('salt')));
    for (const s of story.scenes) {
      assert.ok(s.draft.length > 50);
      assert.ok(!/\*\*|Scene \d+:|```|<end>|Sure|I hope/.test(s.draft), s.draft);
      // Markdown and chat-style cues come out as Fountain cues with their dialogue under them.
      assert.match(s.draft, /^[A-Z. ]+\n\(quietly\)\nYou heard that too/m);
      assert.match(s.draft, /^[A-Z. ]+\nHeard what\?/m);
    }
    const text = renderStory(story);
    assert.equal(FountainDocument.parse(text).outline.allScenes.length, 6);
    const tokens = new Fountain().parse(text, true).tokens;
    assert.equal(tokens.filter((t) => t.type === 'scene_heading').length, 6);
    assert.ok(events.some((e) => e.type === 'done' && e.id === 'scenes/5'));
    // Fresh output has no stale items.
    assert.deepEqual(findStale(story, result.sidecar), []);
  });

  it('keeps the complete beats of a list the model cut short', async () => {
    server.respondWith(storyResponder({ scenes: 8, truncateBeats: true }));
    const result = await writeAll(emptyStory(LOGLINE), { model: modelFor(server), concurrency: 4 });
    const beatsProposal = result.proposals.find((p) => p.change.kind === 'beats');
    assert.equal(beatsProposal?.truncated, true);
    assert.ok(result.story.beats.length >= 3 && result.story.beats.length < 8, String(result.story.beats.length));
    assert.equal(result.story.scenes.filter((s) => s.draft).length, result.story.beats.length);
  });

  it("loses none of the other scenes when one fails", async () => {
    server.respondWith(storyResponder({ scenes: 5, failScenes: [2] }));
    const result = await writeAll(emptyStory(LOGLINE), { model: modelFor(server), concurrency: 2 });
    assert.deepEqual(result.failures.map((f) => f.id), ['scenes/2']);
    assert.deepEqual(result.story.scenes.map((s) => s.draft !== ''), [true, true, false, true, true]);
  });

  it('stops on cancel and returns what finished', async () => {
    server.respondWith(storyResponder({ scenes: 8, latencyMs: 100 }));
    const model = modelFor(server);
    const base = (await writeAll(emptyStory(LOGLINE), { model, concurrency: 8 })).story;
    const unwritten: Story = { ...base, scenes: base.scenes.map(() => ({ draft: '' })) };
    const controller = new AbortController();
    const result = await fillScenes(unwritten, {
      model,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'done') controller.abort();
      },
    });
    assert.equal(result.cancelled, true);
    const written = result.story.scenes.filter((s) => s.draft).length;
    assert.ok(written >= 1 && written <= 3, String(written));
    assert.deepEqual(result.failures, []);
  });

  it('drafts with exactly c requests in flight at concurrency c', async () => {
    // Measured from the server's own records (when each request arrived and when its connection
    // closed), never from wall time, so a loaded machine cannot make it fail. Each answer is held
    // long enough that the c requests a wave starts together are all in flight at once.
    server.respondWith(storyResponder({ scenes: 8 }));
    const model = modelFor(server);
    const base = (await writeAll(emptyStory(LOGLINE), { model, concurrency: 8 })).story;
    const unwritten: Story = { ...base, scenes: base.scenes.map(() => ({ draft: '' })) };
    const mostInFlight = async (concurrency: number) => {
      server.reset();
      server.respondWith(storyResponder({ scenes: 8, latencyMs: 500 }));
      const r = await fillScenes(unwritten, { model, concurrency });
      assert.equal(r.story.scenes.filter((s) => s.draft).length, 8);
      const spans = server.chatRequests().map((q) => [q.receivedAt, q.closedAt ?? Infinity] as const);
      assert.equal(spans.length, 8);
      return Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
    };
    assert.equal(await mostInFlight(4), 4);
    assert.equal(await mostInFlight(1), 1);
  });

  it('keeps continuity while drafting in parallel: each scene of a run sees the lines just written before it', async () => {
    server.respondWith(storyResponder({ scenes: 6 }));
    const model = modelFor(server);
    const base = (await writeAll(emptyStory(LOGLINE), { model, concurrency: 6 })).story;
    const unwritten: Story = { ...base, scenes: base.scenes.map(() => ({ draft: '' })) };
    /** Which scene a prompt asks for: its own `Beat:` line (the previous scene's comes before it). */
    const sceneOf = (messages: { content: string }[]) => /^Beat: .*?Beat (\d+):/m.exec(messages[messages.length - 1].content)?.[1];
    server.reset();
    // Each draft ends with a line naming its scene, so a prompt shows whose closing lines it got.
    server.respondWith((req) => ({ content: `Sure! Here you go:\n\nThe wind rises.\n\nEnd of scene ${sceneOf(req.body.messages)}.` }));
    const result = await fillScenes(unwritten, { model, concurrency: 2 });
    assert.deepEqual(result.failures, []);
    assert.ok(result.story.scenes.every((sc, i) => sc.draft.endsWith(`End of scene ${i + 1}.`)));
    const seen = new Map(server.chatRequests().map((r) => [Number(sceneOf(r.body.messages)), r.body.messages[r.body.messages.length - 1].content as string]));
    assert.equal(seen.size, 6);
    // Two runs of three scenes, 1-3 and 4-6, in parallel. Within a run each scene gets the closing
    // lines of the one just written; the first scene of each run has none.
    for (const k of [2, 3, 5, 6]) assert.match(seen.get(k)!, new RegExp(`The previous scene ended:[\\s\\S]*End of scene ${k - 1}\\.`), `scene ${k}`);
    for (const k of [1, 4]) assert.doesNotMatch(seen.get(k)!, /The previous scene ended:/, `scene ${k}`);
  });
});
