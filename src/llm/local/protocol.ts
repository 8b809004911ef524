import type { AnswerShape, ChatMessage } from '../chatModel';

/**
 * The messages between the extension (or CLI) and the local-model child process, over Node's IPC
 * channel. Plain JSON, so the child can be any process that speaks it.
 */

/** How the child loads its model; passed once, as JSON in an environment variable, at fork time. */
export interface RuntimeConfig {
  modelPath: string;
  /** Tokens per sequence; clamped to what the model was trained with. */
  contextSize: number;
  /** Parallel sequences in one context: this many requests decode together, the rest queue. */
  sequences: number;
  /** CPU threads for decoding; 0 lets llama.cpp choose. */
  threads: number;
}

export const CONFIG_ENV = 'DRAMATURGE_LOCAL_RUNTIME_CONFIG';

/** What one generation asks of the model (the runtime's API and, with an id, its message to the child). */
export interface GenerateRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  shape?: AnswerShape;
}

export interface GenerateMessage extends GenerateRequest {
  type: 'generate';
  id: number;
}

export type ToChild = GenerateMessage | { type: 'abort'; id: number } | { type: 'exit' };

export type RuntimeFailure = 'tooLong' | 'badShape' | 'internal';

export type FromChild =
  | { type: 'ready'; contextSize: number; trainContextSize: number; loadMs: number }
  | { type: 'fatal'; message: string }
  | { type: 'chunk'; id: number; text: string }
  | {
      type: 'done';
      id: number;
      text: string;
      stopReason: 'stop' | 'length' | 'abort';
      promptTokens: number;
      completionTokens: number;
    }
  | { type: 'failed'; id: number; kind: RuntimeFailure; message: string };
