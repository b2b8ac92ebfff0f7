// Requests a sync run of one source: the same job other systems add through the public queue.
import { randomBytes } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import type { RunJobData, RunJobResult, RunReason } from './types.js';

/**
 * A run job fails only on internal errors (a run that cannot read its source still completes,
 * with a failed report); those are retried, resuming from the saved step. Finished run jobs
 * stay long enough for `trigger --wait` and `status` to read them.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3_600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 1_000 },
};

export async function enqueueRun(
  runs: Queue<RunJobData, RunJobResult>,
  request: { source: string; reason: RunReason; slot?: string; jobId?: string; requestedBy?: string; force?: boolean },
): Promise<string> {
  const jobId = request.jobId ?? `${request.reason}-${request.source}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const data: RunJobData = {
    source: request.source,
    reason: request.reason,
    ...(request.slot ? { slot: request.slot } : {}),
    ...(request.requestedBy ? { requested_by: request.requestedBy } : {}),
    ...(request.force ? { force: true } : {}),
  };
  // With an id that exists already BullMQ keeps the existing job: enqueueing is idempotent.
  const job = await runs.add('run', data, { ...RUN_JOB_OPTIONS, jobId });
  return job.id ?? jobId;
}
