import type { ModelLogger } from '../logger';
import type { UsageLedger } from '../usageLedger';
import { LocalChatModel, type LocalChatModelOptions } from './localChatModel';
import { LocalRuntime, type LocalRuntimeOptions } from './localRuntime';

/** Tokens per sequence when nobody says otherwise: room for the longest prompt plus a scene. */
export const DEFAULT_LOCAL_CONTEXT = 4096;

/** The runtime (which owns the child process) and the ChatModel over it, built together. */
export function createLocalModel(
  options: Omit<LocalRuntimeOptions, 'contextSize' | 'threads'> & Partial<Pick<LocalRuntimeOptions, 'contextSize' | 'threads'>>,
  model: LocalChatModelOptions & { logger?: ModelLogger; ledger?: UsageLedger } = {},
): { runtime: LocalRuntime; model: LocalChatModel } {
  const runtime = new LocalRuntime({ contextSize: DEFAULT_LOCAL_CONTEXT, threads: 0, ...options, logger: options.logger ?? model.logger });
  return { runtime, model: new LocalChatModel(runtime, model) };
}

/** DRAMATURGE_LOCAL_CONTEXT and DRAMATURGE_LOCAL_THREADS, where set to a whole number. */
export function localRuntimeSettingsFromEnv(env: NodeJS.ProcessEnv): { contextSize?: number; threads?: number } {
  const int = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
  const out: { contextSize?: number; threads?: number } = {};
  const contextSize = int(env.DRAMATURGE_LOCAL_CONTEXT);
  const threads = int(env.DRAMATURGE_LOCAL_THREADS);
  if (contextSize) out.contextSize = contextSize;
  if (threads !== undefined) out.threads = threads;
  return out;
}
