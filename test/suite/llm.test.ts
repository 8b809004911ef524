// Model access inside the real VS Code: settings → provider → OpenAI client → fake server over real
// HTTP, the key kept in SecretStorage and out of the log file, and the untrusted-workspace guard.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { TEST_PROMPT } from '../../src/llm/testConnection';
import { readModelSettings } from '../../src/vscode/modelSettings';
import { hasLanguageModelApi } from '../../src/vscode/lmChatModel';

const EXTENSION_ID = 'dramaturge.dramaturge';
const GOOD_KEY = 'sk-e2e-good-key-5f3a9c0d1e';
const BAD_KEY = 'sk-e2e-wrong-key-77b1e2f4aa';

type Outcome = { ok: true; report: { reply: string; totalMs: number } } | { ok: false; kind: string; message: string };

async function setModelSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('dramaturge.model');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every *.log under the candidates whose name says Dramaturge (the LogOutputChannel's file). */
function dramaturgeLogFiles(): string[] {
  // VS Code writes it under USER_DATA/logs/…/exthostN/<extension id>/. The code-server harness keeps the
  // user-data dir beside XDG_DATA_HOME; @vscode/test-electron keeps it under .vscode-test.
  const xdg = process.env.XDG_DATA_HOME;
  const roots = [process.env.VSCODE_LOGS, xdg && path.join(path.dirname(xdg), 'ud', 'logs'), path.resolve('.vscode-test', 'user-data', 'logs')].filter(
    (p): p is string => Boolean(p),
  );
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 9) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if (/dramaturge/i.test(e.name) && e.name.endsWith('.log')) found.push(full);
    }
  };
  for (const root of roots) walk(root, 0);
  return [...new Set(found)];
}

async function logText(mustContain: RegExp): Promise<string> {
  const deadline = Date.now() + 5000;
  let text = '';
  while (Date.now() < deadline) {
    text = dramaturgeLogFiles()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    if (mustContain.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the Dramaturge log file never showed ${mustContain} (files: ${dramaturgeLogFiles().join(', ') || 'none'}; env roots: ${process.env.VSCODE_LOGS ?? '-'} ${process.env.XDG_DATA_HOME ?? '-'})`);
}

describe('Model access in the extension host', function () {
  this.timeout(60_000);
  let server: FakeModelServer;

  before(async () => {
    server = await FakeModelServer.start({ apiKey: GOOD_KEY });
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  after(async () => {
    await setModelSettings({ provider: undefined, baseUrl: undefined, model: undefined });
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' });
    await server.close();
  });

  it('declares the model settings restricted in untrusted workspaces, and the base URL application-scoped (user settings only, kept in remote windows)', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['dramaturge.model.provider', 'dramaturge.model.baseUrl']) assert.ok(restricted.includes(key), key);
    assert.strictEqual(pkg.contributes.configuration.properties['dramaturge.model.baseUrl'].scope, 'application');
  });

  it('Set Endpoint URL stores a checked URL in user settings, where the machine-scoped setting counts, and requests go there', async () => {
    await setModelSettings({ provider: 'custom', baseUrl: undefined, model: 'fake-small' });
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: GOOD_KEY });
    // Refused, with nothing stored: not a URL, a key inside the URL.
    assert.strictEqual(await vscode.commands.executeCommand('dramaturge.setEndpointUrl', { url: '127.0.0.1 port 8000' }), false);
    assert.strictEqual(await vscode.commands.executeCommand('dramaturge.setEndpointUrl', { url: `http://me:${GOOD_KEY}@127.0.0.1:1/v1` }), false);
    assert.strictEqual(vscode.workspace.getConfiguration('dramaturge.model').inspect('baseUrl')?.globalValue, undefined);
    // Accepted: trailing slash dropped, stored in the user (global) settings and nowhere else.
    assert.strictEqual(await vscode.commands.executeCommand('dramaturge.setEndpointUrl', { url: `${server.url}/` }), true);
    const seen = vscode.workspace.getConfiguration('dramaturge.model').inspect('baseUrl');
    assert.strictEqual(seen?.globalValue, server.url);
    assert.strictEqual(seen?.workspaceValue, undefined);
    server.enqueue({ content: 'Hello from the typed URL.' });
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(server.chatRequests().at(-1)!.body.messages.at(-1).content, TEST_PROMPT, 'the request reached the typed URL');
  });

  it('tests the connection from settings and a stored key; the key goes to the endpoint and nowhere else', async () => {
    await setModelSettings({ provider: 'custom', baseUrl: server.url, model: 'fake-small' });
    assert.strictEqual(await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: GOOD_KEY }), true);
    server.enqueue({ content: 'Coffee is a plot device.', delayMs: 20 });
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(outcome.report.reply, 'Coffee is a plot device.');
    assert.ok(outcome.report.totalMs >= 20);
    const request = server.chatRequests().at(-1)!;
    assert.strictEqual(request.headers.authorization, `Bearer ${GOOD_KEY}`);
    assert.strictEqual(request.body.model, 'fake-small');
    assert.strictEqual(request.body.messages.at(-1).content, TEST_PROMPT);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('dramaturge'));
    assert.ok(!settingsText.includes(GOOD_KEY), 'the key is in no setting');
  });

  it('a rejected key gives an auth error naming the fix, and no key ever reaches the log file', async () => {
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: BAD_KEY });
    let outcome: Outcome;
    try {
      outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
    } finally {
      await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: GOOD_KEY });
    }
    assert.ok(!outcome.ok);
    assert.strictEqual(outcome.kind, 'auth');
    assert.match(outcome.message, /Set API Key/);
    assert.ok(!outcome.message.includes(BAD_KEY));
    // The fake server echoes the rejected key in its 401 body; the log must still not contain it.
    const log = await logText(/failed .*auth/);
    assert.match(log, /request ok · Custom endpoint · fake-small/);
    assert.ok(!log.includes(BAD_KEY), 'the rejected key is not in the log');
    assert.ok(!log.includes(GOOD_KEY), 'the good key is not in the log');
  });

  it('ignores a base URL set in workspace settings, and restricted keys when the workspace is untrusted', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const settingsDir = path.join(folder.uri.fsPath, '.vscode');
    const settingsFile = path.join(settingsDir, 'settings.json');
    const before = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    fs.mkdirSync(settingsDir, { recursive: true });
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dramaturge.model')) {
          sub.dispose();
          resolve();
        }
      });
    });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ 'dramaturge.model.baseUrl': 'http://attacker.invalid/v1', 'dramaturge.model.model': 'workspace-model' }),
    );
    try {
      await Promise.race([changed, new Promise((r) => setTimeout(r, 5000))]);
      const inspected = vscode.workspace.getConfiguration('dramaturge.model').inspect<string>('model');
      assert.strictEqual(inspected?.workspaceValue, 'workspace-model', 'VS Code did read the workspace file');
      assert.strictEqual(readModelSettings().baseUrl, server.url, 'workspace baseUrl ignored');
      assert.strictEqual(readModelSettings(true).model, 'workspace-model', 'trusted: workspace model honoured');
      assert.strictEqual(readModelSettings(false).model, 'fake-small', 'untrusted: only the user setting counts');
      server.enqueue({ content: 'Still the fake server.' });
      const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
      assert.ok(!outcome.ok || outcome.report.reply === 'Still the fake server.', JSON.stringify(outcome));
      assert.ok(server.chatRequests().every((r) => r.headers.host?.startsWith('127.0.0.1')));
    } finally {
      if (before === undefined) fs.rmSync(settingsFile);
      else fs.writeFileSync(settingsFile, before);
    }
  });

  it("with nothing configured and no editor models, says how to set one up; the Language Model API's presence is detected", async () => {
    await setModelSettings({ provider: 'auto', baseUrl: undefined, model: undefined });
    const models = await vscode.lm.selectChatModels();
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.testConnection');
    assert.strictEqual(hasLanguageModelApi(), true);
    if (models.length === 0) {
      assert.ok(!outcome.ok);
      assert.strictEqual(outcome.kind, 'modelNotFound');
      assert.match(outcome.message, /Select Model/);
    }
  });
});
