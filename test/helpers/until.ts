/**
 * Polls `check` until it gives a truthy value (returned), or throws naming `what` after
 * `timeoutMs`. For things that happen after an answer (replication, analysis): a bounded wait on a
 * condition, never a sleep of a guessed length.
 */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
  everyMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
