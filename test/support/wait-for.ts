/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`
 * with the last value seen. For state that offers nothing to await (e.g. a row in another process).
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error: unknown) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
