import { createRunId } from '../sync/create-run-id.js';
import type { PendingPlans } from './create-pending-plans.js';
import type { ReportStore } from './create-report-store.js';
import type { RunHistoryEntry } from './types.js';

/**
 * Drops the source's pending plan and records that in its history (an entry with reason
 * `reject` that wrote nothing); null when no plan is pending.
 */
export async function rejectPendingPlan(
  deps: { pending: PendingPlans; reports: ReportStore },
  request: { source: string; requestedBy: string },
  now: Date = new Date(),
): Promise<RunHistoryEntry | null> {
  const taken = await deps.pending.take(request.source);
  if (!taken) return null;
  const at = now.toISOString();
  const entry: RunHistoryEntry = {
    source: request.source,
    run: createRunId(request.source, now),
    status: 'succeeded',
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    failed: 0,
    refused_deletes: 0,
    errors: [],
    duration_ms: 0,
    started_at: at,
    finished_at: at,
    job: `reject-${taken.plan_id}`,
    reason: 'reject',
    requested_by: request.requestedBy,
    plan_id: taken.plan_id,
  };
  await deps.reports.record(entry);
  return entry;
}
