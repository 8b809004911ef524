// Review in the real VS Code: partial Accept in any order, mixed with Reject and undo, equals the
// original with exactly the accepted blocks applied (regressions from issue 10 and a property test
// against the real controller and a real TextDocument); nothing unaccepted ever reaches the disk,
// even with auto-save on; the side-by-side view shows the original as it is, and closing any view
// never drops a proposal.
import * as assert from 'assert';
import fc from 'fast-check';
import * as vscode from 'vscode';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import { waitFor } from './support/waitFor';
import type { ReviewController, ReviewProposal } from '../../src/vscode/review/reviewController';
import { dramaturgeApi, testAnswers } from './support/api';

const LOGLINE = 'A retired lighthouse keeper must relight the lamp before the storm.';
const CHARACTERS = `Title: The Last Lamp
Logline: ${LOGLINE}

# Characters

[[ELENA VOSS (Elena): A retired keeper who counts everything.]]

[[TOM REED (Tom): Her nephew, a surveyor.]]
`;

let counter = 0;
async function openScript(name: string, content: string, preview = false): Promise<{ editor: vscode.TextEditor; document: vscode.TextDocument }> {
  const folder = vscode.workspace.workspaceFolders![0];
  const uri = vscode.Uri.joinPath(folder.uri, `review-${name}-${Date.now()}-${counter++}.fountain`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview });
  return { editor, document };
}

async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

const fence = (value: unknown) => ({ content: "Here's the JSON:\n\n```json\n" + JSON.stringify(value, null, 2) + '\n```' });

async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t);
}

describe('review: partial Accept, Reject, undo, auto-save and the side-by-side view', function () {
  this.timeout(120000);
  let server: FakeModelServer;
  let review: ReviewController;

  before(async () => {
    server = await FakeModelServer.start();
    const config = vscode.workspace.getConfiguration('dramaturge.model');
    await config.update('provider', 'custom', vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await config.update('model', 'fake-small', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('dramaturge.setApiKey', { provider: 'custom', key: '' });
    // The beat proposals below give one beat for each of these elements: exactly what is asked.
    await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', 'Exposition, Climax, Resolution', vscode.ConfigurationTarget.Global);
    await openScript('activate', CHARACTERS);
    review = (await dramaturgeApi()).review;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('dramaturge.generation').update('structure', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  beforeEach(() => {
    server.reset();
    testAnswers().replaceEditedText = false;
  });

  afterEach(async () => {
    for (const p of review.all()) review.discard(p);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('regressions from issue 10', () => {
    const BEATS = [
      { heading: 'INT. THE LIGHTHOUSE - NIGHT', plotElement: 'Exposition', beat: 'Elena finds the lamp dark.' },
      { heading: 'EXT. THE CLIFF - DAY', plotElement: 'Climax', beat: 'Tom reaches the cliff.' },
      { heading: 'INT. THE LIGHTHOUSE - DAWN', plotElement: 'Resolution', beat: 'The lamp burns again.' },
    ];
    const ALL_BEATS =
      `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n\n` +
      `# Resolution\n\nINT. THE LIGHTHOUSE - DAWN\n\n= The lamp burns again.\n`;

    it('3-beat proposal: accepting the first beat alone leaves "Accept all 2"; Accept All then writes each beat once', async () => {
      const { document } = await openScript('beats3', CHARACTERS);
      server.enqueue(fence(BEATS));
      await vscode.commands.executeCommand('dramaturge.generateBeats');
      const [p] = review.list(document.uri);
      assert.strictEqual(review.blocks(document, p).length, 3, 'one block per beat');
      assert.ok((await lensTitles(document)).includes('Accept all 3'));
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptBlock', p.id, 0));
      assert.strictEqual(document.getText(), `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`);
      assert.strictEqual(review.blocks(document, p).length, 2);
      const titles = await lensTitles(document);
      assert.ok(titles.includes('Accept all 2') && !titles.includes('Accept all 3'), JSON.stringify(titles));
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
      assert.strictEqual(document.getText(), ALL_BEATS);
      assert.strictEqual(document.getText().split('# Resolution').length, 2, '# Resolution once');
      assert.strictEqual(review.list(document.uri).length, 0);
    });

    it('2-place proposal: accepting only the first change keeps "# Climax" a section heading', async () => {
      // No `# Places` yet: it goes in right before `# Climax`, and a character patch shares the "# ".
      const script = `${CHARACTERS}\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n\nINT. THE BOATHOUSE - NIGHT\n\n= Elena finds the logbook.\n`;
      const { document } = await openScript('places2', script);
      server.respondWith((req) => ({ content: JSON.stringify(req.body.messages).includes('THE CLIFF') ? 'Description: A bare headland.' : 'Description: A shed of wet rope.' }));
      await vscode.commands.executeCommand('dramaturge.generatePlaces');
      const [p] = review.list(document.uri);
      const blocks = review.blocks(document, p);
      assert.ok(blocks.length >= 1);
      for (const b of blocks) {
        assert.ok(b.oldStart === 0 || document.getText()[b.oldStart - 1] === '\n', `block ${b.index} starts at a line start`);
        assert.ok(/^#|^\[\[|^$/.test(b.newText.replace(/^\n+/, '')) || b.newText.startsWith('\n'), `block ${b.index} is whole lines: ${JSON.stringify(b.newText)}`);
      }
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptBlock', p.id, blocks[0].index));
      assert.ok(document.getText().split('\n').includes('# Climax'), `# Climax is still a heading:\n${document.getText()}`);
      await vscode.commands.executeCommand('dramaturge.review.acceptAll');
      assert.strictEqual(
        document.getText(),
        `${CHARACTERS}\n# Places\n\n[[THE CLIFF: A bare headland.]]\n\n[[THE BOATHOUSE: A shed of wet rope.]]\n\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n\nINT. THE BOATHOUSE - NIGHT\n\n= Elena finds the logbook.\n`,
      );
    });

    it('a proposal that starts mid-line (a shared "# ") is widened to whole lines', async () => {
      const script = `${CHARACTERS}\n# Climax\n\nEXT. THE CLIFF - DAY\n`;
      const { document } = await openScript('midline', script);
      const at = script.indexOf('# Climax') + 2;
      const p = review.propose(document, { label: 'Places', start: at, end: at, text: 'Places\n\n[[THE CLIFF: A bare headland.]]\n\n# ' });
      assert.strictEqual(review.blocks(document, p).length, 1, 'one block, not the section split from its "#"');
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptBlock', p.id, 0));
      assert.strictEqual(document.getText(), script.replace('# Climax', '# Places\n\n[[THE CLIFF: A bare headland.]]\n\n# Climax'));
    });
  });

  describe('any subset, any order, with Reject and undo (property, real controller and document)', () => {
    const ORIGINAL = `${CHARACTERS}
# Exposition

INT. THE LIGHTHOUSE - NIGHT

= Elena finds the lamp dark.

Elena climbs the stairs, counting.

EXT. THE CLIFF - DAY

= Tom reaches the cliff.

Rain. Tom grips the rail.

# Resolution

INT. THE LIGHTHOUSE - DAWN

= The lamp burns again.
`;
    // A rewrite, a deletion, insertions (one of several scenes at one point) and a one-word edit.
    const PROPOSED = ORIGINAL.replace('Elena climbs the stairs, counting.', 'Elena takes the stairs two at a time.\n\nELENA\nForty-one. Forty-two.')
      .replace('Rain. Tom grips the rail.\n\n', '')
      .replace('# Resolution\n', '# Dilemma\n\nINT. THE BOATHOUSE - NIGHT\n\n= Tom finds the logbook.\n\nEXT. THE JETTY - NIGHT\n\n= Elena waits.\n\n# Resolution\n')
      .replace('= The lamp burns again.', '= The lamp burns again, at last.');

    type Op = { kind: 'accept' | 'reject'; block: number } | { kind: 'undo' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant<'accept'>('accept'), block: fc.nat({ max: 7 }) }),
      fc.record({ kind: fc.constant<'reject'>('reject'), block: fc.nat({ max: 7 }) }),
      fc.constant<Op>({ kind: 'undo' }),
    );

    it('the document always equals the original with exactly the accepted blocks applied', async () => {
      const start = ORIGINAL.indexOf('# Exposition');
      // One document for every run (opening one per run is what would cost the time): each run
      // starts from the original text, and undoes only what it accepted itself.
      const { document, editor } = await openScript('property', ORIGINAL);
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.boolean(), async (ops, finishWithAcceptAll) => {
          if (document.getText() !== ORIGINAL) await editor.edit((e) => e.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), ORIGINAL));
          const p = review.propose(document, { label: 'Story', start, end: ORIGINAL.length, text: PROPOSED.slice(start) });
          const blocks = p.blocks.map((b) => ({ oldStart: b.span.start, oldEnd: b.span.end, newText: b.newText }));
          const n = blocks.length;
          const state: Array<'pending' | 'accepted' | 'rejected'> = blocks.map(() => 'pending');
          const edits: number[][] = [];
          let open = true;
          const expected = () => {
            let out = '';
            let at = 0;
            blocks.forEach((b, i) => {
              out += ORIGINAL.slice(at, b.oldStart) + (state[i] === 'accepted' ? b.newText : ORIGINAL.slice(b.oldStart, b.oldEnd));
              at = b.oldEnd;
            });
            return out + ORIGINAL.slice(at);
          };
          try {
            for (const o of ops) {
              if (o.kind === 'undo') {
                const last = edits.pop();
                if (!last) continue;
                await vscode.commands.executeCommand('undo');
                // Undo puts the blocks back into review while the proposal is open; once it is
                // resolved, it only takes the text back out.
                for (const i of last) state[i] = open ? 'pending' : 'rejected';
              } else {
                const i = o.block % n;
                const ok = await vscode.commands.executeCommand(o.kind === 'accept' ? 'dramaturge.review.acceptBlock' : 'dramaturge.review.rejectBlock', p.id, i);
                const applies: boolean = open && state[i] === 'pending';
                if (o.kind === 'accept') assert.strictEqual(!!ok, applies, `accept ${i} answered ${ok}`);
                if (applies) {
                  state[i] = o.kind === 'accept' ? 'accepted' : 'rejected';
                  if (o.kind === 'accept') edits.push([i]);
                  if (!state.includes('pending')) open = false;
                }
              }
              assert.strictEqual(document.getText(), expected(), `after ${JSON.stringify(o)} in ${JSON.stringify(ops)}`);
              assert.strictEqual(review.isOpen(p), open, 'open until every block is decided');
              if (open) assert.deepStrictEqual(review.blocks(document, p).map((b) => b.index), state.flatMap((s, i) => (s === 'pending' ? [i] : [])), 'exactly the undecided blocks are pending');
            }
            if (finishWithAcceptAll && open) {
              const before = expected();
              assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
              state.forEach((s, i) => (state[i] = s === 'pending' ? 'accepted' : s));
              assert.strictEqual(document.getText(), expected());
              await vscode.commands.executeCommand('undo');
              assert.strictEqual(document.getText(), before, 'Accept All is one undo step');
            }
          } finally {
            review.discard(p);
          }
        }),
        { numRuns: 12, seed: 10 },
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('the file on disk never holds unaccepted text', () => {
    it('with auto-save after a delay: typing elsewhere saves the typing only; Reject leaves it byte-identical', async () => {
      const files = vscode.workspace.getConfiguration('files');
      await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
      await files.update('autoSaveDelay', 100, vscode.ConfigurationTarget.Global);
      try {
        const script = `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`;
        const { document, editor } = await openScript('autosave', script);
        const end = script.length;
        const scene = '\nELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n';
        const p = review.propose(document, { label: 'Scene 1', start: end, end, text: scene });
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'Draft: 2\n'));
        await waitFor(() => !document.isDirty, 'auto-save', 10000);
        const saved = await diskText(document.uri);
        assert.strictEqual(saved, `Draft: 2\n${script}`, 'the typing is saved, the proposal is not');
        assert.ok(review.isOpen(p));
        await vscode.commands.executeCommand('dramaturge.review.rejectAll');
        assert.strictEqual(document.getText(), `Draft: 2\n${script}`);
        assert.strictEqual(await diskText(document.uri), saved, 'byte-identical after Reject');
        assert.strictEqual(document.isDirty, false);
      } finally {
        await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
        await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('Cancel while a scene streams leaves the file byte-identical; the stream never reached the document', async () => {
      const script = `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`;
      const { document, editor } = await openScript('cancel', script);
      editor.selection = new vscode.Selection(new vscode.Position(11, 0), new vscode.Position(11, 0));
      server.enqueue({ content: 'ELENA\nThe lamp is dark.\n\nShe lifts the lantern.\n\nELENA\nNot tonight.', chunkSize: 4, chunkDelayMs: 100 });
      const running = vscode.commands.executeCommand('dramaturge.generateSceneAtCursor');
      await waitFor(() => review.list(document.uri).some((p) => p.streaming && p.newText.includes('ELENA')), 'streaming', 15000);
      await vscode.commands.executeCommand('dramaturge.cancelGeneration');
      await running;
      assert.strictEqual(document.getText(), script);
      assert.strictEqual(document.isDirty, false);
      assert.strictEqual(await diskText(document.uri), script);
    });
  });

  describe('the side-by-side view', () => {
    it('shows the original as it stands (a virtual document, no overlay) and the proposal applied', async () => {
      const script = `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n\nElena climbs the stairs, counting.\n`;
      const { document } = await openScript('side', script);
      const start = script.indexOf('Elena climbs');
      review.propose(document, { label: 'Scene 1', start, end: script.length, text: 'Elena runs.\n\nELENA\nForty-one.\n' });
      await vscode.commands.executeCommand('dramaturge.review.showSideBySide');
      const panes = await waitFor(() => {
        const schemes = vscode.window.visibleTextEditors.map((e) => e.document.uri.scheme);
        return schemes.includes('dramaturge-original') && schemes.includes('dramaturge-proposal') && vscode.window.visibleTextEditors;
      }, 'the diff panes');
      const original = panes.find((e) => e.document.uri.scheme === 'dramaturge-original')!;
      const proposed = panes.find((e) => e.document.uri.scheme === 'dramaturge-proposal')!;
      assert.strictEqual(original.document.getText(), script, 'the original side is the original');
      assert.strictEqual(proposed.document.getText(), script.replace('Elena climbs the stairs, counting.\n', 'Elena runs.\n\nELENA\nForty-one.\n'));
      assert.ok(!panes.some((e) => e.document.uri.toString() === document.uri.toString() && e.viewColumn === original.viewColumn), 'the script itself is not a pane of the diff');
      // Accept from the diff: the command finds the script behind it.
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
      assert.strictEqual(document.getText(), script.replace('Elena climbs the stairs, counting.\n', 'Elena runs.\n\nELENA\nForty-one.\n'));
    });

    it('closing the script, the diff, or both never drops the proposal; it is accepted later exactly', async () => {
      const script = `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`;
      const { document } = await openScript('close', script, true);
      const uri = document.uri;
      const p = review.propose(document, { label: 'Scene 1', start: script.length, end: script.length, text: '\nELENA\nThe lamp is dark.\n' });
      await vscode.commands.executeCommand('dramaturge.review.showSideBySide');
      await waitFor(() => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'dramaturge-proposal'), 'the diff');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.ok(review.isOpen(p), 'closing the diff keeps the proposal');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.ok(review.isOpen(p), 'closing the script keeps the proposal');
      assert.strictEqual(await diskText(uri), script);
      const again = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(again);
      assert.deepStrictEqual(review.list(uri), [p]);
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.accept', p.id));
      assert.strictEqual(again.getText(), `${script}\nELENA\nThe lamp is dark.\n`);
    });
  });

  describe('undo and redo of a partial Accept', () => {
    it('undo puts the block back into review, redo accepts it again; nothing is written twice', async () => {
      const script = `${CHARACTERS}\n# Exposition\n\nINT. THE LIGHTHOUSE - NIGHT\n\n= Elena finds the lamp dark.\n`;
      const { document } = await openScript('redo', script);
      const p: ReviewProposal = review.propose(document, {
        label: 'Beats',
        start: script.length,
        end: script.length,
        text: '\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n\n# Resolution\n\nINT. THE LIGHTHOUSE - DAWN\n\n= The lamp burns again.\n',
      });
      assert.strictEqual(review.blocks(document, p).length, 2);
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptBlock', p.id, 1));
      const second = `${script}\n# Resolution\n\nINT. THE LIGHTHOUSE - DAWN\n\n= The lamp burns again.\n`;
      assert.strictEqual(document.getText(), second);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(document.getText(), script);
      assert.deepStrictEqual(review.blocks(document, p).map((b) => b.index), [0, 1], 'both blocks pending again');
      await vscode.commands.executeCommand('redo');
      assert.strictEqual(document.getText(), second);
      assert.deepStrictEqual(review.blocks(document, p).map((b) => b.index), [0], 'the redone block is accepted');
      assert.ok(await vscode.commands.executeCommand('dramaturge.review.acceptAll'));
      assert.strictEqual(document.getText(), `${script}\n# Climax\n\nEXT. THE CLIFF - DAY\n\n= Tom reaches the cliff.\n\n# Resolution\n\nINT. THE LIGHTHOUSE - DAWN\n\n= The lamp burns again.\n`);
    });
  });
});
