import type { ChatRequest, StoryLevel } from './chatModel';

/**
 * Which sampling settings a request runs with. Shared by every ChatModel (the OpenAI-compatible
 * client and VS Code's models) so a story level means the same thing everywhere.
 *
 * Precedence, most specific first: the user's per-level override (`levels[level]`), then what the
 * caller put in the request, then the user's global settings.
 */

export interface SamplingSettings {
  model?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}
export type LevelOverrides = SamplingSettings;

export interface ResolvedParams {
  model: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

/** The sampling settings a request runs with. Shared by every ChatModel so levels mean the same everywhere. */
export function resolveParams(
  config: SamplingSettings & { model: string; levels?: Partial<Record<StoryLevel, LevelOverrides>> },
  request: ChatRequest,
): ResolvedParams {
  const level = request.level ? config.levels?.[request.level] : undefined;
  const pick = <K extends keyof SamplingSettings>(key: K): SamplingSettings[K] =>
    level?.[key] ?? (request as SamplingSettings)[key] ?? config[key];
  return {
    model: pick('model') || config.model,
    temperature: pick('temperature'),
    topP: pick('topP'),
    maxTokens: pick('maxTokens'),
    seed: pick('seed'),
  };
}
