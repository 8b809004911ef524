import type { ChatMessage, StoryLevel } from '../../llm/chatModel';

/** A ready-to-send prompt for one story item. */
export interface Prompt {
  level: StoryLevel;
  messages: ChatMessage[];
  stop?: string[];
  maxTokens?: number;
}
