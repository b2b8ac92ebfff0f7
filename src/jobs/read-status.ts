// What `status` shows: the live daemon replicas; per source the last runs, whether a run is
// active or queued, the next scheduled time; and the job counts of both queues.
import type { Queue } from 'bullmq';
import type { SourceConfig } from '../config/types.js';
import type { CliLease } from './cli-lease.js';
import { summarizePendingPlan, type PendingApproval, type PendingPlans } from './create-pending-plans.js';
import type { ReportStore } from './create-report-store.js';
import type { SourceLock } from './create-source-lock.js';
import { describeSchedule } from './describe-schedule.js';
import { omitOperations } from './omit-operations.js';
import { readReplicas, type Replica } from './read-replicas.js';
import type { OpJobData, OpJobResult, RunHistoryEntry, RunJobData, RunJobResult } from './types.js';

export interface ActiveRun {
  job: string;
  run: string | null;
  state: string;
  started_at: string | null;
}

export interface SourceStatus {
  source: string;
  schedule: string | null;
  timezone: string | null;
  next_run: string | null;
  active: ActiveRun | null;
  /** Job id of the run queued behind the active one. */
  follow_up: string | null;
  last_success: string | null;
  /** The plan waiting for `catalog-sync approve`, or null. */
  pending_approval: PendingApproval | null;
  runs: RunHistoryEntry[];
}

export interface StatusReport {
  sources: SourceStatus[];
  queues: Record<'runs' | 'ops', Record<string, number>>;
  /** Daemon replicas taking jobs now; null when this Redis cannot list its clients. */
  replicas: Replica[] | null;
}

const LIVE = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);
const COUNTED = ['waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed'] as const;

export async function readStatus(deps: {
  sources: SourceConfig[];
  runs: Queue<RunJobData, RunJobResult>;
  ops: Queue<OpJobData, OpJobResult>;
  reports: ReportStore;
  lock: SourceLock;
  cliLease(holder: string): Promise<CliLease | null>;
  pending: PendingPlans;
  /** Runs shown per source. */
  limit: number;
}): Promise<StatusReport> {
  const { runs, ops, reports, lock } = deps;
  const activeRun = async (id: string | null): Promise<ActiveRun | null> => {
    if (!id) return null;
    // A CLI `sync` or `apply` holds the source without being a job.
    const lease = await deps.cliLease(id);
    if (lease) return { job: id, run: lease.run, state: 'active', started_at: lease.started_at };
    const live = await liveJob(id);
    return live ? { job: live.job.id!, run: live.job.data.run ?? null, state: live.state, started_at: live.job.data.startedAt ?? null } : null;
  };
  const liveJob = async (id: string | null) => {
    if (!id) return null;
    const job = await runs.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    return job && LIVE.has(state) ? { job, state } : null;
  };
  const sources = await Promise.all(
    deps.sources.map(async (source): Promise<SourceStatus> => {
      const [active, followUp, history, lastSuccess, pending] = await Promise.all([
        lock.holder(source.name).then(activeRun),
        lock.followUp(source.name).then(liveJob),
        reports.history(source.name, deps.limit),
        reports.lastSuccess(source.name),
        deps.pending.get(source.name),
      ]);
      return {
        source: source.name,
        schedule: source.schedule,
        timezone: source.timezone,
        next_run: source.schedule ? describeSchedule(source.schedule, source.timezone).next.toISOString() : null,
        active,
        follow_up: followUp ? followUp.job.id! : null,
        last_success: lastSuccess === null ? null : new Date(lastSuccess).toISOString(),
        pending_approval: pending ? summarizePendingPlan(pending) : null,
        // A run's operations are shown one run at a time (`status --run`, the run route).
        runs: history.map(omitOperations),
      };
    }),
  );
  const [runCounts, opCounts, replicas] = await Promise.all([
    runs.getJobCounts(...COUNTED),
    ops.getJobCounts(...COUNTED),
    readReplicas([runs, ops]),
  ]);
  return { sources, queues: { runs: runCounts, ops: opCounts }, replicas };
}
