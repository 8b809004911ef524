import { existsSync } from 'node:fs';
import type { ChatModel, StoryLevel } from '../llm/chatModel';
import type { LevelOverrides } from '../llm/samplingParams';
import type { Remedies } from '../llm/remedies';
import { OpenAIChatModel } from '../llm/openaiChatModel';
import { createLocalModel, localRuntimeSettingsFromEnv } from '../llm/local/createLocalModel';
import { uniformLimits } from '../story/answerLimits';
import type { PipelineOptions } from '../story/pipeline';
import { UsageError, flag, intFlag } from './options';
import type { Args } from './options';

/**
 * How the CLI's flags (then the environment) become a model and engine options: shared by
 * `dramaturge` and by `npm run eval`, so both talk to a model exactly the same way.
 */

const STORY_LEVELS: StoryLevel[] = ['logline', 'title', 'characters', 'beats', 'places', 'scene'];

/** `--scene-max-tokens` as a per-level override, which wins over the prompt's own limit. */
function levelOverrides(args: Args): Partial<Record<StoryLevel, LevelOverrides>> {
  const sceneTokens = intFlag(args, '--scene-max-tokens', 1);
  return sceneTokens === undefined ? {} : { scene: { maxTokens: sceneTokens } };
}

/** How the CLI's error messages tell the writer to fix things: its own flags, not the editor's commands. */
const CLI_REMEDIES: Remedies = {
  setKey: 'Pass a valid key with --api-key or set OPENAI_API_KEY.',
  pickModel: 'Pass one it offers with --model (or set DRAMATURGE_MODEL), and check that --base-url ends in /v1.',
  raiseTimeout: 'raise --timeout (seconds)',
  raiseMaxTokens: 'raise --max-tokens',
  raiseAnswerLimit: 'raise --max-answer-chars',
  setBaseUrl: 'pass --base-url or set OPENAI_BASE_URL',
  baseUrlSetting: '--base-url (or OPENAI_BASE_URL)',
};

/**
 * The model the flags (then the environment) name: the built-in local model or any
 * OpenAI-compatible endpoint. `workerPath` is the local runtime's child-process script;
 * `started` receives what must be disposed before the process can exit (the local model's process).
 */
export function buildModel(args: Args, workerPath: string, started: (running: { dispose(): void }) => void): ChatModel {
  const baseUrl = flag(args, '--base-url') ?? process.env.OPENAI_BASE_URL;
  const apiKey = flag(args, '--api-key') ?? process.env.OPENAI_API_KEY;
  const model = flag(args, '--model') ?? process.env.DRAMATURGE_MODEL;
  const modelFile = flag(args, '--model-file') ?? process.env.DRAMATURGE_MODEL_FILE;
  const provider = flag(args, '--provider') ?? (modelFile && !baseUrl && !apiKey ? 'local' : undefined);
  if (provider !== undefined && provider !== 'local') {
    throw new UsageError(`Unknown --provider "${provider}". Use --provider local, or --base-url for any OpenAI-compatible endpoint.`);
  }
  if (provider === 'local') {
    if (!modelFile) throw new UsageError('--provider local needs a model: pass --model-file path/to/model.gguf or set DRAMATURGE_MODEL_FILE.');
    if (!existsSync(modelFile)) throw new UsageError(`The model file ${modelFile} does not exist.`);
    const local = createLocalModel(
      {
        ...localRuntimeSettingsFromEnv(process.env),
        modelPath: modelFile,
        workerPath,
        sequences: intFlag(args, '--concurrency', 1) ?? 4,
        // One run, then the process ends: no reason to unload early.
        idleUnloadMs: 0,
      },
      { sampling: { levels: levelOverrides(args) } },
    );
    started(local.runtime);
    return local.model;
  }
  if (!baseUrl && !apiKey) {
    throw new UsageError('No model configured: pass --provider local --model-file x.gguf, or --base-url (e.g. http://127.0.0.1:11434/v1 for Ollama) or set OPENAI_BASE_URL, or set OPENAI_API_KEY to use OpenAI.');
  }
  const maxTokens = intFlag(args, '--max-tokens', 1);
  const levels = levelOverrides(args);
  // Each level's prompt sets its own limit, which a level override beats and a global one does not.
  if (maxTokens !== undefined) for (const l of STORY_LEVELS) levels[l] = { ...levels[l], maxTokens };
  return new OpenAIChatModel(
    {
      levels,
      provider: baseUrl ? 'custom' : 'openai',
      baseUrl,
      apiKey,
      model: model ?? (baseUrl ? 'default' : 'gpt-4o-mini'),
      requestTimeoutMs: (intFlag(args, '--timeout', 1) ?? 120) * 1000,
    },
    { remedies: CLI_REMEDIES },
  );
}

/** The engine options the flags set (concurrency, structure, seed, temperature, limits). */
export function engineOptions(args: Args, model: ChatModel, signal: AbortSignal): PipelineOptions {
  const temperature = flag(args, '--temperature');
  return {
    model,
    signal,
    concurrency: intFlag(args, '--concurrency', 1) ?? 4,
    structure: flag(args, '--structure'),
    characterCount: intFlag(args, '--characters', 1),
    seed: intFlag(args, '--seed', 0),
    temperature: temperature === undefined ? undefined : Number(temperature),
    limits: uniformLimits(intFlag(args, '--max-answer-chars', 1), intFlag(args, '--max-items', 1)),
  };
}
