// The Redis-side state of runs (source locks, reports, last plans) on top of a set of queues.
import type { Queues } from './create-queues.js';
import { createPlanStore, type PlanStore } from './create-plan-store.js';
import { createReportStore, type ReportStore } from './create-report-store.js';
import { createSourceLock, type SourceLock } from './create-source-lock.js';

const FINISHED = new Set(['completed', 'failed', 'unknown']);

export interface RunState {
  lock: SourceLock;
  reports: ReportStore;
  plans: PlanStore;
}

export function createRunState(queues: Queues, options: { historySize?: number } = {}): RunState {
  return {
    lock: createSourceLock({
      redis: queues.redis,
      keys: queues.keys,
      isLive: async (jobId) => !FINISHED.has(await queues.runs.getJobState(jobId)),
    }),
    reports: createReportStore({ redis: queues.redis, keys: queues.keys, ...options }),
    plans: createPlanStore({ redis: queues.redis, keys: queues.keys }),
  };
}
