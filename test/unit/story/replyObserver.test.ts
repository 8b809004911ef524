import * as assert from 'node:assert/strict';
import type { ChatModel, ChatRequest, ChatResult } from '../../../src/llm/chatModel';
import { generateTitle } from '../../../src/story/operations';
import type { ReplyEvent } from '../../../src/story/operations';
import { emptyStory } from '../../../src/story/schema';

/** Answers from a script, one reply per request, in order. */
function scripted(replies: string[]): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    label: 'scripted',
    requests,
    complete: async (request) => {
      requests.push(request);
      const text = replies[requests.length - 1] ?? '';
      return { text, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 }, model: 'scripted' } satisfies ChatResult;
    },
    stream: () => {
      throw new Error('not used');
    },
    generateObject: () => {
      throw new Error('not used');
    },
  };
}

describe('EngineOptions.onReply', () => {
  const story = emptyStory('A keeper relights a lamp before the storm.');

  it('hears every reply with its attempt and outcome: unreadable, then off target, then as asked', async () => {
    const loop = 'The lamp.\n\n'.repeat(1) + 'Again and again and again.\n\n'.repeat(4);
    const model = scripted(['', loop, 'A Very Long Title That Goes On And On Forever', 'Last Light']);
    const events: ReplyEvent[] = [];
    const [p] = await generateTitle(story, { model, onReply: (e) => events.push(e) });
    assert.equal(p.newText.includes('Last Light'), true);
    assert.deepEqual(
      events.map((e) => [e.level, e.attempt, e.outcome]),
      [
        ['title', 0, 'empty'],
        ['title', 1, 'degenerate'],
        ['title', 2, 'offTarget'],
        ['title', 3, 'ok'],
      ],
    );
    assert.equal(model.requests.length, 4);
    assert.equal(events[3].result.usage.promptTokens, 10);
  });

  it('is optional and changes nothing about the answer', async () => {
    const [withObserver] = await generateTitle(story, { model: scripted(['Last Light']), onReply: () => undefined });
    const [without] = await generateTitle(story, { model: scripted(['Last Light']) });
    assert.equal(withObserver.newText, without.newText);
  });
});
