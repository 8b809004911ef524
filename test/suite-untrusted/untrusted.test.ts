// The untrusted-workspace restriction in a window the real VS Code treats as untrusted (run.sh's
// `untrusted` part: workspace trust on, no startup prompt). The opened folder is
// test/fixtures/untrusted-ws, whose .vscode/settings.json points the model at 127.0.0.1:9 with
// 'evil-model'; the user settings run.sh writes point at the fake server this file starts on
// DRAMATURGE_UNTRUSTED_FAKE_PORT. Every TCP connection the extension host opens is recorded, so the
// tests see where requests (and the stored key) actually went, not just what a settings reader returns.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { readModelSettings } from '../../src/vscode/modelSettings';

const EXTENSION_ID = 'dramaturge.dramaturge';
const KEY = 'sk-e2e-untrusted-only-for-the-user-host-41c7';
const WORKSPACE_BASE_URL = 'http://127.0.0.1:9/v1';
const WORKSPACE_MODEL = 'evil-model';
const WORKSPACE_TEMPERATURE = 0.25;
const USER_MODEL = 'fake-small';

type Outcome = { ok: true; report: { reply: string } } | { ok: false; kind: string; message: string };

/**
 * Records where this process (the extension host) sends traffic: the URL of every fetch() (what the
 * OpenAI SDK uses) and host:port of every TCP connection (anything else). Both matter for port 9: it is
 * on fetch's "bad port" list, so a request there fails inside fetch() before any socket is opened.
 */
function spyOnTraffic(): { urls: string[]; sockets: string[]; restore(): void } {
  const urls: string[] = [];
  const sockets: string[] = [];
  const originalFetch = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return originalFetch(input, init);
  }) as typeof fetch;
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // The first argument is an options object, a port or a path, or (from net.connect) the
    // already-normalised [options, callback] array.
    const [raw, second] = args as [unknown, unknown];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first && typeof first === 'object') {
      const o = first as { host?: string; port?: number | string };
      if (o.port !== undefined) sockets.push(`${o.host ?? 'localhost'}:${o.port}`);
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      sockets.push(`${typeof second === 'string' ? second : 'localhost'}:${first}`);
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof originalConnect;
  return {
    urls,
    sockets,
    restore: () => {
      globalThis.fetch = originalFetch;
      net.Socket.prototype.connect = originalConnect;
    },
  };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Untrusted workspace (real VS Code, restricted mode)', function () {
  this.timeout(60_000);
  let server: FakeModelServer;
  let spy: ReturnType<typeof spyOnTraffic>;
  const fakePort = Number(process.env.DRAMATURGE_UNTRUSTED_FAKE_PORT);

  before(async () => {
    assert.ok(fakePort > 0, 'run.sh passes DRAMATURGE_UNTRUSTED_FAKE_PORT (the port its user settings name)');
    server = await FakeModelServer.start({ port: fakePort, apiKey: KEY });
    spy = spyOnTraffic();
    // Wait until VS Code knows this extension's settings (their defaults are registered): only then
    // does it apply their scopes to the user settings. Before the fix, provider (machine-overridable)
    // and baseUrl (machine) were visible until that moment and then dropped, because a remote window
    // (code-server always is one) ignores machine-scoped keys in the user settings: the suite passed
    // or failed depending on which came first.
    const started = Date.now();
    const config = () => vscode.workspace.getConfiguration('dramaturge.model');
    await waitFor('VS Code to register the extension\'s settings', () => config().inspect('baseUrl')?.defaultValue === '' && config().inspect('provider')?.defaultValue === 'auto', 20000);
    const seen = { provider: config().inspect('provider')?.globalValue, baseUrl: config().inspect('baseUrl')?.globalValue };
    console.log(`settings registered after ${Date.now() - started} ms; user values seen: ${JSON.stringify(seen)}`);
    assert.deepStrictEqual(seen, { provider: 'custom', baseUrl: server.url }, 'the user settings still apply once VS Code knows their scopes');
    vscode.workspace.onDidChangeConfiguration(() => console.log(`configuration changed; user values now ${JSON.stringify(['provider', 'baseUrl'].map((k) => config().inspect(k)?.globalValue))}`));
  });

  after(async () => {
    spy?.restore();
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' }).then(undefined, () => undefined);
    await server?.close();
  });

  it('VS Code opened the folder untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder && fs.existsSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json')), 'the untrusted-ws fixture is open');
  });

  it('the extension activates in restricted mode when a Fountain file opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension is enabled in the untrusted window (supported: limited)');
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'cloned.fountain'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'fountain');
    // Activated by its own activation event, not by the test calling activate().
    await waitFor('the extension to activate', () => ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['dramaturge.testConnection', 'dramaturge.setApiKey']) assert.ok(commands.includes(id), id);
    assert.strictEqual(vscode.workspace.isTrusted, false, 'still untrusted: nothing granted trust on the way');
  });

  it("VS Code read the folder's settings but hides its restricted model keys; the effective settings are the user's", () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const onDisk = fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8');
    for (const value of ['custom', WORKSPACE_BASE_URL, WORKSPACE_MODEL]) assert.ok(onDisk.includes(`"${value}"`), `the fixture sets ${value}`);
    const config = vscode.workspace.getConfiguration('dramaturge.model');
    // The same file's unrestricted setting is visible, so the file was read...
    assert.strictEqual(config.inspect<number>('temperature')?.workspaceValue, WORKSPACE_TEMPERATURE, "VS Code read the folder's settings");
    // ...while VS Code itself drops the restricted keys in an untrusted window (restrictedConfigurations;
    // baseUrl is machine-scoped as well), so not even inspect() shows them.
    for (const key of ['provider', 'baseUrl', 'model']) {
      const seen = config.inspect<string>(key);
      assert.strictEqual(seen?.workspaceValue, undefined, `${key}: workspace value hidden (${JSON.stringify(seen)})`);
      assert.strictEqual(seen?.workspaceFolderValue, undefined, `${key}: folder value hidden`);
    }
    const effective = readModelSettings();
    assert.deepStrictEqual(
      { provider: effective.provider, baseUrl: effective.baseUrl, model: effective.model, temperature: effective.temperature },
      { provider: 'custom', baseUrl: server.url, model: USER_MODEL, temperature: WORKSPACE_TEMPERATURE },
      `VS Code shows ${JSON.stringify(['provider', 'baseUrl', 'model'].map((k) => config.inspect(k)))}`,
    );
  });

  it('Test Model Connection talks to the user-chosen fake server with the stored key, and nothing tries 127.0.0.1:9', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: KEY }), true);
    server.enqueue({ content: 'Only the user picks the host.' });
    const seen = { urls: spy.urls.length, sockets: spy.sockets.length };
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
    const urls = spy.urls.slice(seen.urls);
    const sockets = spy.sockets.slice(seen.sockets);
    console.log(`during Test Model Connection: fetch ${urls.join(', ') || 'none'}; sockets ${sockets.join(', ') || 'none'}`);
    // Where the traffic went comes first: a failure here names the host that was tried.
    assert.ok(urls.length > 0, `the fetch spy saw the request (else it proves nothing); the command answered ${JSON.stringify(outcome)}`);
    assert.deepStrictEqual(
      [...new Set(urls.map((u) => new URL(u).host))],
      [`127.0.0.1:${fakePort}`],
      'every request went to the user-chosen fake server only',
    );
    assert.ok(!sockets.some((t) => !t.endsWith(`:${fakePort}`)), `no other connection: ${sockets.join(', ')}`);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(outcome.report.reply, 'Only the user picks the host.');
    const request = server.chatRequests().at(-1);
    assert.ok(request, 'the fake server received the chat request');
    assert.strictEqual(request.body.model, USER_MODEL, 'the workspace model is not used');
    assert.strictEqual(request.body.temperature, WORKSPACE_TEMPERATURE, 'the unrestricted workspace setting is');
    assert.strictEqual(request.headers.authorization, `Bearer ${KEY}`, 'the stored key went to the user-chosen host');
  });
});
