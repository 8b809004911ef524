/**
 * The tiny logging seam `src/llm` writes to. The VS Code side passes its LogOutputChannel (which
 * has these methods); the CLI and tests pass whatever they like. Kept here, not imported from
 * vscode, so the model layer runs in plain Node.
 */
export interface ModelLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: ModelLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Replaces every occurrence of each secret with a placeholder. Used on anything that may carry
 * text from a server (error bodies can echo the key back) before it reaches a log or a message.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  // A key pasted with spaces or a newline around it (as .env files give) is sent trimmed, and a
  // server echoes what was sent: hide both forms.
  const forms = new Set(secrets.flatMap((s) => (s ? [s, s.trim()] : [])));
  for (const secret of forms) {
    // Very short "secrets" (e.g. a placeholder like "x") would shred ordinary words.
    if (secret.length < 6) continue;
    out = out.split(secret).join('[redacted]');
  }
  // An echoed Authorization header hides its token whatever the token is (one we were never told of).
  return out.replace(BEARER_TOKEN, '$1[redacted]');
}

/** `Bearer <token>`: the spaces and the token classes are disjoint, so a match never backtracks. */
const BEARER_TOKEN = /\b(Bearer[ \t]+)[^\s"',;]+/gi;

/** Wraps a logger so that no line it writes can contain one of the secrets. */
export function redactingLogger(inner: ModelLogger, secrets: () => readonly (string | undefined)[]): ModelLogger {
  const wrap = (write: (m: string) => void) => (m: string) => write(redact(m, secrets()));
  return {
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}
