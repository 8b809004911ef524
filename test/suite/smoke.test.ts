// The most basic extension-host check: the extension is installed, and opening a .fountain file gives the
// document the `fountain` language and activates Dramaturge (it activates on that language).
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dramaturge.dramaturge';

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('smoke: extension in the extension host', () => {
  it('is present', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not installed`);
  });

  it('activates when a .fountain file opens, with languageId fountain', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace folder is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'sample.fountain'));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'fountain');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Opening the document is what must trigger activation (onLanguage:fountain), so wait instead of
    // calling ext.activate(), which would activate it regardless of the activation events.
    assert.ok(await waitFor(() => ext.isActive, 10000), 'extension did not activate on a fountain document');
  });

  it('contributes a getting-started walkthrough whose steps link only to commands that exist, with their media', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const walkthroughs = ext.packageJSON.contributes.walkthroughs as { id: string; steps: { id: string; description: string; media: { markdown: string }; completionEvents?: string[] }[] }[];
    assert.deepStrictEqual(walkthroughs.map((w) => w.id), ['gettingStarted']);
    const steps = walkthroughs[0].steps;
    assert.deepStrictEqual(steps.map((s) => s.id), ['chooseModel', 'startFromLogline', 'reviewProposal']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      const completing = (step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
      assert.ok(linked.length > 0, `step ${step.id} links to a command`);
      for (const command of [...linked, ...completing]) assert.ok(registered.has(command), `step ${step.id}: ${command} is registered`);
      const media = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown));
      assert.match(new TextDecoder().decode(media), /^# /, `${step.media.markdown} is a markdown page`);
    }
    assert.deepStrictEqual(
      steps.map((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])),
      [['dramaturge.chooseLocalModel', 'dramaturge.selectModel', 'dramaturge.setEndpointUrl'], ['dramaturge.newScreenplayFromLogline'], ['dramaturge.review.next', 'dramaturge.review.acceptAll']],
    );
    // It opens in the real workbench.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
  });
});
