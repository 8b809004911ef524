/** The extension under test, as VS Code identifies it (publisher.name). */
export const EXTENSION_ID = 'dramaturge.dramaturge';

/**
 * Polls until `probe` gives a value (anything but undefined or false), or fails naming `what`.
 * Debounced features settle at their own pace; a blind sleep would be both slow and flaky.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Resolves once this extension host's event loop has run on time for `quietMs` in a row. VS Code
 * gives onWillSave listeners (ours and the built-in extensions', all in this process) 1750 ms in
 * all; while the host is still busy after startup, a save can be refused for that reason alone
 * ("Aborted onWillSaveTextDocument-event after 1750ms"). Tests that save wait for this first.
 */
export async function extensionHostSettled(quietMs = 600, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = Date.now();
  let quietSince = last;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    const now = Date.now();
    if (now - last > 100) quietSince = now;
    last = now;
    if (now - quietSince >= quietMs) return;
  }
}
