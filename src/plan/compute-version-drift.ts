import { versionKey, type PackageVersion, type Target } from '../model.js';
import { compareNames } from './compare-names.js';
import type { PackageDrift, VersionDrift } from './types.js';

export interface DriftPair {
  name: string;
  desired: PackageVersion[];
  /** null: the package does not exist in Waldur yet, so every upstream version is missing. */
  actual: PackageVersion[] | null;
}

/** Version key -> target keys ("family/subtype"). Versions with one key are one version (Waldur's loader merges them too). */
function targetsByVersion(versions: PackageVersion[]): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const version of versions) {
    const key = versionKey(version);
    let targets = byKey.get(key);
    if (!targets) byKey.set(key, (targets = new Set()));
    for (const t of version.targets) targets.add(`${t.cpuFamily}/${t.cpuMicroarchitecture}`);
  }
  return byKey;
}

const sameTarget = (a: Target, b: Target): boolean => a.cpuFamily === b.cpuFamily && a.cpuMicroarchitecture === b.cpuMicroarchitecture;

/** Every target of `a` is among those of `b` (paths aside). */
function targetsWithin(a: Target[], b: Target[]): boolean {
  return a.every((x) => b.some((y) => sameTarget(x, y)));
}

/** The same targets (paths aside): in the same order, else in any order. */
function sameTargets(a: Target[], b: Target[]): boolean {
  if (a.length === b.length && a.every((x, i) => sameTarget(x, b[i]!))) return true;
  return targetsWithin(a, b) && targetsWithin(b, a);
}

/**
 * Each version key once on both sides, the same keys, and the same targets per key (paths and
 * order aside): there can be no drift. Waldur lists targets in its own order, so order alone
 * cannot decide; this asks no more than a few comparisons of each target, and builds nothing.
 */
function sameVersions(desired: PackageVersion[], actual: PackageVersion[]): boolean {
  if (desired.length !== actual.length) return false;
  for (let i = 0; i < desired.length; i += 1) {
    const d = desired[i]!;
    const key = versionKey(d);
    for (let j = 0; j < i; j += 1) if (versionKey(desired[j]!) === key) return false;
    const a = versionKey(actual[i]!) === key ? actual[i]! : actual.find((v) => versionKey(v) === key);
    if (!a || !sameTargets(d.targets, a.targets)) return false;
  }
  return true;
}

function difference(a: Iterable<string>, b: { has(x: string): boolean }): string[] {
  return [...new Set(a)].filter((x) => !b.has(x)).sort(compareNames);
}

/** "key@family/subtype" for every target of the versions both sides have. */
function sharedTargets(side: Map<string, Set<string>>, other: Map<string, Set<string>>): Set<string> {
  const keys = new Set<string>();
  for (const [key, targets] of side) {
    if (!other.has(key)) continue;
    for (const target of targets) keys.add(`${key}@${target}`);
  }
  return keys;
}

/**
 * Read-only report: Waldur's REST API cannot write versions or targets, so differences are only
 * shown. Versions compare by Waldur's key (module_version, else version: see versionKey), targets
 * by (version key, family, full subtype such as amd/zen3); the install path is not part of a
 * target's identity.
 */
export function computeVersionDrift(pairs: DriftPair[]): VersionDrift {
  const packages: PackageDrift[] = [];
  for (const pair of pairs) {
    // The common case in a resync; skipping it avoids building key sets for every package.
    if (pair.actual && sameVersions(pair.desired, pair.actual)) continue;
    const desired = targetsByVersion(pair.desired);
    const actual = targetsByVersion(pair.actual ?? []);
    const drift: PackageDrift = {
      name: pair.name,
      missingVersions: difference(desired.keys(), actual),
      extraVersions: pair.actual ? difference(actual.keys(), desired) : [],
      missingTargets: [],
      extraTargets: [],
    };
    if (pair.actual) {
      // Targets are compared only for versions both sides have; a missing version is reported once.
      const desiredTargets = sharedTargets(desired, actual);
      const actualTargets = sharedTargets(actual, desired);
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
