import type { ZodType } from 'zod';

/**
 * The one seam between the story engine and any language model. Implementations: the
 * OpenAI-compatible client (`openaiChatModel.ts`, any OpenAI-style HTTP endpoint) and VS Code's
 * Language Model API (`src/vscode/lmChatModel.ts`). Nothing here imports `vscode`.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Story levels; used for per-level settings overrides and usage accounting. */
export type StoryLevel =
  | 'logline'
  | 'title'
  | 'characters'
  | 'beats'
  | 'places'
  | 'scene'
  | 'inline'
  | 'rewrite'
  | 'test';

export interface ChatRequest {
  messages: ChatMessage[];
  /** Which story level asks; selects per-level overrides and labels usage. */
  level?: StoryLevel;
  model?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  stop?: string[];
  /**
   * The shape the answer must take. Runtimes that can constrain decoding (the built-in local
   * model) enforce it with a grammar; HTTP endpoints ignore it, and the parsers read both.
   */
  shape?: AnswerShape;
  /**
   * Accept an answer cut off at the token limit (finish reason "length"). Off by default: a cut
   * answer is an error, so it is never inserted. Ghost text, which only offers, may take one.
   */
  allowTruncated?: boolean;
  /** Stop the answer once it is longer than this many characters, and fail: a runaway or endless stream. */
  maxChars?: number;
}

/** A JSON Schema (the subset node-llama-cpp turns into a grammar) or a GBNF grammar. */
export type AnswerShape = { kind: 'json'; schema: Record<string, unknown> } | { kind: 'gbnf'; grammar: string };

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** True when the server reported no usage and the counts are estimated from text length. */
  estimated?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'other';

export interface ChatResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  /** The model that answered, as the server named it. */
  model: string;
}

/** An async iterable of text deltas whose `result` settles once the stream ends. */
export interface ChatStream extends AsyncIterable<string> {
  readonly result: Promise<ChatResult>;
}

export interface ObjectRequest<T> extends ChatRequest {
  schema: ZodType<T>;
  /** A short identifier for the schema (`[a-zA-Z0-9_-]`), sent as the json_schema name. */
  schemaName: string;
}

export interface ObjectResult<T> {
  value: T;
  usage: Usage;
  /** The raw text the model returned last (after a possible retry). */
  raw: string;
  model: string;
}

export interface ChatModel {
  /** Human-readable "provider · model" label for messages and logs. */
  readonly label: string;
  stream(request: ChatRequest, signal?: AbortSignal): ChatStream;
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResult>;
  generateObject<T>(request: ObjectRequest<T>, signal?: AbortSignal): Promise<ObjectResult<T>>;
}

export type ModelErrorKind =
  | 'cancelled'
  | 'timeout'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'empty'
  | 'truncated'
  | 'overLimit'
  | 'contentFilter'
  | 'modelNotFound'
  | 'auth'
  | 'unreachable'
  | 'invalidOutput'
  | 'noPermission'
  | 'blocked'
  | 'unknown';

/**
 * Every failure that reaches a caller is a ModelError with a message fit to show a writer as-is
 * (it names provider and model and says what to do) and never containing a secret.
 */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly provider: string,
    readonly model: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
