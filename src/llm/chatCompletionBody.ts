import type { ChatMessage, ChatRequest } from './chatModel';
import type { ProviderId } from './providers';
import type { ResolvedParams } from './samplingParams';

export interface BodyOptions {
  providerId: ProviderId;
  /** Ask the server to report token usage at the end of the stream. */
  includeUsage: boolean;
  responseFormat?: object;
}

/** The streaming `POST /chat/completions` body; settings left unset are left out, so the server's defaults apply. */
export function chatCompletionBody(request: ChatRequest, params: ResolvedParams, options: BodyOptions): Record<string, unknown> {
  const { providerId, includeUsage, responseFormat } = options;
  return {
    model: params.model,
    messages: request.messages.map((m: ChatMessage) => ({ role: m.role, content: m.content })),
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { top_p: params.topP } : {}),
    // OpenAI's newer models refuse max_tokens; other servers only know max_tokens.
    ...(params.maxTokens !== undefined
      ? providerId === 'openai' || providerId === 'azure'
        ? { max_completion_tokens: params.maxTokens }
        : { max_tokens: params.maxTokens }
      : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...(responseFormat ? { response_format: responseFormat } : {}),
  };
}
