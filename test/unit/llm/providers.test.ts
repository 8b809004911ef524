import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROVIDER_IDS, PROVIDERS, resolveBaseUrl } from '../../../src/llm/providers';

describe('provider presets', () => {
  it('points local servers at their usual ports', () => {
    assert.equal(resolveBaseUrl('ollama', undefined), 'http://127.0.0.1:11434/v1');
    assert.equal(resolveBaseUrl('lmstudio', ''), 'http://127.0.0.1:1234/v1');
    assert.equal(resolveBaseUrl('vllm', undefined), 'http://127.0.0.1:8000/v1');
    assert.equal(resolveBaseUrl('llamacpp', undefined), 'http://127.0.0.1:8080/v1');
    for (const id of ['ollama', 'lmstudio', 'vllm', 'llamacpp'] as const) assert.equal(PROVIDERS[id].needsKey, false);
  });

  it("prefers the user's URL, without trailing slashes", () => {
    assert.equal(resolveBaseUrl('ollama', 'http://gpu-box:11434/v1/'), 'http://gpu-box:11434/v1');
  });

  it('has no default URL where every user has their own', () => {
    assert.equal(resolveBaseUrl('azure', undefined), undefined);
    assert.equal(resolveBaseUrl('custom', '  '), undefined);
  });

  it('matches the provider enum in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
    const sections = [pkg.contributes.configuration].flat();
    const provider = sections.map((c: any) => c.properties?.['dramaturge.model.provider']).find(Boolean);
    assert.ok(provider, 'dramaturge.model.provider is declared');
    // 'auto' and 'vscode' choose the editor's own models, 'local' the built-in model; the rest are OpenAI-compatible presets.
    assert.deepEqual(provider.enum, ['auto', 'vscode', 'local', ...PROVIDER_IDS]);
    assert.equal(provider.enumDescriptions.length, provider.enum.length);
  });
});
