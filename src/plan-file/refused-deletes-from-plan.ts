import type { RefusedDelete } from '../plan/types.js';
import type { PlanSource } from './types.js';

/** The refused deletes a saved or held plan recorded, as the planner's shape (for the run report). */
export function refusedDeletesFromPlan(plan: PlanSource): RefusedDelete[] {
  return plan.refused_delete.map((r) => ({ name: r.name, uuid: r.uuid, reason: r.reason, ...(r.code ? { code: r.code } : {}) }));
}
