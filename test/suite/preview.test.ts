// The paged preview in the real extension host: the command opens a webview beside the script, and
// the controller (driven here through its view interface, with the real document store) sends the
// pages, follows edits, jumps to a clicked line and ignores malformed messages.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PagesUpdate } from '../../src/print';
import { Config } from '../../src/vscode/config';
import { FountainDocuments } from '../../src/vscode/fountainDocuments';
import { PreviewController, type PreviewMessage, type PreviewView } from '../../src/vscode/preview/previewController';
import { closeUntitled, openUntitled } from './support/untitled';
import { EXTENSION_ID, waitFor } from './support/waitFor';

/** A stand-in webview: records what the controller posts, and lets the test speak for the page. */
class RecordingView implements PreviewView {
  readonly posted: PreviewMessage[] = [];
  private readonly emitter = new vscode.EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.emitter.event;
  postMessage(message: PreviewMessage): Thenable<boolean> {
    this.posted.push(JSON.parse(JSON.stringify(message)));
    return Promise.resolve(true);
  }
  updates(): PagesUpdate[] {
    return this.posted.flatMap((m) => (m.type === 'pages' ? [m.update] : []));
  }
}

function folder(): vscode.Uri {
  const ws = vscode.workspace.workspaceFolders?.[0];
  assert.ok(ws);
  return ws.uri;
}

describe('Preview', function () {
  this.timeout(30_000);
  let store: FountainDocuments;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    store = new FountainDocuments(new Config());
  });
  after(async () => {
    store.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Preview to the Side opens a webview panel beside the script', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'brick-and-steel.fountain'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('dramaturge.openPreviewToSide');
    assert.ok(panel, 'a panel was returned');
    assert.strictEqual(panel.title, 'Preview brick-and-steel.fountain');
    await waitFor(() => panel.viewColumn === vscode.ViewColumn.Two, 'the panel to sit beside the script (column two)');
    assert.match(panel.webview.html, /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; script-src 'nonce-[A-Za-z0-9]+'/);
    assert.ok(!/<script(?![^>]*nonce=)/.test(panel.webview.html), 'every script has the nonce');
    const again = await vscode.commands.executeCommand<vscode.WebviewPanel>('dramaturge.openPreviewToSide');
    assert.strictEqual(again, panel, 'one preview per script');
    panel.dispose();
  });

  it('sends the pages when the page is ready, then only what an edit changed', async () => {
    const document = await openUntitled('Title: Test\n\nINT. LAB - NIGHT\n\nThe lamp hums.\n\n<img src=x onerror=alert(1)>\n');
    const editor = await vscode.window.showTextDocument(document);
    const view = new RecordingView();
    const controller = new PreviewController(document, store, view);
    try {
      await controller.receive({ type: 'ready' });
      const [first] = view.updates();
      assert.ok(first.reset);
      assert.deepStrictEqual(first.pages.map((p) => p.number), [0, 1], 'title page and page 1');
      const texts = first.pages[1].lines.map((l) => l.r.map(([t]) => t).join(''));
      assert.deepStrictEqual(texts, ['INT. LAB - NIGHT', 'The lamp hums.', '<img src=x onerror=alert(1)>'], 'the hostile line is plain text in the data');
      await editor.edit((e) => e.insert(new vscode.Position(4, 14), ' Then it stops.'));
      const update = await waitFor(() => view.updates()[1], 'a second pages message after the edit');
      assert.strictEqual(update.reset, false);
      assert.deepStrictEqual(update.pages.map((p) => p.index), [1]);
      assert.ok(update.pages[0].lines.some((l) => l.r.map(([t]) => t).join('') === 'The lamp hums. Then it stops.'));
    } finally {
      controller.dispose();
      await closeUntitled(document);
    }
  });

  it('a change of print settings redraws the whole preview on the new paper', async () => {
    const document = await openUntitled('INT. LAB - NIGHT\n\nThe lamp hums.\n');
    await vscode.window.showTextDocument(document);
    const view = new RecordingView();
    const controller = new PreviewController(document, store, view, { paper: 'letter' });
    try {
      await controller.receive({ type: 'ready' });
      assert.strictEqual(view.updates()[0].widthIn, 8.5);
      controller.setOptions({ paper: 'a4', sceneNumbers: true });
      const redraw = await waitFor(() => view.updates()[1], 'a pages message after the settings changed');
      assert.strictEqual(redraw.reset, true);
      assert.ok(Math.abs(redraw.widthIn - 8.27) < 0.01 && Math.abs(redraw.heightIn - 11.69) < 0.01, `A4: ${redraw.widthIn} × ${redraw.heightIn}`);
      const heading = redraw.pages[0].lines.map((l) => l.r.map(([t]) => t).join(''));
      assert.strictEqual(heading.filter((t) => t === '1').length, 2, `scene number 1 in both margins: ${JSON.stringify(heading)}`);
    } finally {
      controller.dispose();
      await closeUntitled(document);
    }
  });

  it('a click on a line jumps there; malformed messages are ignored', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'brick-and-steel.fountain'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = new RecordingView();
    const controller = new PreviewController(document, store, view);
    try {
      const target = document.getText().split('\n').findIndex((l) => l.startsWith('INT. TRAILER HOME'));
      await controller.receive({ type: 'jump', line: target });
      const editor = vscode.window.activeTextEditor!;
      assert.strictEqual(editor.document, document);
      assert.strictEqual(editor.selection.active.line, target);
      assert.ok(editor.visibleRanges.some((r) => r.contains(new vscode.Position(target, 0))));
      for (const bad of [{ type: 'jump', line: -1 }, { type: 'jump', line: 1e9 }, { type: 'jump', line: '3' }, { type: 'jump', line: 2.5 }, null, 'jump', { type: 'eval', line: 1 }]) {
        await controller.receive(bad);
      }
      assert.strictEqual(vscode.window.activeTextEditor!.selection.active.line, target, 'nothing moved');
      assert.strictEqual(view.posted.length, 0, 'nothing posted before the page said it was ready');
    } finally {
      controller.dispose();
    }
  });

  it('scrolling the editor tells the preview which line is at the top', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'brick-and-steel.fountain'));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = new RecordingView();
    const controller = new PreviewController(document, store, view);
    try {
      await controller.receive({ type: 'ready' });
      editor.revealRange(new vscode.Range(100, 0, 100, 0), vscode.TextEditorRevealType.AtTop);
      const reveal = await waitFor(() => view.posted.find((m): m is { type: 'reveal'; line: number } => m.type === 'reveal' && m.line > 50), 'a reveal message');
      // Near the end of a short script the editor cannot put line 100 at the very top: what the
      // preview is told is the editor's own first visible line.
      assert.strictEqual(reveal.line, editor.visibleRanges[0].start.line);
      // and the other way: the preview scrolled to line 20, the editor follows (after the echo window)
      await new Promise((r) => setTimeout(r, 500));
      await controller.receive({ type: 'scrolled', line: 20 });
      await waitFor(() => editor.visibleRanges[0].start.line <= 20 && editor.visibleRanges[0].end.line >= 20, 'the editor to show line 20');
    } finally {
      controller.dispose();
    }
  });
});
