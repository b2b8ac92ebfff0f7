// The Redis-side state of runs (source locks, reports, last plans, pending plans) on top of a set of queues.
import { isCliHolder, readCliLease, type CliLease } from './cli-lease.js';
import { createPendingPlans, type PendingPlans } from './create-pending-plans.js';
import type { Queues } from './create-queues.js';
import { createPlanStore, type PlanStore } from './create-plan-store.js';
import { createReportStore, type ReportStore } from './create-report-store.js';
import { createSourceLock, type SourceLock } from './create-source-lock.js';

const FINISHED = new Set(['completed', 'failed', 'unknown']);

export interface RunState {
  lock: SourceLock;
  reports: ReportStore;
  /** The lease of a CLI run holding a lock (null when none, or it is not a CLI holder). */
  cliLease(holder: string): Promise<CliLease | null>;
  /** Plans waiting for approval, one per source. */
  pending: PendingPlans;
  /** The last plan's counts of each source, for every replica's plan gauges. */
  plans: PlanStore;
}

export function createRunState(queues: Queues, options: { historySize?: number } = {}): RunState {
  return {
    lock: createSourceLock({
      redis: queues.redis,
      keys: queues.keys,
      isLive: async (holder) =>
        isCliHolder(holder) ? (await readCliLease(queues.redis, queues.keys, holder)) !== null : !FINISHED.has(await queues.runs.getJobState(holder)),
    }),
    reports: createReportStore({ redis: queues.redis, keys: queues.keys, ...options }),
    pending: createPendingPlans({ redis: queues.redis, keys: queues.keys }),
    cliLease: async (holder) => (isCliHolder(holder) ? readCliLease(queues.redis, queues.keys, holder) : null),
    plans: createPlanStore({ redis: queues.redis, keys: queues.keys }),
  };
}
