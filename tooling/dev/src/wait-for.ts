import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Whether `url` answers with a 2xx status right now. */
export async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: 'follow' });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Whether `path` exists and was written at or after `sinceMs`. */
export async function writtenSince(path: string, sinceMs: number): Promise<boolean> {
  try {
    return (await stat(path)).mtimeMs >= sinceMs;
  } catch {
    return false;
  }
}

/**
 * Polls `check` every `intervalMs` until it is true (resolves true) or the signal aborts
 * (resolves false).
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  signal: AbortSignal,
  intervalMs = 500,
): Promise<boolean> {
  while (!signal.aborted) {
    if (await check()) return true;
    await delay(intervalMs, undefined, { signal }).catch(() => undefined);
  }
  return false;
}
