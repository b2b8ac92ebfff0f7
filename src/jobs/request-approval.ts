// `approve` (CLI and HTTP API): the pending plan is applied by an approve job on the runs queue,
// under the source's lock like any run, so it never overlaps a run of the source.
import type { Queue } from 'bullmq';
import type { PendingPlans } from './create-pending-plans.js';
import { RUN_JOB_OPTIONS } from './enqueue-run.js';
import type { RunJobData, RunJobResult } from './types.js';

/** Enqueues the approve job of the source's pending plan; null when no plan is pending. */
export async function requestApproval(
  deps: { runs: Queue<RunJobData, RunJobResult>; pending: PendingPlans },
  request: { source: string; requestedBy: string },
): Promise<{ job: string; planId: string } | null> {
  const pending = await deps.pending.get(request.source);
  if (!pending) return null;
  const data: RunJobData = { source: request.source, reason: 'approve', approve: pending.plan_id, requested_by: request.requestedBy };
  // One job per plan: approving the same plan twice is one run.
  const jobId = `approve-${pending.plan_id}`;
  const job = await deps.runs.add('approve', data, { ...RUN_JOB_OPTIONS, jobId });
  return { job: job.id ?? jobId, planId: pending.plan_id };
}
