import * as assert from 'node:assert/strict';
import { checkEndpointUrl } from '../../../src/llm/endpointUrl';

describe('endpoint URL check (Select Model → Endpoint URL…)', () => {
  it('accepts http(s) base URLs, without trailing slashes', () => {
    assert.deepEqual(checkEndpointUrl(' http://127.0.0.1:11434/v1/ '), { ok: true, url: 'http://127.0.0.1:11434/v1' });
    assert.deepEqual(checkEndpointUrl('https://res.openai.azure.com/openai/v1'), { ok: true, url: 'https://res.openai.azure.com/openai/v1' });
  });

  it('hints at /v1 without refusing a server that lives elsewhere', () => {
    const c = checkEndpointUrl('http://127.0.0.1:8000');
    assert.equal(c.ok, true);
    assert.match((c as { hint: string }).hint, /\/v1/);
  });

  it('refuses what cannot work, saying why', () => {
    for (const [text, why] of [
      ['', /Type the address/],
      ['localhost:11434', /http:\/\/ or https:\/\//],
      ['ftp://example.com/v1', /Use http:\/\/ or https:\/\//],
      ['https://user:sk-secret@example.com/v1', /Leave the key out of the URL/],
      ['http://127.0.0.1:8000/v1?key=abc', /no \?query/],
    ] as const) {
      const c = checkEndpointUrl(text);
      assert.equal(c.ok, false, text);
      assert.match((c as { problem: string }).problem, why, text);
      // The refusal never repeats a secret typed into the URL.
      assert.ok(!(c as { problem: string }).problem.includes('sk-secret'));
    }
  });
});
