import { setTimeout as delay } from 'node:timers/promises';
import { Aborted } from './errors.js';

/** A wait that ends early, with Aborted, when the run is cancelled. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (err) {
    if (signal?.aborted) throw new Aborted('the run was cancelled', { cause: err });
    throw err;
  }
}
