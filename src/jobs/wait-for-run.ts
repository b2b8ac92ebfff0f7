// Waits until a requested run has a report. A trigger folded into a follow-up run waits for that
// run instead, which always starts after the trigger arrived.
import type { Queue } from 'bullmq';
import { CatalogSyncError } from '../errors.js';
import { sleep } from '../sleep.js';
import type { RunHistoryEntry, RunJobData, RunJobResult } from './types.js';

export class RunWaitError extends CatalogSyncError {
  override readonly code = 'run_wait';
}

const POLL_MS = 250;

export async function waitForRun(
  runs: Queue<RunJobData, RunJobResult>,
  jobId: string,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<RunHistoryEntry> {
  const deadline = Date.now() + options.timeoutMs;
  let current = jobId;
  for (;;) {
    // State first, then the job: a job read before it finished would lack its result.
    const state = await runs.getJobState(current);
    const job = state === 'unknown' ? undefined : await runs.getJob(current);
    if (!job) throw new RunWaitError(`run job ${current} no longer exists (removed, or Redis lost its data)`);
    if (state === 'failed') throw new RunWaitError(`run job ${current} failed: ${job.failedReason}`);
    if (state === 'completed') {
      const result = job.returnvalue;
      if (result && 'report' in result) return result.report;
      if (result && 'coalesced' in result) {
        current = result.into;
        continue;
      }
      throw new RunWaitError(`run job ${current} completed without a report`);
    }
    if (options.signal?.aborted) throw new RunWaitError('stopped waiting for the run');
    if (Date.now() >= deadline) {
      throw new RunWaitError(`timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for run job ${current} (state: ${state})`);
    }
    await sleep(options.pollMs ?? POLL_MS);
  }
}
