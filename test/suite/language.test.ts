// Fountain language features through the real VS Code API, inside the extension host: outline
// symbols, folding, completion, diagnostics and their quick fixes, incremental updates through real
// edits, the Go to Scene command and the status bar text. Fixture: test/fixtures/ws/features.fountain
// (its line numbers are quoted in the assertions below).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeUntitled, openUntitled } from './support/untitled';
import { EXTENSION_ID, waitFor } from './support/waitFor';
import { FountainDocument } from '../../src/fountain';
import { sceneStatus } from '../../src/vscode/sceneStatusBar';
import { layoutScript } from '../../src/print';

const FIXTURE = 'features.fountain';


function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openFixture(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(FIXTURE));
  assert.strictEqual(document.languageId, 'fountain');
  return vscode.window.showTextDocument(document);
}

/** Undo whatever a test did to the fixture, from disk. */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.strictEqual(editor.document.isDirty, false, 'fixture reverted');
}

interface SymbolShape {
  name: string;
  detail?: string;
  kind: string;
  lines: [number, number];
  children?: SymbolShape[];
}

function shape(symbol: vscode.DocumentSymbol): SymbolShape {
  const out: SymbolShape = {
    name: symbol.name,
    kind: vscode.SymbolKind[symbol.kind],
    lines: [symbol.range.start.line, symbol.range.end.line],
  };
  if (symbol.detail) out.detail = symbol.detail;
  if (symbol.children.length > 0) out.children = symbol.children.map(shape);
  return out;
}

async function symbols(uri: vscode.Uri): Promise<SymbolShape[]> {
  const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
  return (result ?? []).map(shape);
}

async function completions(document: vscode.TextDocument, line: number, character: number): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    new vscode.Position(line, character),
  );
  // Sorted as the suggest widget shows them before any filtering.
  return [...list.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b)));
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function labelsOfKind(items: vscode.CompletionItem[], kind: vscode.CompletionItemKind): string[] {
  return items.filter((item) => item.kind === kind).map(label);
}

function insertText(item: vscode.CompletionItem): string {
  const text = item.insertText ?? label(item);
  return typeof text === 'string' ? text : text.value;
}

const FIXTURE_SYMBOLS: SymbolShape[] = [
  {
    name: 'ACT ONE',
    kind: 'Namespace',
    lines: [3, 35],
    children: [
      {
        name: 'The Setup',
        kind: 'Namespace',
        lines: [5, 35],
        children: [
          { name: 'INT. KITCHEN - NIGHT', detail: 'Brick waits for Steel.', kind: 'Event', lines: [7, 24] },
          { name: 'EXT. GARDEN - DAY', detail: 'DAY', kind: 'Event', lines: [26, 35] },
        ],
      },
    ],
  },
  {
    name: 'ACT TWO',
    kind: 'Namespace',
    lines: [37, 55],
    children: [
      { name: 'INT. KITCHEN - MORNING', detail: 'MORNING', kind: 'Event', lines: [39, 51] },
      { name: 'EXT. STREET - DUSK', detail: 'DUSK', kind: 'Event', lines: [53, 55] },
    ],
  },
];

describe('Fountain language features', function () {
  this.timeout(20000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
  });

  afterEach(async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === fixtureUri(FIXTURE).toString());
    if (editor?.document.isDirty) await revert(editor);
  });

  describe('Outline (document symbols)', () => {
    it('nests scenes under sections by depth, with synopsis or time of day as detail', async () => {
      const editor = await openFixture();
      assert.deepStrictEqual(await symbols(editor.document.uri), FIXTURE_SYMBOLS);
    });

    it('puts scenes before the first section at the top level', async () => {
      const document = await openUntitled('INT. HALL - DAY\n\nA hall.\n\n# PART ONE\n\nEXT. YARD #7#\n\nA yard.\n');
      assert.deepStrictEqual(await symbols(document.uri), [
        { name: 'INT. HALL - DAY', detail: 'DAY', kind: 'Event', lines: [0, 2] },
        {
          name: 'PART ONE',
          kind: 'Namespace',
          lines: [4, 8],
          children: [{ name: '7. EXT. YARD', kind: 'Event', lines: [6, 8] }],
        },
      ]);
    });
  });

  describe('Folding', () => {
    it('folds sections, scenes, and multi-line notes and boneyard as comments', async () => {
      const editor = await openFixture();
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
        'vscode.executeFoldingRangeProvider',
        editor.document.uri,
      );
      const comment = vscode.FoldingRangeKind.Comment;
      const actual = ranges
        .map((r) => [r.start, r.end, r.kind === comment ? 'comment' : ''] as const)
        .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      assert.deepStrictEqual(actual, [
        [3, 35, ''], // # ACT ONE
        [5, 35, ''], // ## The Setup
        [7, 24, ''], // INT. KITCHEN - NIGHT (trailing blank line stays visible)
        [26, 35, ''], // EXT. GARDEN - DAY
        [28, 29, 'comment'], // [[A note ... ]]
        [37, 55, ''], // # ACT TWO
        [39, 51, ''], // INT. KITCHEN - MORNING
        [41, 43, 'comment'], // /* ... */
        [53, 55, ''], // EXT. STREET - DUSK
      ]);
    });
  });

  describe('Completion', () => {
    const SCENE_TWO_HANDER = [
      'INT. OFFICE - DAY', // 0
      '',
      'MARLOWE',
      'One.',
      '',
      'MARLOWE', // 5
      'Two.',
      '',
      'MARLOWE',
      'Three.',
      '', // 10
      'ZED',
      'Four.',
      '',
      'INT. KITCHEN - NIGHT',
      '', // 15
      'BRICK',
      'Hi.',
      '',
      'STEEL',
      'Hey.', // 20
      '',
      'VERA',
      'Hello.',
      '',
      'STEEL', // 25
      'Yes.',
      '',
    ];

    it('ranks cues: the speaker before last, the last, others in the scene, then by frequency', async () => {
      const document = await openUntitled([...SCENE_TWO_HANDER, ''].join('\n'));
      const items = await completions(document, 28, 0);
      assert.deepStrictEqual(labelsOfKind(items, vscode.CompletionItemKind.User), [
        'VERA',
        'STEEL',
        'BRICK',
        'MARLOWE',
        'ZED',
      ]);
      // The cue alone: no line break, so the writer's own Enter starts the dialogue.
      const vera = items.find((item) => label(item) === 'VERA')!;
      assert.strictEqual(insertText(vera), 'VERA');
    });

    it('accepting a cue leaves the cursor at its end, so the habitual Enter starts the dialogue', async () => {
      const document = await openUntitled([...SCENE_TWO_HANDER, ''].join('\n'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(28, 0, 28, 0);
      await vscode.commands.executeCommand('type', { text: 'VE' });
      // The suggest widget opens asynchronously: accept its (only) item once it is there.
      await waitFor(async () => {
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await new Promise((resolve) => setTimeout(resolve, 100));
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        return document.lineAt(28).text === 'VERA';
      }, 'the cue completion to be accepted', 15_000);
      assert.strictEqual(document.lineCount, 29, 'no line break was inserted');
      assert.ok(editor.selection.isEmpty && editor.selection.active.isEqual(new vscode.Position(28, 4)), `cursor at the end of the cue, got ${JSON.stringify(editor.selection.active)}`);
      await vscode.commands.executeCommand('type', { text: '\n' });
      await vscode.commands.executeCommand('type', { text: 'Me again.' });
      assert.strictEqual(document.getText(), [...SCENE_TWO_HANDER, 'VERA', 'Me again.'].join('\n'));
      const lines = FountainDocument.parse(document.getText()).lines;
      assert.deepStrictEqual([lines[28].type, lines[29].type], ['character', 'dialogue']);
      await closeUntitled(document);
    });

    it('replaces a half-typed cue and adds no newline above existing dialogue', async () => {
      const document = await openUntitled([...SCENE_TWO_HANDER, 'ST', 'Existing line.'].join('\n'));
      const items = await completions(document, 28, 2);
      const steel = items.find((item) => label(item) === 'STEEL');
      assert.ok(steel, 'STEEL is offered');
      assert.strictEqual(insertText(steel), 'STEEL');
      const range = steel.range as vscode.Range;
      assert.ok(range.isEqual(new vscode.Range(28, 0, 28, 2)), `replaces the typed "ST", got ${JSON.stringify(range)}`);
    });

    it('offers no cue after a non-blank line (dialogue continues there)', async () => {
      const document = await openUntitled([...SCENE_TWO_HANDER.slice(0, 27), ''].join('\n'));
      const items = await completions(document, 27, 0);
      assert.deepStrictEqual(labelsOfKind(items, vscode.CompletionItemKind.User), []);
    });

    it('offers scene-heading prefixes at the start of a line after a blank line', async () => {
      const document = await openUntitled('Text.\n\nIN');
      const items = await completions(document, 2, 2);
      assert.deepStrictEqual(labelsOfKind(items, vscode.CompletionItemKind.Keyword), [
        'INT.',
        'EXT.',
        'INT./EXT.',
        'EST.',
        'I/E',
      ]);
      assert.strictEqual(insertText(items.find((item) => label(item) === 'INT.')!), 'INT. ');
    });

    const LOCATIONS = [
      'INT. KITCHEN - NIGHT',
      '',
      'Text.',
      '',
      'EXT. GARDEN - DAY',
      '',
      'Text.',
      '',
      'INT. KITCHEN - GOLDEN HOUR',
      '',
      'Text.',
      '',
      'EXT. GARDEN - DAY',
      '',
      'Text.',
      '',
    ];

    it('offers known locations after a prefix, most used first', async () => {
      const document = await openUntitled([...LOCATIONS, 'INT. '].join('\n'));
      const items = await completions(document, 16, 5);
      assert.deepStrictEqual(items.map(label), ['GARDEN', 'KITCHEN']);
      assert.strictEqual(insertText(items[0]), 'GARDEN - ');
      const range = items[0].range as vscode.Range;
      assert.ok(range.isEqual(new vscode.Range(16, 5, 16, 5)));
    });

    it('offers times of day after " - ": those used in the script first, then the usual ones', async () => {
      const document = await openUntitled([...LOCATIONS, 'EXT. GARDEN - '].join('\n'));
      const items = await completions(document, 16, 14);
      assert.deepStrictEqual(items.map(label), [
        'DAY',
        'GOLDEN HOUR',
        'NIGHT',
        'MORNING',
        'EVENING',
        'CONTINUOUS',
        'LATER',
        'MOMENTS LATER',
        'DAWN',
        'DUSK',
      ]);
    });

    it('adds the missing space when the time of day is asked for right after "-"', async () => {
      const document = await openUntitled([...LOCATIONS, 'EXT. GARDEN -'].join('\n'));
      const items = await completions(document, 16, 13);
      assert.strictEqual(insertText(items.find((item) => label(item) === 'NIGHT')!), ' NIGHT');
    });

    it('offers transitions on an uppercase line after a blank line, forcing those without TO:', async () => {
      const document = await openUntitled('Text.\n\nBACK TO:\n\nMore.\n\nC');
      const items = await completions(document, 6, 1);
      const transitions = items.filter((item) => item.kind === vscode.CompletionItemKind.Operator);
      const byLabel = new Map(transitions.map((item) => [label(item), insertText(item)]));
      assert.strictEqual(byLabel.get('CUT TO:'), 'CUT TO:');
      assert.strictEqual(byLabel.get('FADE OUT.'), '> FADE OUT.');
      assert.strictEqual(byLabel.get('BACK TO:'), 'BACK TO:', 'a transition used in the script is offered');
    });

    it('stays quiet inside an action paragraph', async () => {
      const document = await openUntitled('INT. HALL - DAY\n\nBRICK\nHi.\n\nShe walks in and ');
      const items = await completions(document, 5, 17);
      const ours = items.filter((item) =>
        [vscode.CompletionItemKind.User, vscode.CompletionItemKind.Keyword, vscode.CompletionItemKind.Operator].includes(
          item.kind!,
        ),
      );
      assert.deepStrictEqual(ours.map(label), []);
    });
  });

  describe('Diagnostics and quick fixes', () => {
    async function diagnosticsOf(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
      return waitFor(() => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Dramaturge');
        return found.length === count ? found.sort((a, b) => a.range.start.line - b.range.start.line) : undefined;
      }, `${count} Dramaturge diagnostics`);
    }

    async function applyFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((action) => action.title === title);
      assert.ok(fix?.edit, `quick fix "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
    }

    it('warns about a misspelt cue and a heading with no blank line after it', async () => {
      const editor = await openFixture();
      const [cue, heading] = await diagnosticsOf(editor.document.uri, 2);
      assert.strictEqual(cue.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(cue.range.isEqual(new vscode.Range(34, 0, 34, 5)), 'on the name BRIKC');
      assert.match(cue.message, /did you mean BRICK\?/);
      assert.strictEqual(heading.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(heading.range.isEqual(new vscode.Range(48, 0, 48, 19)), 'on INT. GARAGE - LATER');
      assert.match(heading.message, /needs a blank line after it/);
    });

    it('replaces the misspelt cue with the known name, and the warning goes away', async () => {
      const editor = await openFixture();
      const original = editor.document.getText();
      const [cue] = await diagnosticsOf(editor.document.uri, 2);
      await applyFix(editor.document.uri, cue, 'Replace with BRICK');
      assert.strictEqual(editor.document.getText(), original.replace('\nBRIKC\n', '\nBRICK\n'));
      const [left] = await diagnosticsOf(editor.document.uri, 1);
      assert.strictEqual(left.range.start.line, 48);
      await revert(editor);
      assert.strictEqual(editor.document.getText(), original);
    });

    it('inserts the blank line after a would-be heading, which then becomes a scene', async () => {
      const editor = await openFixture();
      const original = editor.document.getText();
      const [, heading] = await diagnosticsOf(editor.document.uri, 2);
      await applyFix(editor.document.uri, heading, 'Insert a blank line after the scene heading');
      assert.strictEqual(
        editor.document.getText(),
        original.replace('INT. GARAGE - LATER\nSteel', 'INT. GARAGE - LATER\n\nSteel'),
      );
      await diagnosticsOf(editor.document.uri, 1);
      const actTwo = (await symbols(editor.document.uri)).find((s) => s.name === 'ACT TWO')!;
      assert.deepStrictEqual(
        actTwo.children!.map((s) => s.name),
        ['INT. KITCHEN - MORNING', 'INT. GARAGE - LATER', 'EXT. STREET - DUSK'],
      );
      await revert(editor);
    });

    it('is switched off by dramaturge.diagnostics.enabled', async () => {
      const editor = await openFixture();
      await diagnosticsOf(editor.document.uri, 2);
      const config = vscode.workspace.getConfiguration('dramaturge');
      await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
      try {
        await diagnosticsOf(editor.document.uri, 0);
      } finally {
        await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
      await diagnosticsOf(editor.document.uri, 2);
    });
  });

  describe('Incremental updates through real edits', () => {
    it('follows inserts and deletes, and agrees with a fresh parse of the same text', async () => {
      const editor = await openFixture();
      const uri = editor.document.uri;
      const insertion = 'INT. CELLAR - NIGHT\n\nDark.\n\n';
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(53, 0), insertion)));
      const actTwo = (await symbols(uri)).find((s) => s.name === 'ACT TWO')!;
      assert.deepStrictEqual(
        actTwo.children!.map((s) => [s.name, s.lines]),
        [
          ['INT. KITCHEN - MORNING', [39, 51]],
          ['INT. CELLAR - NIGHT', [53, 55]],
          ['EXT. STREET - DUSK', [57, 59]],
        ],
      );

      // Several edits in one change event (as multi-cursor typing produces), then typing in bursts.
      assert.ok(
        await editor.edit((edit) => {
          edit.replace(new vscode.Range(7, 15, 7, 20), 'DAWN'); // INT. KITCHEN - NIGHT -> DAWN
          edit.insert(new vscode.Position(37, 0), '## Fallout\n\n');
        }),
      );
      const typed = ' WINE';
      for (let i = 0; i < typed.length; i++) {
        assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(55, 11 + i), typed[i])));
      }
      const fresh = await openUntitled(editor.document.getText());
      const incremental = await symbols(uri);
      assert.deepStrictEqual(incremental, await symbols(fresh.uri));
      assert.strictEqual(incremental[0].children![0].children![0].name, 'INT. KITCHEN - DAWN');
      assert.ok(JSON.stringify(incremental).includes('INT. CELLAR WINE - NIGHT'), JSON.stringify(incremental));

      // Deleting the inserted text restores the original outline.
      await revert(editor);
      assert.deepStrictEqual(await symbols(uri), FIXTURE_SYMBOLS);
    });

    it('turns an action line into a cue when a blank line is typed before it', async () => {
      const document = await openUntitled('INT. HALL - DAY\n\nVERA\nHi.\nTOM\nHey.\n');
      const editor = await vscode.window.showTextDocument(document);
      const cues = async (line: number) =>
        (await completions(document, line, 0)).filter((i) => i.kind === vscode.CompletionItemKind.User).map(label);
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), '\n')));
      assert.deepStrictEqual(await cues(7), ['VERA'], 'TOM is still dialogue');
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(4, 0), '\n')));
      assert.deepStrictEqual(await cues(8), ['VERA', 'TOM'], 'TOM became a cue');
      await closeUntitled(document);
    });
  });

  describe('Go to Scene and the status bar', () => {
    it('dramaturge.goToScene with a scene index moves the cursor to that heading', async () => {
      const editor = await openFixture();
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const position = await vscode.commands.executeCommand<vscode.Position>('dramaturge.goToScene', 3);
      assert.strictEqual(position?.line, 53);
      assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, 53);
      assert.strictEqual(vscode.window.activeTextEditor?.selection.isEmpty, true);
      assert.strictEqual(await vscode.commands.executeCommand('dramaturge.goToScene', 99), undefined);
      assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, 53, 'an unknown scene does not move');
    });

    it('is in the command palette under the Dramaturge category', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('dramaturge.goToScene'));
      const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as {
        command: string;
        category: string;
      }[];
      assert.strictEqual(contributed.find((c) => c.command === 'dramaturge.goToScene')?.category, 'Dramaturge');
    });

    it('the status bar text names the scene and page under the cursor', async () => {
      const document = await vscode.workspace.openTextDocument(fixtureUri(FIXTURE));
      const model = FountainDocument.parse(document.getText());
      const layout = layoutScript(model);
      assert.strictEqual(sceneStatus(model, layout, 31).text, 'Sc. 2 · GARDEN · p. 1/1');
      assert.strictEqual(sceneStatus(model, layout, 1).text, 'p. 1/1');
      assert.match(sceneStatus(model, layout, 9).tooltip, /^INT\. KITCHEN - NIGHT\nBrick waits for Steel\.\nCharacters: BRICK, STEEL/);
    });
  });
});
