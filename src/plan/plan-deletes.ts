import type { DeleteLimit } from '../config/types.js';
import { matchesGlob } from '../config/match-glob.js';
import { compareNames } from './compare-names.js';
import type { DeleteOperation, PlanPolicy, RefusedDelete } from './types.js';

export interface DeleteCandidate {
  name: string;
  uuid: string;
  /** uuid of the package kept under the same name, when this one is a duplicate. */
  duplicateOf?: string;
}

export interface DeleteDecision {
  delete: DeleteOperation[];
  refusedDelete: RefusedDelete[];
  notPruned: string[];
}

/**
 * A percentage is of the catalog's current package count, rounded DOWN: 10% of 5 packages allows
 * 0 deletes. Small catalogs therefore refuse percentage-limited deletes; a count limit suits them.
 */
export function deleteAllowance(limit: DeleteLimit, catalogSize: number): number {
  if (limit.kind === 'count') return limit.value;
  // value * size in binary floating point is inexact (4.6 * 1500 = 6899.999...): round away that
  // noise before rounding down, so 4.6% of 1500 allows 69, not 68.
  return Math.floor(Math.round(limit.value * catalogSize * 1e6) / 1e8);
}

function describeLimit(limit: DeleteLimit, catalogSize: number): string {
  const allowed = deleteAllowance(limit, catalogSize);
  if (limit.kind === 'count') return `prune.max_delete allows ${allowed}`;
  return `prune.max_delete ${limit.value}% of ${catalogSize} packages allows ${allowed}`;
}

/**
 * The delete guards, in order: prune disabled (nothing is a delete), protected names (always
 * refused), an empty upstream (all refused unless allow_empty), the max_delete limit (beyond it,
 * ALL deletes of the run are refused unless forced: a partial wipe is still a wipe).
 */
export function planDeletes(
  candidates: DeleteCandidate[],
  context: { policy: PlanPolicy; desiredCount: number; catalogSize: number },
): DeleteDecision {
  const { policy, desiredCount, catalogSize } = context;
  const sorted = [...candidates].sort((a, b) => compareNames(a.name, b.name) || compareNames(a.uuid, b.uuid));
  if (!policy.prune.enabled) {
    return { delete: [], refusedDelete: [], notPruned: sorted.map((c) => c.name) };
  }
  const refusedDelete: RefusedDelete[] = [];
  const unprotected: DeleteCandidate[] = [];
  for (const candidate of sorted) {
    const pattern = policy.protect.find((p) => matchesGlob(candidate.name, p));
    if (pattern === undefined) unprotected.push(candidate);
    else refusedDelete.push({ name: candidate.name, uuid: candidate.uuid, reason: `protected by "${pattern}"`, code: 'protected' });
  }
  const refuseAll = (reason: string, code: 'empty_upstream' | 'over_limit'): DeleteDecision => ({
    delete: [],
    refusedDelete: [...refusedDelete, ...unprotected.map((c) => ({ name: c.name, uuid: c.uuid, reason, code }))].sort(
      (a, b) => compareNames(a.name, b.name) || compareNames(a.uuid, b.uuid),
    ),
    notPruned: [],
  });
  if (unprotected.length > 0 && desiredCount === 0 && !policy.prune.allowEmpty) {
    return refuseAll('upstream has no packages and prune.allow_empty is off', 'empty_upstream');
  }
  const allowed = deleteAllowance(policy.prune.maxDelete, catalogSize);
  if (unprotected.length > allowed && !policy.force) {
    const planned = unprotected.length === 1 ? '1 delete exceeds' : `${unprotected.length} deletes exceed`;
    return refuseAll(`${planned} the limit: ${describeLimit(policy.prune.maxDelete, catalogSize)}; --force applies them`, 'over_limit');
  }
  const deletes = unprotected.map((c): DeleteOperation => {
    const op: DeleteOperation = { kind: 'delete', name: c.name, uuid: c.uuid };
    if (c.duplicateOf !== undefined) op.duplicateOf = c.duplicateOf;
    return op;
  });
  return { delete: deletes, refusedDelete, notPruned: [] };
}
