// Getting a model for the built-in runtime, in the real VS Code: "Choose Local Model…" with its real
// quick pick, downloading the real test GGUF from a Hugging Face stand-in on 127.0.0.1 (reached through
// the user setting dramaturge.local.hubUrl, the same one a writer sets for a mirror), into the
// extension's global storage, checked against the sha256 the stand-in's file list gives, and then set
// as dramaturge.local.modelFile in the user settings, where the runtime reads it. Then: a resumed
// download, an explicit provider switched to local, Use a GGUF File… and Remove Local Model.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MODEL_CATALOG } from '../../src/llm/local/modelCatalog';
import { ModelFileServer } from '../fixtures/modelFileServer';
import { waitFor } from './support/waitFor';

type Outcome = { ok: true; file: string; switchedFrom?: string } | { ok: false; kind: string; message: string } | undefined;
type Removed = { removed: string[]; freedBytes: number; clearedSetting: boolean } | undefined;

describe('Getting a local model (Choose Local Model…, Use a GGUF File…, Remove Local Model)', function () {
  this.timeout(300_000);
  const tiny = MODEL_CATALOG[0]!;
  const local = () => vscode.workspace.getConfiguration('dramaturge.local');
  const model = () => vscode.workspace.getConfiguration('dramaturge.model');
  let server: ModelFileServer;
  let source: Buffer;
  let downloaded = '';

  before(async () => {
    const file = process.env.DRAMATURGE_MODEL_FILE;
    assert.ok(file && fs.existsSync(file), `DRAMATURGE_MODEL_FILE must name the test model (got ${file})`);
    source = fs.readFileSync(file);
    server = await ModelFileServer.start([{ repo: tiny.repo, revision: tiny.revision, file: tiny.file, body: source }]);
    await local().update('hubUrl', server.url, vscode.ConfigurationTarget.Global);
    await model().update('provider', undefined, vscode.ConfigurationTarget.Global);
    await local().update('modelFile', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (downloaded && fs.existsSync(downloaded)) fs.rmSync(downloaded);
    await local().update('hubUrl', undefined, vscode.ConfigurationTarget.Global);
    await local().update('modelFile', undefined, vscode.ConfigurationTarget.Global);
    await model().update('provider', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('the real quick pick: the first (tiny) model downloads into global storage, checked, and becomes dramaturge.local.modelFile', async () => {
    const running = vscode.commands.executeCommand<Outcome>('dramaturge.chooseLocalModel');
    // Accept the quick pick's first item as a writer pressing Enter would, once it is shown.
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return server.requests.length > 0;
    }, 'the download to start');
    const outcome = await running;
    assert.ok(outcome && outcome.ok, `the command succeeded: ${JSON.stringify(outcome)}`);
    downloaded = outcome.file;
    console.log(`downloaded to ${outcome.file}; requests: ${JSON.stringify(server.requests)}`);
    assert.match(outcome.file, /[\\/]globalStorage[\\/]dramaturge\.dramaturge[\\/]models[\\/]SmolLM2-135M-Instruct\.Q4_1\.gguf$/, 'in the extension\'s global storage');
    const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.ok(!outcome.file.startsWith(workspace), 'never in the workspace');
    assert.ok(fs.readFileSync(outcome.file).equals(source), 'byte-identical to what the server sent');
    assert.ok(!fs.existsSync(`${outcome.file}.part`));
    assert.deepStrictEqual(
      server.requests.map((r) => r.url),
      [`/api/models/${tiny.repo}/tree/${tiny.revision}`, `/${tiny.repo}/resolve/${tiny.revision}/${tiny.file}`],
      'the checksum from the file list, then the file',
    );
    const setting = local().inspect<string>('modelFile');
    console.log(`dramaturge.local.modelFile after the command: ${JSON.stringify(setting)}`);
    assert.strictEqual(setting?.globalValue, outcome.file, 'written to the user settings, where the runtime reads it');
    assert.strictEqual(setting?.workspaceValue, undefined);
    assert.strictEqual(model().inspect('provider')?.globalValue, undefined, '"auto" is left alone: it picks the local model now');
  });

  it('provider "auto" now runs the downloaded model: Test Model Connection answers from it', async () => {
    // Four tokens are proof enough, and keep this quick on a loaded machine (the level override wins).
    await model().update('levels', { test: { maxTokens: 4 } }, vscode.ConfigurationTarget.Global);
    try {
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; report?: { model?: string; label?: string; reply?: string }; message?: string }>('dramaturge.testConnection');
      console.log(`test connection: ${JSON.stringify(outcome)}`);
      assert.ok(outcome?.ok, `the local model answered: ${JSON.stringify(outcome)}`);
      assert.strictEqual(outcome.report?.model, 'SmolLM2-135M-Instruct.Q4_1', 'the downloaded file is the model that answered');
    } finally {
      await model().update('levels', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a model already downloaded is used again without a request; an explicit other provider is switched to "local"', async () => {
    await model().update('provider', 'openai', vscode.ConfigurationTarget.Global);
    const before = server.requests.length;
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.chooseLocalModel', { id: tiny.id });
    assert.ok(outcome && outcome.ok);
    assert.strictEqual(outcome.file, downloaded);
    assert.strictEqual(outcome.switchedFrom, 'openai');
    assert.strictEqual(model().inspect('provider')?.globalValue, 'local');
    assert.strictEqual(server.requests.length, before, 'nothing downloaded again');
    await model().update('provider', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Remove Local Model deletes the file, frees its space and clears the setting it was in', async () => {
    const outcome = await vscode.commands.executeCommand<Removed>('dramaturge.removeLocalModel', { names: [tiny.file] });
    assert.deepStrictEqual(outcome, { removed: [tiny.file], freedBytes: source.length, clearedSetting: true });
    assert.ok(!fs.existsSync(downloaded));
    assert.strictEqual(local().inspect('modelFile')?.globalValue, undefined);
  });

  it('a connection dropped midway is resumed with a Range request; the file ends byte-identical', async () => {
    server.requests.length = 0;
    const cut = 7 << 20;
    server.plans.push({ dropAfter: cut });
    const outcome = await vscode.commands.executeCommand<Outcome>('dramaturge.chooseLocalModel', { id: tiny.id });
    assert.ok(outcome && outcome.ok, JSON.stringify(outcome));
    const ranges = server.fileRequests().map((r) => r.range);
    console.log(`ranges asked for after a drop at ${cut}: ${JSON.stringify(ranges)}`);
    assert.strictEqual(ranges.length, 2);
    assert.strictEqual(ranges[0], undefined);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]);
    assert.ok(resumedAt > 0 && resumedAt <= cut, `resumed within what was sent (${ranges[1]})`);
    assert.ok(fs.readFileSync(outcome.file).equals(source));
    assert.strictEqual(local().inspect('modelFile')?.globalValue, outcome.file);
  });

  it('Use a GGUF File… refuses a file that is not GGUF (setting unchanged) and takes the real one', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const fake = path.join(folder, `not-a-model-${Date.now()}.gguf`);
    fs.writeFileSync(fake, '{"this": "is JSON"}');
    try {
      const before = local().inspect('modelFile')?.globalValue;
      const refused = await vscode.commands.executeCommand<Outcome>('dramaturge.useLocalModelFile', { file: fake });
      assert.ok(refused && !refused.ok && refused.kind === 'notGguf');
      assert.match(refused.message, /is not a GGUF model file: it starts with "\{\\"th", not "GGUF"/);
      assert.strictEqual(local().inspect('modelFile')?.globalValue, before);
      const used = await vscode.commands.executeCommand<Outcome>('dramaturge.useLocalModelFile', { file: process.env.DRAMATURGE_MODEL_FILE });
      assert.ok(used && used.ok);
      assert.strictEqual(local().inspect('modelFile')?.globalValue, process.env.DRAMATURGE_MODEL_FILE);
    } finally {
      fs.rmSync(fake, { force: true });
    }
  });
});
