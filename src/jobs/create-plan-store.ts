// The counts of the last plan of each source, kept in Redis by the replica that planned it, so
// every replica exports the same plan gauges and a gauge clears on all of them once a later plan
// (run by any replica) no longer has the problem.
import type { PlanCounts } from '../metrics/types.js';
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';

export interface StoredPlan {
  run: string;
  planned_at: string;
  counts: PlanCounts;
}

export interface PlanStore {
  record(source: string, plan: StoredPlan): Promise<void>;
  /** The last plan of each named source that has one; entries that do not parse are left out. */
  read(sources: readonly string[]): Promise<Map<string, StoredPlan>>;
}

function parseStoredPlan(text: string | null): StoredPlan | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredPlan> | null;
    return value && typeof value.run === 'string' && typeof value.counts === 'object' && value.counts !== null ? (value as StoredPlan) : null;
  } catch {
    return null;
  }
}

export function createPlanStore(options: { redis: RedisConnection; keys: JobKeys }): PlanStore {
  const { redis, keys } = options;
  return {
    record: async (source, plan) => {
      await redis.hset(keys.plans(), source, JSON.stringify(plan));
    },
    read: async (sources) => {
      const plans = new Map<string, StoredPlan>();
      if (sources.length === 0) return plans;
      const rows = await redis.hmget(keys.plans(), ...sources);
      sources.forEach((source, i) => {
        const plan = parseStoredPlan(rows[i] ?? null);
        if (plan) plans.set(source, plan);
      });
      return plans;
    },
  };
}
