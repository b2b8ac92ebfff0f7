import { sleep } from '../sleep.js';

/** Where a limiter stands: handed from one batch job to the next through Redis. */
export interface WritePace {
  /** Epoch ms of the next free write slot. */
  nextSlot: number;
  /** Epoch ms until which every write waits (a 429's Retry-After). */
  pausedUntil: number;
}

export interface WriteLimiter {
  /** Resolves when the caller may send its next write attempt. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The server said 429: every worker waits this long before its next attempt. */
  pause(ms: number): void;
  /** The limiter's state now, for the next batch to continue from. */
  pace(): WritePace;
}

/**
 * One limiter shared by all workers of a run (or of a batch job): attempts are spaced evenly at
 * `perSecond` (null: unlimited), and a pause (Retry-After) holds every worker, not just the one
 * that was told. `from` continues the pace of an earlier batch.
 */
export function createWriteLimiter(perSecond: number | null, from?: WritePace | null): WriteLimiter {
  const interval = perSecond && perSecond > 0 ? 1000 / perSecond : 0;
  let nextSlot = from?.nextSlot ?? 0;
  let pausedUntil = from?.pausedUntil ?? 0;
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
    pace: () => ({ nextSlot, pausedUntil }),
  };
}
