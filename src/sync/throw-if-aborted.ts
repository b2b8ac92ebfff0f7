import { Aborted } from '../errors.js';

/** Checked between the steps of a run, so a cancelled run stops before its next request. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Aborted('the run was cancelled');
}
