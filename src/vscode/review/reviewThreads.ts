import * as vscode from 'vscode';
import { blockDisplay, wordEditSummary } from '../../review/blockDisplay';
import type { PendingBlock, ReviewController, ReviewProposal } from './reviewController';
import { isScript } from './reviewView';
import { endWithout, startWithout } from '../../text/scan';

/**
 * The proposed lines of each change block, shown right under the lines they replace (or where
 * they would be inserted) as a comment-thread widget: every proposed line on a line of its own,
 * in the editor's font, with the block's own Accept and Reject in its header. The widget is a
 * view; the document is never touched, so auto-save cannot write a proposal to disk. Blocks that
 * go in at the same point (the scenes of a whole screenplay) share one widget, one entry each.
 */

export const REVIEW_COMMENTS_ID = 'dramaturge.review';

/** One block in a widget; the Accept/Reject commands receive it back and read its ids. */
export class BlockComment implements vscode.Comment {
  readonly mode = vscode.CommentMode.Preview;
  readonly contextValue: string;
  constructor(
    readonly proposalId: number,
    readonly blockIndex: number,
    readonly author: vscode.CommentAuthorInformation,
    readonly body: vscode.MarkdownString,
    readonly label: string | undefined,
    streaming: boolean,
  ) {
    this.contextValue = streaming ? 'streamingBlock' : 'pendingBlock';
  }
}

interface Shown {
  thread: vscode.CommentThread;
  signature: string;
}

export class ProposalThreads implements vscode.Disposable {
  private readonly comments = vscode.comments.createCommentController(REVIEW_COMMENTS_ID, 'Dramaturge proposals');
  private readonly shown = new Map<string, Shown>();

  constructor(private readonly controller: ReviewController) {}

  /** Brings the widgets of one script in line with its open proposals. */
  render(document: vscode.TextDocument): void {
    if (!isScript(document.uri)) return;
    const prefix = `${document.uri.toString()}#`;
    const wanted = new Map<string, { range: vscode.Range; label: string; comments: BlockComment[] }>();
    for (const p of this.controller.list(document.uri)) {
      for (const group of this.groups(document, p)) wanted.set(prefix + group.key, group);
    }
    for (const [key, shown] of this.shown) {
      if (key.startsWith(prefix) && !wanted.has(key)) {
        shown.thread.dispose();
        this.shown.delete(key);
      }
    }
    for (const [key, want] of wanted) {
      const signature = JSON.stringify([want.range, want.label, want.comments.map((c) => [c.body.value, c.label, c.contextValue, c.author.name])]);
      const shown = this.shown.get(key);
      if (shown?.signature === signature) continue;
      if (shown) {
        shown.thread.range = want.range;
        shown.thread.label = want.label;
        shown.thread.comments = want.comments;
        shown.signature = signature;
        continue;
      }
      const thread = this.comments.createCommentThread(document.uri, want.range, want.comments);
      thread.canReply = false;
      thread.label = want.label;
      thread.contextValue = 'proposal';
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      this.shown.set(key, { thread, signature });
    }
  }

  /** Removes every widget of a script (its proposals are all resolved). */
  forget(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}#`;
    for (const [key, shown] of this.shown) {
      if (!key.startsWith(prefix)) continue;
      shown.thread.dispose();
      this.shown.delete(key);
    }
  }

  private groups(document: vscode.TextDocument, p: ReviewProposal): Array<{ key: string; range: vscode.Range; label: string; comments: BlockComment[] }> {
    const author = { name: p.label };
    if (p.streaming) {
      const body = fenced(p.newText.slice(p.lead.length, p.newText.length - p.trail.length) || '…');
      return [{ key: `${p.id}:streaming`, range: anchorRange(document, p.span.start, p.span.end), label: `Writing ${p.label}… (Esc to cancel)`, comments: [new BlockComment(p.id, -1, author, body, undefined, true)] }];
    }
    const blocks = this.controller.blocks(document, p);
    const total = p.blocks.length;
    const groups: Array<{ key: string; range: vscode.Range; label: string; comments: BlockComment[] }> = [];
    for (const block of blocks) {
      const range = anchorRange(document, block.oldStart, block.oldEnd);
      const comment = new BlockComment(p.id, block.index, author, blockBody(block), total > 1 ? `change ${block.index + 1} of ${total}` : undefined, false);
      const last = groups[groups.length - 1];
      if (last && last.range.isEqual(range) && !block.oldText) {
        last.comments.push(comment);
        last.key += `,${block.index}`;
        continue;
      }
      groups.push({ key: `${p.id}:${block.index}`, range, label: `Proposed: ${p.label}`, comments: [comment] });
    }
    return groups;
  }

  dispose(): void {
    for (const shown of this.shown.values()) shown.thread.dispose();
    this.shown.clear();
    this.comments.dispose();
  }
}

/**
 * The lines a widget hangs under: the old lines a block replaces, or, for an insertion at the
 * start of a line, the line before it, so the widget stands exactly where the new lines would go.
 */
function anchorRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  const from = document.positionAt(start);
  if (end > start) {
    let to = document.positionAt(end);
    if (to.character === 0 && to.line > from.line) to = document.lineAt(to.line - 1).range.end;
    return new vscode.Range(from.line, 0, to.line, 0);
  }
  const line = from.character === 0 && from.line > 0 ? from.line - 1 : from.line;
  return new vscode.Range(line, 0, line, 0);
}

function blockBody(block: PendingBlock): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  if (block.warning) md.appendMarkdown(`$(warning) ${escape(block.warning)}\n\n`);
  if (blockDisplay(block) === 'words') {
    const runs = wordEditSummary(block.words).map((r) => (r.removed && r.added ? `~~${escape(r.removed)}~~ → ${escape(r.added)}` : r.added ? `add ${escape(r.added)}` : `cut ~~${escape(r.removed)}~~`));
    md.appendMarkdown(`Edit in the line above: ${runs.join(' · ')}`);
    return md;
  }
  if (!block.newText.trim()) {
    md.appendMarkdown(block.oldText.includes('\n') ? 'Cut the lines above.' : 'Cut the line above.');
    return md;
  }
  md.appendMarkdown(fenced(block.newText).value);
  return md;
}

/** Text as a fenced Fountain code block: each line its own line, in the editor's font. */
function fenced(text: string): vscode.MarkdownString {
  const unix = text.replace(/\r\n/g, '\n');
  const body = unix.slice(startWithout(unix, '\n'), endWithout(unix, '\n'));
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return new vscode.MarkdownString(`${fence}fountain\n${body}\n${fence}`);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>]/g, '\\$&');
}
