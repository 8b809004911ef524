import type { StoryLevel, Usage } from './chatModel';

/**
 * Token accounting for one session (one extension activation, one CLI run): every request's
 * usage, totals per story level and overall. Listeners hear about each entry so a status bar
 * item can update without polling.
 */

export type RequestOutcome = 'ok' | 'error' | 'cancelled';

export interface UsageEntry {
  /** When the request finished (ms since epoch). */
  at: number;
  provider: string;
  model: string;
  level: StoryLevel | 'unspecified';
  usage: Usage;
  latencyMs: number;
  outcome: RequestOutcome;
}

export type UsageListener = (entry: UsageEntry, ledger: UsageLedger) => void;

const zero = (): Usage => ({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    ...(a.estimated || b.estimated ? { estimated: true } : {}),
  };
}

export class UsageLedger {
  private readonly entries: UsageEntry[] = [];
  private readonly byLevel = new Map<UsageEntry['level'], Usage>();
  private total = zero();
  private count = 0;
  private readonly listeners = new Set<UsageListener>();

  /** How many recent entries to keep for display; totals always count everything. */
  constructor(private readonly keepRecent = 200) {}

  record(entry: UsageEntry): void {
    this.count++;
    this.entries.push(entry);
    if (this.entries.length > this.keepRecent) this.entries.shift();
    this.byLevel.set(entry.level, addUsage(this.byLevel.get(entry.level) ?? zero(), entry.usage));
    this.total = addUsage(this.total, entry.usage);
    for (const listener of [...this.listeners]) {
      try {
        listener(entry, this);
      } catch {
        // A broken display must not break generation.
      }
    }
  }

  /** Subscribe; returns a function that unsubscribes (also usable as a Disposable's dispose). */
  onDidRecord(listener: UsageListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  get session(): Usage {
    return { ...this.total };
  }

  get requestCount(): number {
    return this.count;
  }

  get last(): UsageEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  recent(): readonly UsageEntry[] {
    return [...this.entries];
  }

  perLevel(): ReadonlyMap<UsageEntry['level'], Usage> {
    return new Map(this.byLevel);
  }
}
