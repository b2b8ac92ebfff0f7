import type { PackageVersion } from '../model.js';
import { compareNames } from './compare-names.js';
import type { PackageDrift, VersionDrift } from './types.js';

export interface DriftPair {
  name: string;
  desired: PackageVersion[];
  /** null: the package does not exist in Waldur yet, so every upstream version is missing. */
  actual: PackageVersion[] | null;
}

function targetKeys(version: PackageVersion): Set<string> {
  return new Set(version.targets.map((t) => `${version.version}@${t.cpuFamily}/${t.cpuMicroarchitecture}`));
}

/** Same versions with the same targets (paths aside) in the same order: there can be no drift. */
function sameVersions(desired: PackageVersion[], actual: PackageVersion[]): boolean {
  if (desired.length !== actual.length) return false;
  for (let i = 0; i < desired.length; i += 1) {
    const d = desired[i]!;
    const a = actual[i]!;
    if (d.version !== a.version || d.targets.length !== a.targets.length) return false;
    for (let j = 0; j < d.targets.length; j += 1) {
      const dt = d.targets[j]!;
      const at = a.targets[j]!;
      if (dt.cpuFamily !== at.cpuFamily || dt.cpuMicroarchitecture !== at.cpuMicroarchitecture) return false;
    }
  }
  return true;
}

function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...new Set(a)].filter((x) => !b.has(x)).sort(compareNames);
}

/**
 * Read-only report: Waldur's REST API cannot write versions or targets, so differences are only
 * shown. Versions compare by version string, targets by (version, family, microarchitecture);
 * the install path is not part of a target's identity.
 */
export function computeVersionDrift(pairs: DriftPair[]): VersionDrift {
  const packages: PackageDrift[] = [];
  for (const pair of pairs) {
    // The common case in a resync; skipping it avoids building key sets for every package.
    if (pair.actual && sameVersions(pair.desired, pair.actual)) continue;
    const desiredVersions = new Set(pair.desired.map((v) => v.version));
    const actualVersions = new Set((pair.actual ?? []).map((v) => v.version));
    const drift: PackageDrift = {
      name: pair.name,
      missingVersions: difference(desiredVersions, actualVersions),
      extraVersions: pair.actual ? difference(actualVersions, desiredVersions) : [],
      missingTargets: [],
      extraTargets: [],
    };
    if (pair.actual) {
      // Targets are compared only for versions both sides have; a missing version is reported once.
      const shared = (v: PackageVersion): boolean => desiredVersions.has(v.version) && actualVersions.has(v.version);
      const desiredTargets = new Set(pair.desired.filter(shared).flatMap((v) => [...targetKeys(v)]));
      const actualTargets = new Set(pair.actual.filter(shared).flatMap((v) => [...targetKeys(v)]));
      drift.missingTargets = difference(desiredTargets, actualTargets);
      drift.extraTargets = difference(actualTargets, desiredTargets);
    }
    const total =
      drift.missingVersions.length + drift.extraVersions.length + drift.missingTargets.length + drift.extraTargets.length;
    if (total > 0) packages.push(drift);
  }
  packages.sort((a, b) => compareNames(a.name, b.name));
  const sum = (pick: (d: PackageDrift) => string[]): number => packages.reduce((n, d) => n + pick(d).length, 0);
  return {
    packages,
    missingVersions: sum((d) => d.missingVersions),
    extraVersions: sum((d) => d.extraVersions),
    missingTargets: sum((d) => d.missingTargets),
    extraTargets: sum((d) => d.extraTargets),
  };
}
