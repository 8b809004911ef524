import OpenAI from 'openai';
import type { ProviderPreset } from './providers';

/** The SDK's own timeout would cut long streams; ours (idle-based) is the one that counts. */
export const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * The SDK client for one endpoint, with the SDK's retries and timeout switched off: both are
 * handled by OpenAIChatModel, which can bound, log and cancel them.
 */
export function createOpenAIClient(preset: ProviderPreset, baseUrl: string, apiKey: string | undefined): OpenAI {
  const key = apiKey?.trim() || undefined;
  return new OpenAI({
    // The SDK insists on a credential; with no key we send none at all (header removed below).
    apiKey: key ?? 'no-key',
    baseURL: baseUrl,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    logLevel: 'off',
    defaultHeaders: {
      ...(key ? {} : { Authorization: null }),
      ...(preset.extraHeaders?.(key) ?? {}),
    },
  });
}
