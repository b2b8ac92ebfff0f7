// The plans that wait for approval: one per source (`approval: deletes | all`), replaced by a
// newer run's. Kept in Redis beside the run history, so any replica, `status` and `approve` see it.
import type { PlanSource } from '../plan-file/types.js';
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';

/** A source's part of a plan that a run held back (the saved-plan shape), and where it came from. */
export interface PendingPlan {
  plan_id: string;
  created_at: string;
  /** The run that held it. */
  run: string;
  plan: PlanSource;
}

/** What `status` shows of a pending plan (a public shape: `pending_approval`). */
export interface PendingApproval {
  plan_id: string;
  created_at: string;
  create: number;
  update: number;
  delete: number;
}

export interface PendingPlans {
  get(source: string): Promise<PendingPlan | null>;
  /** Replaces the source's pending plan; null drops it. */
  set(source: string, plan: PendingPlan | null): Promise<void>;
  /** Removes and returns the pending plan, only if it is `planId` (any, when not given). */
  take(source: string, planId?: string): Promise<PendingPlan | null>;
}

// KEYS[1] = the pending plan; ARGV[1] = plan id to take, or '' for any. Atomic, so approving and
// rejecting the same plan at once cannot both succeed.
const TAKE = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
if ARGV[1] ~= '' and cjson.decode(value).plan_id ~= ARGV[1] then return false end
redis.call('DEL', KEYS[1])
return value`;

export function summarizePendingPlan(pending: PendingPlan): PendingApproval {
  const count = (kind: string) => pending.plan.operations.filter((op) => op.kind === kind).length;
  return { plan_id: pending.plan_id, created_at: pending.created_at, create: count('create'), update: count('update'), delete: count('delete') };
}

export function createPendingPlans(options: { redis: RedisConnection; keys: JobKeys }): PendingPlans {
  const { redis, keys } = options;
  return {
    get: async (source) => {
      const value = await redis.get(keys.pendingPlan(source));
      return value === null ? null : (JSON.parse(value) as PendingPlan);
    },
    set: async (source, plan) => {
      if (plan === null) await redis.del(keys.pendingPlan(source));
      else await redis.set(keys.pendingPlan(source), JSON.stringify(plan));
    },
    take: async (source, planId) => {
      const value = (await redis.eval(TAKE, 1, keys.pendingPlan(source), planId ?? '')) as string | null;
      return value ? (JSON.parse(value) as PendingPlan) : null;
    },
  };
}
