import { setTimeout as delay } from 'node:timers/promises';
import { waitForReplica } from './wait-for-replica.js';

/**
 * While a run is awaited: checks every `everyMs` that a replica still takes runs, and rejects
 * with NoLiveReplica once none has for `graceMs` (a rolling restart has that long). Rejects with
 * an AbortError when `signal` aborts (the wait is over).
 */
export async function watchReplicas(
  alive: () => Promise<boolean>,
  options: { everyMs: number; graceMs: number; reason: string; signal: AbortSignal; pollMs?: number },
): Promise<never> {
  const { signal } = options;
  for (;;) {
    await delay(options.everyMs, undefined, { signal });
    await waitForReplica(alive, { graceMs: options.graceMs, reason: options.reason, pollMs: options.pollMs ?? 1_000, signal });
  }
}
