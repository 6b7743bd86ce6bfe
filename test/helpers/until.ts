// Polling for something another process will do: resolves with the first defined value the
// probe gives (a probe that throws counts as "not yet"), or fails naming what it waited for.

/**
 * How long to wait before the next look: short at first, since most waits end within a few tens
 * of milliseconds, then up to `max` so a long wait does not keep a shared machine busy probing.
 */
export function pollDelay(attempt: number, max = 200): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(max, 10 * 2 ** attempt)));
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pollDelay(attempt);
  }
}
