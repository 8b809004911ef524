/**
 * Checks a base URL the writer types for an OpenAI-compatible endpoint. Pure, so the input box,
 * the command's argument and the tests share one rule.
 */

export type UrlCheck = { ok: true; url: string; hint?: string } | { ok: false; problem: string };

export function checkEndpointUrl(text: string): UrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'Type the address of the server, e.g. http://127.0.0.1:11434/v1' };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'Not a URL: it starts with http:// or https://, e.g. http://127.0.0.1:8000/v1' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, problem: `Use http:// or https://, not ${parsed.protocol}//` };
  // A key in the URL would end up in settings and logs: it belongs in Set API Key.
  if (parsed.username || parsed.password) return { ok: false, problem: 'Leave the key out of the URL: Dramaturge: Set API Key keeps it in secret storage.' };
  if (parsed.search || parsed.hash) return { ok: false, problem: 'The base URL has no ?query or #fragment: end it at the API path, e.g. …/v1' };
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '/') end--; // a scan: /\/+$/ backtracks on long slash runs
  const url = trimmed.slice(0, end);
  const hint = /\/v\d+$/.test(url) ? undefined : 'Most servers expect the path to end in /v1 (e.g. http://127.0.0.1:11434/v1).';
  return hint ? { ok: true, url, hint } : { ok: true, url };
}
