import type { StalePlanItem } from '../errors.js';
import type { ActualPackage, CatalogRef } from '../model.js';
import type { PlanSource, WaldurValues } from './types.js';

/** Why a package the plan updates or deletes is not the one the plan saw, if it is not. */
function differences(planned: WaldurValues, now: ActualPackage): string[] {
  const found: string[] = [];
  if (planned.description !== now.description) found.push('description');
  if (planned.homepage !== now.homepage) found.push('homepage');
  // `modified` moves on any write (versions too): the package is not the one that was reviewed.
  if (found.length === 0 && planned.modified !== null && now.modified !== undefined && planned.modified !== now.modified) {
    return [`was modified at ${now.modified} (planned against ${planned.modified})`];
  }
  return found.length > 0 ? [`${found.join(' and ')} changed since the plan`] : [];
}

/**
 * Compares what a plan was computed from with the catalog as it is now (`catalog` null: it does
 * not exist). Pure; an empty answer means every operation can be applied exactly as planned.
 */
export function findStaleOperations(plan: PlanSource, now: { catalog: CatalogRef | null; packages: readonly ActualPackage[] }): StalePlanItem[] {
  const stale: StalePlanItem[] = [];
  const catalogName = `catalog "${plan.catalog.name}" ${plan.catalog.version}`;
  const catalogStale = (reason: string): StalePlanItem[] => [{ source: plan.source, kind: 'catalog', name: catalogName, uuid: now.catalog?.uuid ?? null, reason }];
  if (plan.catalog.will_create) {
    if (now.catalog !== null) return catalogStale(`was created since the plan (uuid ${now.catalog.uuid})`);
  } else if (now.catalog === null) {
    return catalogStale(`no longer exists (planned against uuid ${plan.catalog.uuid})`);
  } else if (now.catalog.uuid !== plan.catalog.uuid) {
    return catalogStale(`is a different catalog now (uuid ${now.catalog.uuid}, planned against ${plan.catalog.uuid})`);
  }

  const byUuid = new Map(now.packages.map((pkg) => [pkg.uuid, pkg]));
  const byName = new Map<string, ActualPackage>();
  for (const pkg of now.packages) if (!byName.has(pkg.name)) byName.set(pkg.name, pkg);
  for (const op of plan.operations) {
    const item = (reason: string, uuid: string | null): void => void stale.push({ source: plan.source, kind: op.kind, name: op.name, uuid, reason });
    if (op.kind === 'create') {
      const taken = byName.get(op.name);
      if (taken) item(`the name is taken now (uuid ${taken.uuid})`, taken.uuid);
      continue;
    }
    const current = byUuid.get(op.uuid);
    if (!current) {
      item(op.kind === 'delete' ? 'already gone' : 'gone since the plan', op.uuid);
      continue;
    }
    if (current.name !== op.name) {
      item(`renamed to ${JSON.stringify(current.name)} since the plan`, op.uuid);
      continue;
    }
    for (const reason of differences(op.waldur, current)) item(reason, op.uuid);
  }
  return stale;
}
