import type { Queue } from 'bullmq';
import type { SourceLock } from './create-source-lock.js';
import type { RunJobData, RunJobResult } from './types.js';

/**
 * Starts the source's queued follow-up run now instead of at its next poll: called by whoever
 * just released the source's lock (a run job, or a CLI run).
 */
export async function wakeFollowUp(lock: SourceLock, runs: Queue<RunJobData, RunJobResult>, source: string): Promise<void> {
  const id = await lock.followUp(source);
  const next = id ? await runs.getJob(id) : undefined;
  // It may be running or promoted already; then there is nothing to wake.
  if (next && (await next.isDelayed())) await next.promote().catch(() => undefined);
}
