import type { SourceConfig } from '../config/types.js';
import { buildPlanSource } from '../plan-file/build-plan-source.js';
import type { Operation } from '../plan/types.js';
import type { PreparedRun } from '../sync/types.js';
import { summarizePendingPlan, type PendingApproval, type PendingPlans } from './create-pending-plans.js';

/**
 * Splits a daemon run's operations by the source's `approval`: what runs now, and what waits as
 * the source's pending plan, which replaces the previous one (or drops it when nothing waits:
 * an older plan may hold deletes upstream no longer asks for).
 */
export async function holdForApproval(
  prepared: PreparedRun,
  source: SourceConfig,
  options: { run: string; force: boolean; planId: string; now: Date; pending: PendingPlans },
): Promise<{ operations: Operation[]; pendingApproval: PendingApproval | null }> {
  const { plan } = prepared;
  const all: Operation[] = [...plan.create, ...plan.update, ...plan.delete];
  const held: Operation[] = source.approval === 'all' ? all : plan.delete;
  const operations = source.approval === 'all' ? [] : [...plan.create, ...plan.update];
  if (held.length === 0) {
    await options.pending.set(source.name, null);
    return { operations, pendingApproval: null };
  }
  const pending = {
    plan_id: options.planId,
    created_at: options.now.toISOString(),
    run: options.run,
    plan: buildPlanSource(prepared, source, { force: options.force, operations: held }),
  };
  await options.pending.set(source.name, pending);
  return { operations, pendingApproval: summarizePendingPlan(pending) };
}
