import * as assert from 'node:assert/strict';
import { UsageLedger, type UsageEntry } from '../../../src/llm/usageLedger';

const entry = (level: UsageEntry['level'], prompt: number, completion: number, estimated = false): UsageEntry => ({
  at: Date.now(),
  provider: 'Ollama',
  model: 'llama3.2',
  level,
  usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, ...(estimated ? { estimated } : {}) },
  latencyMs: 5,
  outcome: 'ok',
});

describe('UsageLedger', () => {
  it('accumulates per level and per session', () => {
    const ledger = new UsageLedger();
    ledger.record(entry('beats', 100, 50));
    ledger.record(entry('scene', 1000, 800));
    ledger.record(entry('beats', 10, 5));
    assert.deepEqual(ledger.perLevel().get('beats'), { promptTokens: 110, completionTokens: 55, totalTokens: 165 });
    assert.deepEqual(ledger.perLevel().get('scene'), { promptTokens: 1000, completionTokens: 800, totalTokens: 1800 });
    assert.deepEqual(ledger.session, { promptTokens: 1110, completionTokens: 855, totalTokens: 1965 });
    assert.equal(ledger.requestCount, 3);
    assert.equal(ledger.last?.level, 'beats');
  });

  it('marks totals estimated once any entry was estimated', () => {
    const ledger = new UsageLedger();
    ledger.record(entry('scene', 1, 1));
    assert.equal(ledger.session.estimated, undefined);
    ledger.record(entry('scene', 1, 1, true));
    assert.equal(ledger.session.estimated, true);
  });

  it('tells listeners about each entry until disposed, and survives a throwing listener', () => {
    const ledger = new UsageLedger();
    const seen: number[] = [];
    ledger.onDidRecord(() => {
      throw new Error('broken display');
    });
    const sub = ledger.onDidRecord((e, l) => seen.push(e.usage.totalTokens + l.session.totalTokens * 0));
    ledger.record(entry('title', 2, 3));
    sub.dispose();
    ledger.record(entry('title', 2, 3));
    assert.deepEqual(seen, [5]);
  });

  it('keeps only recent entries but counts all', () => {
    const ledger = new UsageLedger(2);
    for (let i = 0; i < 5; i++) ledger.record(entry('inline', 1, 1));
    assert.equal(ledger.recent().length, 2);
    assert.equal(ledger.requestCount, 5);
    assert.equal(ledger.session.totalTokens, 10);
  });
});
