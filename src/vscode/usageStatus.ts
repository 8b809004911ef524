import * as vscode from 'vscode';
import type { Usage } from '../llm/chatModel';
import type { UsageLedger } from '../llm/usageLedger';

/**
 * A status bar item with the session's token count; its tooltip breaks it down by last request,
 * story level and session. Appears after the first request, so writers who never use the AI
 * don't see it.
 */
export function registerUsageStatus(ledger: UsageLedger): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dramaturge.usage', vscode.StatusBarAlignment.Right, 90);
  item.name = 'Dramaturge Token Usage';
  item.command = 'dramaturge.selectModel';
  const update = () => {
    const session = ledger.session;
    item.text = `$(sparkle) ${compact(session.totalTokens)}${session.estimated ? '~' : ''}`;
    item.tooltip = usageTooltip(ledger);
    item.show();
  };
  const sub = ledger.onDidRecord(update);
  if (ledger.requestCount > 0) update();
  return vscode.Disposable.from(item, { dispose: () => sub.dispose() });
}

export function usageTooltip(ledger: UsageLedger): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown('**Dramaturge tokens** (prompt + completion)\n\n');
  const last = ledger.last;
  if (last) {
    md.appendMarkdown(`Last request: ${fmt(last.usage)} · ${last.level} · ${escape(last.model)} · ${last.latencyMs} ms · ${last.outcome}\n\n`);
  }
  md.appendMarkdown('| Level | Tokens |\n|---|---:|\n');
  for (const [level, usage] of ledger.perLevel()) md.appendMarkdown(`| ${level} | ${fmt(usage)} |\n`);
  md.appendMarkdown(`| **Session** (${ledger.requestCount} requests) | **${fmt(ledger.session)}** |\n`);
  if (ledger.session.estimated) md.appendMarkdown('\n~ some counts are estimated: the server reported none.');
  return md;
}

function fmt(u: Usage): string {
  return `${u.promptTokens.toLocaleString('en-US')} + ${u.completionTokens.toLocaleString('en-US')} = ${u.totalTokens.toLocaleString('en-US')}${u.estimated ? '~' : ''}`;
}

function compact(n: number): string {
  return n < 1000 ? String(n) : n < 1_000_000 ? `${(n / 1000).toFixed(1)}k` : `${(n / 1_000_000).toFixed(2)}M`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
