// Adds a run's operations to the ops queue as batch jobs, children of the run job.
import type { JobsOptions, Queue } from 'bullmq';
import type { CatalogRef } from '../model.js';
import type { Operation } from '../plan/types.js';
import type { OpJobData, OpJobResult } from './types.js';

/**
 * A batch job fails only when its replica keeps dying under it (each operation's own failures
 * are records in its result): it is retried this often, resuming its unfinished operations.
 */
const BATCH_JOB_ATTEMPTS = 3;

/** Deterministic per run and position, so enqueueing the same batches again is a no-op. */
export function batchJobId(run: string, batch: number): string {
  return `${run}-batch-${batch}`;
}

/**
 * Enqueues every batch in one Redis transaction: either all of a run's operations are queued or
 * none are, so a run job redelivered after a crash can tell which (see createRunProcessor).
 * Returns the number of batches.
 */
export async function enqueueOperations(input: {
  ops: Queue<OpJobData, OpJobResult>;
  parent: { id: string; queue: string };
  source: string;
  run: string;
  catalog: CatalogRef;
  operations: readonly Operation[];
  batchSize: number;
}): Promise<number> {
  const { ops, parent, source, run, catalog, operations } = input;
  const size = Math.max(1, input.batchSize);
  const opts: JobsOptions = {
    parent,
    attempts: BATCH_JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
    // A failed batch must not block its run: the run reads ignored failures for its report.
    ignoreDependencyOnFailure: true,
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
  };
  const jobs = [];
  for (let start = 0, batch = 0; start < operations.length; start += size, batch += 1) {
    jobs.push({
      name: 'batch',
      data: { source, run, batch, ops: operations.slice(start, start + size), catalog },
      opts: { ...opts, jobId: batchJobId(run, batch) },
    });
  }
  if (jobs.length > 0) await ops.addBulk(jobs);
  return jobs.length;
}
