import type { AnswerShape, ChatMessage, StoryLevel } from '../../llm/chatModel';

/** A ready-to-send prompt for one story item. */
export interface Prompt {
  level: StoryLevel;
  messages: ChatMessage[];
  stop?: string[];
  maxTokens?: number;
  /** The answer's shape, enforced while decoding where the runtime can (see shapes.ts). */
  shape?: AnswerShape;
}
