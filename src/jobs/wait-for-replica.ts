// Whether a daemon replica takes runs: `trigger --wait` asks before it waits (and while it
// waits), so that with no daemon running it fails with that reason instead of timing out.
import { setTimeout as delay } from 'node:timers/promises';
import { CatalogSyncError } from '../errors.js';

/** The exit status of `status` and `trigger --wait` when no replica is alive. */
export const NO_REPLICA_EXIT_CODE = 3;

export class NoLiveReplica extends CatalogSyncError {
  override readonly code = 'no_replica';
}

/**
 * Resolves once a replica takes runs; throws NoLiveReplica when none has for `graceMs` (a
 * replica that is starting, or reconnecting to Redis, gets that long to show up).
 */
export async function waitForReplica(
  alive: () => Promise<boolean>,
  options: { graceMs: number; pollMs?: number; reason: string; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.graceMs;
  while (!(await alive())) {
    if (Date.now() >= deadline) throw new NoLiveReplica(options.reason);
    await delay(options.pollMs ?? 250, undefined, options.signal ? { signal: options.signal } : {});
  }
}
