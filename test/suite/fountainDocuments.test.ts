// The one parsed model per document, when VS Code reports events out of the obvious order. The store
// takes its workspace events as an interface, so a test can play a sequence VS Code produces only
// sometimes: a close reported after a new document has taken the same URI (a new untitled file gets
// the lowest free "Untitled-N"). Clean-clone CI run 34 met it: the preview's edits went unheard.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Config } from '../../src/vscode/config';
import { FountainDocuments, type DocumentEvents } from '../../src/vscode/fountainDocuments';

function fakeDocument(uri: vscode.Uri, text: string): vscode.TextDocument {
  return { uri, languageId: 'fountain', version: 1, getText: () => text, lineCount: text.split('\n').length } as unknown as vscode.TextDocument;
}

describe('FountainDocuments: one model per document, whatever order the events come in', () => {
  it('a close reported after a new document took the same URI drops only the old one', () => {
    const opened = new vscode.EventEmitter<vscode.TextDocument>();
    const closed = new vscode.EventEmitter<vscode.TextDocument>();
    const changed = new vscode.EventEmitter<vscode.TextDocumentChangeEvent>();
    const events: DocumentEvents = { textDocuments: [], onDidOpenTextDocument: opened.event, onDidCloseTextDocument: closed.event, onDidChangeTextDocument: changed.event };
    const store = new FountainDocuments(new Config(), events);
    const closes: string[] = [];
    store.onDidClose((uri) => closes.push(uri.toString()));
    try {
      const uri = vscode.Uri.parse('untitled:Untitled-1');
      const old = fakeDocument(uri, 'Title: Old\n');
      const next = fakeDocument(uri, 'INT. LAB - NIGHT\n\nThe lamp hums.\n');
      opened.fire(old);
      opened.fire(next);
      closed.fire(old);
      assert.deepStrictEqual(store.documents(), [next], 'the new document keeps its model');
      assert.strictEqual(store.peek(next)?.lineCount, 4, "the model is the new document's text");
      assert.deepStrictEqual(closes, [], 'nobody is told the URI closed');
      // Its edits are heard.
      Object.assign(next, { version: 2 });
      changed.fire({ document: next, contentChanges: [{ range: new vscode.Range(2, 14, 2, 14), rangeOffset: 0, rangeLength: 0, text: '!' }], reason: undefined });
      assert.ok(store.hasPendingEdits(next), 'the edit is queued for the new document');
      closed.fire(next);
      assert.deepStrictEqual(store.documents(), []);
      assert.deepStrictEqual(closes, [uri.toString()]);
    } finally {
      store.dispose();
    }
  });
});
