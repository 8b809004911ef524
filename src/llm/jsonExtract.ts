/**
 * Pulls one JSON value out of what a model actually says: code fences, "Sure! Here's…" preambles,
 * closing chatter, `<think>` blocks from reasoning models, trailing commas. A value that starts
 * but never closes (the model hit max_tokens or stopped early) is reported as `truncated`, never
 * silently repaired: a list cut mid-way would lose items without anyone noticing.
 */

export type JsonExtractFailure = 'notFound' | 'truncated' | 'syntax';

export type JsonExtractResult =
  | { ok: true; value: unknown; json: string }
  | { ok: false; reason: JsonExtractFailure; message: string };

const MAX_CANDIDATES = 20;

export function extractJson(text: string): JsonExtractResult {
  const body = stripThinking(text);
  const fenced = fencedBlocks(body);
  // Inside a fence the model has told us where the JSON is; elsewhere scan the whole reply.
  const sources = fenced.length > 0 ? [...fenced, body] : [body];
  let firstFailure: { reason: JsonExtractFailure; message: string } | undefined;
  for (const source of sources) {
    const found = scanForValue(source);
    if (found.ok) return found;
    if (!firstFailure || (found.reason === 'truncated' && firstFailure.reason !== 'truncated')) {
      firstFailure = found;
    }
  }
  return { ok: false, ...(firstFailure ?? { reason: 'notFound', message: 'The reply contains no JSON.' }) };
}

function stripThinking(text: string): string {
  // An unclosed <think> means the model never got to the answer.
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '');
}

function fencedBlocks(text: string): string[] {
  const blocks: string[] = [];
  const fence = /```[a-zA-Z0-9_-]*[^\S\n]*\n?([\s\S]*?)(```|$)/g;
  for (const match of text.matchAll(fence)) {
    if (match[1].trim()) blocks.push(match[1]);
  }
  return blocks;
}

function scanForValue(text: string): JsonExtractResult {
  let failure: { reason: JsonExtractFailure; message: string } | undefined;
  let tries = 0;
  for (let start = nextOpener(text, 0); start >= 0 && tries < MAX_CANDIDATES; start = nextOpener(text, start + 1)) {
    tries++;
    const end = matchingClose(text, start);
    if (end === 'unclosed') {
      // Later openers sit inside this one; they would only yield a fragment of the real answer.
      return { ok: false, reason: 'truncated', message: 'The JSON in the reply stops before it is complete (it was cut off).' };
    }
    if (end === 'mismatch') {
      failure ??= { reason: 'syntax', message: 'The JSON in the reply has mismatched brackets.' };
      continue;
    }
    const candidate = removeTrailingCommas(text.slice(start, end + 1));
    try {
      return { ok: true, value: JSON.parse(candidate), json: candidate };
    } catch (err) {
      failure ??= { reason: 'syntax', message: `The reply's JSON does not parse: ${(err as Error).message}` };
    }
  }
  if (failure) return { ok: false, ...failure };
  const bare = text.trim();
  // A bare scalar ("true", "42", "\"x\"") is valid JSON too, if that is all there is.
  if (bare) {
    try {
      return { ok: true, value: JSON.parse(bare), json: bare };
    } catch {
      /* fall through */
    }
  }
  return { ok: false, reason: 'notFound', message: 'The reply contains no JSON object or list.' };
}

function nextOpener(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[') return i;
  }
  return -1;
}

/** Index of the bracket closing the one at `start`, respecting strings and escapes. */
function matchingClose(text: string, start: number): number | 'unclosed' | 'mismatch' {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return 'mismatch';
      if (stack.length === 0) return i;
    }
  }
  return 'unclosed';
}

/** `[1, 2,]` and `{"a": 1,}` are the commonest near-JSON models emit. */
function removeTrailingCommas(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += json[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === ',') {
      let j = i + 1;
      while (j < json.length && /\s/.test(json[j])) j++;
      if (json[j] === '}' || json[j] === ']') continue;
    }
    out += ch;
  }
  return out;
}
