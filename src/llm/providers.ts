/**
 * Provider presets: what differs between OpenAI-compatible servers that writers actually run.
 * The client code is the same for all of them; only these facts change. The `package.json`
 * `dramaturge.model.provider` enum mirrors `PROVIDER_IDS` (a unit test keeps them in step).
 */
import { trimEndOf } from '../text/scan';
import type { Remedies } from './remedies';

export const PROVIDER_IDS = ['openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'openrouter', 'custom'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  /** Base URL used when the user sets none. Undefined where each user's URL differs. */
  defaultBaseUrl?: string;
  /** Whether requests fail without a key. Local servers ignore any key. */
  needsKey: boolean;
  /** Runs on the user's own machine: no key, no cost, usually no rate limits. */
  local: boolean;
  /** Whether to try `response_format: json_schema` first (a 400 still falls back to prompt-JSON). */
  jsonSchema: boolean;
  /** Whether to ask for `stream_options.include_usage` (a 400 still falls back to no usage). */
  streamUsage: boolean;
  /** Extra headers the provider wants on every request (besides Authorization). */
  extraHeaders?: (apiKey: string | undefined) => Record<string, string>;
  /**
   * What to tell a writer when the server can't be reached; a function where it names the place
   * the address is set, which differs between the editor and the CLI.
   */
  unreachableHint: string | ((remedies: Remedies) => string);
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderPreset>> = {
  openai: {
    id: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    local: false,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: 'Check your internet connection.',
  },
  azure: {
    id: 'azure',
    label: 'Azure OpenAI',
    // Each resource has its own host, e.g. https://RESOURCE.openai.azure.com/openai/v1
    needsKey: true,
    local: false,
    jsonSchema: true,
    streamUsage: true,
    // Azure's v1 API takes the key as `api-key` as well as a bearer token.
    extraHeaders: (apiKey): Record<string, string> => (apiKey ? { 'api-key': apiKey } : {}),
    unreachableHint: (r) => `Check ${r.baseUrlSetting} (https://RESOURCE.openai.azure.com/openai/v1) and your connection.`,
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    needsKey: false,
    local: true,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: 'Is Ollama running? Start it with `ollama serve`.',
  },
  lmstudio: {
    id: 'lmstudio',
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    needsKey: false,
    local: true,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: "Is LM Studio's local server started (Developer tab → Start Server)?",
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    needsKey: false,
    local: true,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: 'Is `vllm serve` running on that port?',
  },
  llamacpp: {
    id: 'llamacpp',
    label: 'llama.cpp server',
    defaultBaseUrl: 'http://127.0.0.1:8080/v1',
    needsKey: false,
    local: true,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: 'Is `llama-server` running on that port?',
  },
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    local: false,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: 'Check your internet connection.',
  },
  custom: {
    id: 'custom',
    label: 'Custom endpoint',
    needsKey: false,
    local: false,
    jsonSchema: true,
    streamUsage: true,
    unreachableHint: (r) => `Check ${r.baseUrlSetting} and that the server is running.`,
  },
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** The base URL to use: the user's, else the preset's; undefined when neither exists. */
export function resolveBaseUrl(provider: ProviderId, configured: string | undefined): string | undefined {
  const url = configured?.trim() || PROVIDERS[provider].defaultBaseUrl;
  return url ? trimEndOf(url, '/') : undefined;
}
