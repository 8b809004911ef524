import * as vscode from 'vscode';
import type { StoryLevel } from '../llm/chatModel';
import type { LevelOverrides } from '../llm/openaiChatModel';
import { isProviderId, type ProviderId } from '../llm/providers';

/**
 * Typed reading of `dramaturge.model.*`.
 *
 * Security (belt and braces over VS Code's own `restrictedConfigurations`): the base URL is only
 * ever read from user (global) settings or the default, whatever the workspace says, and in an
 * untrusted workspace the provider, model and per-level overrides are too. A cloned project's
 * `.vscode/settings.json` therefore cannot send the user's key to another host or spend it on
 * another model.
 */

/** `local`: the built-in model (src/vscode/localModelRuntime.ts); the rest are the presets. */
export type ModelSource = 'auto' | 'vscode' | 'local' | ProviderId;

export interface ModelSettings {
  provider: ModelSource;
  baseUrl?: string;
  model: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  levels: Partial<Record<StoryLevel, LevelOverrides>>;
  requestTimeoutMs: number;
}

export const MODEL_SECTION = 'dramaturge.model';
/** Keys never taken from workspace settings (baseUrl) or not from an untrusted one (all four). */
export const RESTRICTED_MODEL_KEYS = ['provider', 'baseUrl', 'model', 'levels'] as const;
const ALWAYS_USER_ONLY = new Set(['baseUrl']);

const LEVELS: readonly StoryLevel[] = ['logline', 'title', 'characters', 'beats', 'places', 'scene', 'inline', 'rewrite', 'test'];

export function readModelSettings(trusted = vscode.workspace.isTrusted): ModelSettings {
  const config = vscode.workspace.getConfiguration(MODEL_SECTION);
  const read = (key: string): unknown => {
    if (ALWAYS_USER_ONLY.has(key) || (!trusted && (RESTRICTED_MODEL_KEYS as readonly string[]).includes(key))) {
      const seen = config.inspect(key);
      return seen?.globalValue ?? seen?.defaultValue;
    }
    return config.get(key);
  };
  const provider = read('provider');
  const timeoutSeconds = num(read('requestTimeout')) ?? 60;
  return {
    provider: provider === 'auto' || provider === 'vscode' || provider === 'local' || isProviderId(provider) ? provider : 'auto',
    baseUrl: str(read('baseUrl')) || undefined,
    model: str(read('model')) ?? '',
    temperature: num(read('temperature')),
    topP: num(read('topP')),
    maxTokens: int(read('maxTokens')),
    seed: int(read('seed')),
    levels: levelsFrom(read('levels')),
    requestTimeoutMs: Math.max(5, timeoutSeconds) * 1000,
  };
}

export function affectsModelSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(MODEL_SECTION);
}

function levelsFrom(value: unknown): Partial<Record<StoryLevel, LevelOverrides>> {
  const out: Partial<Record<StoryLevel, LevelOverrides>> = {};
  if (!value || typeof value !== 'object') return out;
  for (const level of LEVELS) {
    const raw = (value as Record<string, unknown>)[level];
    if (!raw || typeof raw !== 'object') continue;
    const o = raw as Record<string, unknown>;
    const override: LevelOverrides = {
      model: str(o.model) || undefined,
      temperature: num(o.temperature),
      topP: num(o.topP),
      maxTokens: int(o.maxTokens),
      seed: int(o.seed),
    };
    out[level] = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) as LevelOverrides;
  }
  return out;
}

// A hand-edited settings.json can hold anything: take only values of the right type.
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
