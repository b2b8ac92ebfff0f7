import type { ActualPackage, DesiredPackage, ManagedFields } from '../model.js';
import { homepageFromApi, normalizeText } from '../normalize.js';
import { compareNames } from './compare-names.js';
import { computeVersionDrift, type DriftPair } from './compute-version-drift.js';
import { diffManagedFields } from './diff-managed-fields.js';
import { planDeletes, type DeleteCandidate } from './plan-deletes.js';
import type { CreateOperation, Plan, PlanInput, SkippedPackage, UpdateOperation } from './types.js';

/**
 * Two Waldur packages with one name (a server without the (catalog, name) constraint, after a
 * lost create response): keep the one already equal to upstream, else the smallest uuid, so the
 * choice is stable from run to run; the others become delete candidates under the usual guards.
 */
function pickKept(desired: DesiredPackage, sameName: ActualPackage[]): ActualPackage {
  if (sameName.length === 1) return sameName[0]!;
  const byUuid = [...sameName].sort((a, b) => compareNames(a.uuid, b.uuid));
  return byUuid.find((a) => diffManagedFields(desired, a).length === 0) ?? byUuid[0]!;
}

/** Values exactly as they will be sent (and as Waldur would store them). */
function normalizedFields(pkg: DesiredPackage): ManagedFields {
  return { description: normalizeText(pkg.description), homepage: homepageFromApi(pkg.homepage) };
}

/**
 * One entry per uuid: offset pagination lists a package twice when a write shifts the pages
 * during listing, and the repeat must not become a "duplicate" that deletes the kept package.
 */
function uniqueByUuid(actual: ActualPackage[]): ActualPackage[] {
  const seen = new Set<string>();
  return actual.filter((pkg) => {
    if (seen.has(pkg.uuid)) return false;
    seen.add(pkg.uuid);
    return true;
  });
}

function groupByName(actual: ActualPackage[]): Map<string, ActualPackage[]> {
  const groups = new Map<string, ActualPackage[]>();
  for (const pkg of actual) {
    const group = groups.get(pkg.name);
    if (group) group.push(pkg);
    else groups.set(pkg.name, [pkg]);
  }
  return groups;
}

/**
 * Skipped upstream names, one entry per name, each with the Waldur packages it keeps. Such a name
 * still exists upstream (only its spelling is unusable), so deleting its package would be wrong.
 */
function collectSkipped(input: PlanInput, actualByName: Map<string, ActualPackage[]>): SkippedPackage[] {
  const byName = new Map<string, SkippedPackage>();
  for (const { name, reason } of input.skippedNames ?? []) {
    if (byName.has(name)) continue;
    const kept = (actualByName.get(name) ?? []).map((pkg) => pkg.uuid).sort(compareNames);
    byName.set(name, { name, reason, kept });
  }
  return [...byName.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** The packages in name order; sources already deliver them so, which one pass confirms. */
function byName(desired: readonly DesiredPackage[]): readonly DesiredPackage[] {
  for (let i = 1; i < desired.length; i += 1) {
    if (compareNames(desired[i - 1]!.name, desired[i]!.name) > 0) return [...desired].sort((a, b) => compareNames(a.name, b.name));
  }
  return desired;
}

/**
 * The diff of one catalog: (desired, actual, policy) -> plan. Pure: no I/O, no clock, no
 * randomness; the same input always gives the same plan. Identity is the exact, case-sensitive
 * name; only `description` and `homepage` are compared (versions are reported as drift). A name
 * the reader skipped (input.skippedNames) counts as present upstream: its package is not deleted.
 */
export function planCatalog(input: PlanInput): Plan {
  const { desired, policy } = input;
  const actual = uniqueByUuid(input.actual);
  const actualByName = groupByName(actual);
  // Waldur packages whose name upstream has (by their group, so a name is looked up once).
  const matched = new Set<ActualPackage[]>();
  let desiredCount = 0;
  let previous: string | undefined;
  const create: CreateOperation[] = [];
  const update: UpdateOperation[] = [];
  const deleteCandidates: DeleteCandidate[] = [];
  const driftPairs: DriftPair[] = [];
  let unchanged = 0;

  for (const pkg of byName(desired)) {
    // Sources deliver unique names; in name order a repeat follows its twin: never plan one twice.
    if (pkg.name === previous) continue;
    previous = pkg.name;
    desiredCount += 1;
    const sameName = actualByName.get(pkg.name);
    if (!sameName) {
      const op: CreateOperation = { kind: 'create', name: pkg.name, ...normalizedFields(pkg) };
      if (pkg.isExtension !== undefined) op.isExtension = pkg.isExtension;
      create.push(op);
      driftPairs.push({ name: pkg.name, desired: pkg.versions, actual: null });
      continue;
    }
    matched.add(sameName);
    const kept = pickKept(pkg, sameName);
    for (const extra of sameName) {
      if (extra !== kept) deleteCandidates.push({ name: extra.name, uuid: extra.uuid, duplicateOf: kept.uuid });
    }
    driftPairs.push({ name: pkg.name, desired: pkg.versions, actual: kept.versions });
    const changes = diffManagedFields(pkg, kept);
    if (changes.length === 0) {
      unchanged += 1;
      continue;
    }
    const desiredFields: NonNullable<UpdateOperation['desired']> = normalizedFields(pkg);
    if (pkg.isExtension !== undefined) desiredFields.isExtension = pkg.isExtension;
    update.push({ kind: 'update', name: pkg.name, uuid: kept.uuid, changes, desired: desiredFields });
  }
  const skipped = collectSkipped(input, actualByName);
  const skippedNames = new Set(skipped.map((s) => s.name));
  for (const [name, group] of actualByName) {
    if (matched.has(group) || skippedNames.has(name)) continue;
    for (const pkg of group) deleteCandidates.push({ name, uuid: pkg.uuid });
  }

  const deletes = planDeletes(deleteCandidates, { policy, desiredCount, catalogSize: actual.length });
  return {
    create,
    update,
    delete: deletes.delete,
    refusedDelete: deletes.refusedDelete,
    unchanged,
    versionDrift: computeVersionDrift(driftPairs),
    notPruned: deletes.notPruned,
    skipped,
  };
}
