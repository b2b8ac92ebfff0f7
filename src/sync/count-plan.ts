import type { PlanCounts } from '../metrics/types.js';
import type { Plan } from '../plan/types.js';

/** What the plan gauges show of a plan; the daemon keeps the last one per source in Redis. */
export function countPlan(plan: Plan): PlanCounts {
  const refusedByReason: Record<string, number> = {};
  for (const { code } of plan.refusedDelete) {
    const reason = code ?? 'unspecified';
    refusedByReason[reason] = (refusedByReason[reason] ?? 0) + 1;
  }
  const { missingVersions, extraVersions, missingTargets, extraTargets } = plan.versionDrift;
  return {
    create: plan.create.length,
    update: plan.update.length,
    delete: plan.delete.length,
    refusedDelete: plan.refusedDelete.length,
    refusedByReason,
    versionDrift: { missingVersions, extraVersions, missingTargets, extraTargets },
  };
}
