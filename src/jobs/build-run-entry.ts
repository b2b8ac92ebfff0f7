// The run report of a queued run, built by the same function as the in-process `sync` command's,
// from what the run job kept between its steps and the records its batch jobs returned.
import { buildRunReport } from '../sync/build-run-report.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { Plan } from '../plan/types.js';
import type { RunHistoryEntry, RunJobData } from './types.js';
import { toHistoryOperations } from './to-history-operations.js';

const NO_DRIFT: Plan['versionDrift'] = { packages: [], missingVersions: 0, extraVersions: 0, missingTargets: 0, extraTargets: 0 };

export interface RunEntryInput {
  jobId: string;
  data: RunJobData & { run: string; startedAt: string };
  finishedAt: Date;
  /** The error that stopped the run before its operations. */
  error?: unknown;
  /** Every operation's record, from the batch jobs' results (and the journals of failed ones). */
  operations?: OperationRecord[];
}

export function buildRunEntry(input: RunEntryInput): RunHistoryEntry {
  const { data } = input;
  const summary = input.error === undefined ? data.summary : undefined;
  const plan: Plan | null = summary
    ? { create: [], update: [], delete: [], refusedDelete: summary.refusedDelete, unchanged: summary.unchanged, versionDrift: NO_DRIFT }
    : null;
  const report = buildRunReport({
    source: data.source,
    runId: data.run,
    startedAt: new Date(data.startedAt),
    finishedAt: input.finishedAt,
    plan,
    operations: input.operations ?? [],
    ...(input.error !== undefined ? { error: input.error } : {}),
  });
  return {
    ...report,
    job: input.jobId,
    reason: data.reason ?? 'queue',
    ...(data.slot ? { slot: data.slot } : {}),
    ...(typeof data.requested_by === 'string' ? { requested_by: data.requested_by } : {}),
    ...(data.force === true ? { forced: true as const } : {}),
    ...(data.approve !== undefined ? { plan_id: data.approve } : {}),
    ...(summary?.pendingApproval !== undefined ? { pending_approval: summary.pendingApproval } : {}),
    ...toHistoryOperations(input.operations ?? []),
  };
}
