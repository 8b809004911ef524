/**
 * The local model's child process (bundled as `dist/localRuntime.mjs`). It loads one GGUF with
 * node-llama-cpp, CPU only, and answers `generate` messages from its parent over IPC. Native
 * crashes and out-of-memory kill only this process; the parent turns that into an error and
 * starts a fresh one on the next request.
 *
 * Concurrency: one context with `sequences` sequences. A request takes a free sequence and
 * decodes alongside the others (llama.cpp batches them); when all are busy it waits in a queue.
 */
import type { Llama, LlamaChat, LlamaContextSequence, LlamaGrammar, LlamaModel, ChatHistoryItem } from 'node-llama-cpp';
import type { AnswerShape, ChatMessage } from '../chatModel';
import { sanitizeJsonSchema } from './grammarSchema';
import { CONFIG_ENV, type FromChild, type GenerateMessage, type RuntimeConfig, type ToChild } from './protocol';

/** Left free at the end of the context so that the chat template's closing tokens always fit. */
const CONTEXT_MARGIN = 8;

function send(message: FromChild): void {
  process.send?.(message);
}

interface Slot {
  sequence: LlamaContextSequence;
  chat: LlamaChat;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[CONFIG_ENV] ?? '{}') as RuntimeConfig;
  const started = Date.now();
  // ESM-only package: a real dynamic import (this bundle is ESM, so esbuild keeps it as is).
  const { getLlama, LlamaChat } = await import('node-llama-cpp');
  let llama: Llama;
  let model: LlamaModel;
  try {
    llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' as never, progressLogs: false });
    model = await llama.loadModel({ modelPath: config.modelPath });
  } catch (err) {
    send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  }
  const contextSize = Math.min(config.contextSize, model.trainContextSize);
  const context = await model.createContext({
    contextSize,
    sequences: Math.max(1, config.sequences),
    ...(config.threads > 0 ? { threads: config.threads } : {}),
  });
  const free: Slot[] = [];
  for (let i = 0; i < context.totalSequences; i++) {
    const sequence = context.getSequence();
    free.push({ sequence, chat: new LlamaChat({ contextSequence: sequence }) });
  }
  const waiting: Array<(slot: Slot) => void> = [];
  const aborts = new Map<number, AbortController>();
  const grammars = new Map<string, Promise<LlamaGrammar>>();

  const grammarFor = (shape: AnswerShape): Promise<LlamaGrammar> => {
    const key = JSON.stringify(shape);
    let g = grammars.get(key);
    if (!g) {
      g = shape.kind === 'json' ? llama.createGrammarForJsonSchema(sanitizeJsonSchema(shape.schema) as never) : llama.createGrammar({ grammar: shape.grammar });
      grammars.set(key, g);
      g.catch(() => grammars.delete(key));
    }
    return g;
  };

  const take = (): Promise<Slot> => {
    const slot = free.pop();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };

  const generate = async (msg: GenerateMessage): Promise<void> => {
    const abort = new AbortController();
    aborts.set(msg.id, abort);
    let grammar: LlamaGrammar | undefined;
    try {
      grammar = msg.shape ? await grammarFor(msg.shape) : undefined;
    } catch (err) {
      aborts.delete(msg.id);
      send({ type: 'failed', id: msg.id, kind: 'badShape', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const slot = await take();
    try {
      if (abort.signal.aborted) {
        send({ type: 'done', id: msg.id, text: '', stopReason: 'abort', promptTokens: 0, completionTokens: 0 });
        return;
      }
      const history = toHistory(msg.messages);
      // The exact prompt as the model will see it, so it is fitted to the context, never cut.
      const promptTokens = slot.chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(model.tokenizer).length;
      const room = contextSize - promptTokens - CONTEXT_MARGIN;
      if (room < 1) {
        send({
          type: 'failed',
          id: msg.id,
          kind: 'tooLong',
          message: `The prompt is ${promptTokens} tokens, but the local model's context holds ${contextSize}.`,
        });
        return;
      }
      // An answer that would overflow stops at the context's end and is reported as cut off.
      const maxTokens = Math.min(msg.maxTokens ?? room, room);
      const before = slot.sequence.tokenMeter.getState();
      let text = '';
      const response = await slot.chat.generateResponse(history, {
        maxTokens,
        temperature: msg.temperature ?? 0.8,
        topP: msg.topP ?? 0.95,
        ...(msg.seed !== undefined ? { seed: msg.seed } : {}),
        // Small models loop; a light penalty on the recent tokens keeps them moving.
        repeatPenalty: { penalty: 1.1, lastTokens: 64 },
        grammar,
        customStopTriggers: msg.stop?.filter((s) => s.length > 0),
        signal: abort.signal,
        stopOnAbortSignal: true,
        onTextChunk: (chunk) => {
          text += chunk;
          send({ type: 'chunk', id: msg.id, text: chunk });
        },
      });
      const after = slot.sequence.tokenMeter.getState();
      const reason = response.metadata.stopReason;
      send({
        type: 'done',
        id: msg.id,
        text: response.response ?? text,
        stopReason: reason === 'abort' ? 'abort' : reason === 'maxTokens' ? 'length' : 'stop',
        promptTokens,
        completionTokens: after.usedOutputTokens - before.usedOutputTokens,
      });
    } catch (err) {
      if (abort.signal.aborted) send({ type: 'done', id: msg.id, text: '', stopReason: 'abort', promptTokens: 0, completionTokens: 0 });
      else send({ type: 'failed', id: msg.id, kind: 'internal', message: err instanceof Error ? err.message : String(err) });
    } finally {
      aborts.delete(msg.id);
      give(slot);
    }
  };

  process.on('message', (msg: ToChild) => {
    if (msg.type === 'generate') void generate(msg);
    else if (msg.type === 'abort') aborts.get(msg.id)?.abort();
    else if (msg.type === 'exit') {
      for (const a of aborts.values()) a.abort();
      void context.dispose().finally(() => process.exit(0));
    }
  });
  // The parent went away (its process died): nothing is left to answer to.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', contextSize, trainContextSize: model.trainContextSize, loadMs: Date.now() - started });
}

function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system' ? { type: 'system', text: m.content } : m.role === 'user' ? { type: 'user', text: m.content } : { type: 'model', response: [m.content] },
  );
  // The model answers in a fresh turn of its own.
  history.push({ type: 'model', response: [] });
  return history;
}

main().catch((err) => {
  send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
