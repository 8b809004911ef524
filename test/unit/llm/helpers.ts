import type { ModelLogger } from '../../../src/llm/logger';
import { EndpointCapabilities, OpenAIChatModel, type OpenAIModelConfig } from '../../../src/llm/openaiChatModel';
import { UsageLedger } from '../../../src/llm/usageLedger';
import type { FakeModelServer } from '../../fixtures/fakeModelServer';

/** A logger that keeps every line, so tests can assert on (and grep) what was logged. */
export class CapturingLogger implements ModelLogger {
  readonly lines: string[] = [];
  debug(m: string) {
    this.lines.push(`debug ${m}`);
  }
  info(m: string) {
    this.lines.push(`info ${m}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${m}`);
  }
  error(m: string) {
    this.lines.push(`error ${m}`);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** A model pointed at the fake server, with test-sized timeouts and backoffs. */
export function modelFor(server: FakeModelServer, config: Partial<OpenAIModelConfig> = {}) {
  const logger = new CapturingLogger();
  const ledger = new UsageLedger();
  const capabilities = new EndpointCapabilities();
  const model = new OpenAIChatModel(
    {
      provider: 'custom',
      baseUrl: server.url,
      model: 'fake-small',
      requestTimeoutMs: 1_000,
      retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 2_000 },
      ...config,
    },
    { logger, ledger, capabilities },
  );
  return { model, logger, ledger, capabilities };
}

export async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of iterable) out.push(d);
  return out;
}
