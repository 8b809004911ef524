import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';

describe('fake model server as a standalone process', function () {
  this.timeout(10_000);

  it('prints its URL, follows a script file, and can be scripted and inspected over HTTP', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-model-'));
    const script = path.join(dir, 'script.json');
    writeFileSync(script, JSON.stringify({ replies: [{ content: 'From the file.' }], options: { models: ['m1'] } }));
    const child = spawn(process.execPath, [path.join(__dirname, '../../fixtures/fakeModelServer.js'), '--port', '0', '--script', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const client = new OpenAI({ baseURL: url, apiKey: 'unused-key', maxRetries: 0 });
      const first = await client.chat.completions.create({ model: 'm1', messages: [{ role: 'user', content: 'a' }] });
      assert.equal(first.choices[0].message.content, 'From the file.');

      const origin = url.replace(/\/v1$/, '');
      await fetch(`${origin}/__script`, { method: 'POST', body: JSON.stringify({ replies: [{ content: 'Scripted over HTTP.' }] }) });
      const second = await client.chat.completions.create({ model: 'm1', messages: [{ role: 'user', content: 'b' }] });
      assert.equal(second.choices[0].message.content, 'Scripted over HTTP.');

      const recorded = (await (await fetch(`${origin}/__requests`)).json()) as Array<{ path: string; body: any; headers: any }>;
      assert.deepEqual(recorded.map((r) => r.body.messages[0].content), ['a', 'b']);
      assert.equal(recorded[0].headers.authorization, 'Bearer unused-key');
      assert.deepEqual((await client.models.list()).data.map((m) => m.id), ['m1']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
