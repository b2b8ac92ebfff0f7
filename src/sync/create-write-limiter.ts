import { sleep } from './sleep.js';

export interface WriteLimiter {
  /** Resolves when the caller may send its next write attempt. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The server said 429: every worker waits this long before its next attempt. */
  pause(ms: number): void;
}

/**
 * One limiter shared by all workers of a run: attempts are spaced evenly at `perSecond` (null:
 * unlimited), and a pause (Retry-After) holds every worker, not just the one that was told.
 */
export function createWriteLimiter(perSecond: number | null): WriteLimiter {
  const interval = perSecond && perSecond > 0 ? 1000 / perSecond : 0;
  let nextSlot = 0;
  let pausedUntil = 0;
  return {
    async acquire(signal) {
      for (;;) {
        const now = Date.now();
        if (pausedUntil > now) {
          await sleep(pausedUntil - now, signal);
          continue;
        }
        if (interval === 0) return;
        const slot = Math.max(now, nextSlot);
        nextSlot = slot + interval;
        await sleep(slot - now, signal);
        if (pausedUntil <= Date.now()) return;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}
