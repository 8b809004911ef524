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
