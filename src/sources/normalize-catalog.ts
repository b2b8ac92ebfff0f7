import { versionKey, type DesiredCatalog, type DesiredPackage, type PackageVersion, type SkippedName, type SourceWarning, type Target } from '../model.js';
import { charLength, MAX_NAME_LENGTH, normalizeHomepage, normalizeText } from '../normalize.js';
import type { RawPackage } from './types.js';

// Plain UTF-16 code-unit order, never locale order: plans must not depend on the machine.
function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

// Waldur strips only the ends; a newline or escape inside a name is upstream damage.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function shortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}

function nameProblem(name: string): string | null {
  if (name === '') return 'empty name';
  const length = charLength(name);
  if (length > MAX_NAME_LENGTH) return `name longer than ${MAX_NAME_LENGTH} characters (${length})`;
  if (CONTROL.test(name)) return 'name contains control characters';
  return null;
}

/** The homepage Waldur will accept (http, https, ftp or ftps, as Django's URLValidator judges it). */
function homepageOf(raw: unknown, name: string, warnings: SourceWarning[]): string | null {
  const result = normalizeHomepage(raw);
  if (result.warning) warnings.push({ item: name, message: `${result.warning}; sent as no homepage` });
  return result.value;
}

interface VersionAcc {
  /** The first entry's values: entries with one key are one version, as Waldur's loader keeps them. */
  version: string;
  moduleVersion: string;
  releaseDate: string | null;
  /** Duplicates are dropped once sorted (see finishVersions). */
  targets: Target[];
}

/** Versions keyed like Waldur's loader (module_version, else version): one key is one version, targets merged. */
function addVersions(into: Map<string, VersionAcc>, versions: PackageVersion[], name: string, warnings: SourceWarning[]): void {
  for (const version of versions) {
    const normalized = { version: normalizeText(version.version), moduleVersion: normalizeText(version.moduleVersion) };
    const key = versionKey(normalized);
    if (key === '') {
      warnings.push({ item: name, message: 'a version with an empty version string was skipped' });
      continue;
    }
    let acc = into.get(key);
    if (!acc) into.set(key, (acc = { version: normalized.version || key, moduleVersion: normalized.moduleVersion, releaseDate: null, targets: [] }));
    acc.releaseDate ??= version.releaseDate ?? null;
    for (const target of version.targets) {
      acc.targets.push({
        cpuFamily: normalizeText(target.cpuFamily),
        cpuMicroarchitecture: normalizeText(target.cpuMicroarchitecture),
        path: normalizeText(target.path),
      });
    }
  }
}

function compareTargets(a: Target, b: Target): number {
  return compare(a.cpuFamily, b.cpuFamily) || compare(a.cpuMicroarchitecture, b.cpuMicroarchitecture) || compare(a.path, b.path);
}

/** Sorted, and without repeats of the same (family, microarchitecture, path). */
function uniqueTargets(targets: Target[]): Target[] {
  targets.sort(compareTargets);
  // No key strings per target: at 100k packages that was millions of short-lived strings.
  return targets.filter((t, i) => i === 0 || compareTargets(targets[i - 1]!, t) !== 0);
}

function finishVersions(acc: Map<string, VersionAcc>): PackageVersion[] {
  return [...acc.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([, v]) => {
      const out: PackageVersion = { version: v.version, targets: uniqueTargets(v.targets) };
      if (v.moduleVersion !== '') out.moduleVersion = v.moduleVersion;
      if (v.releaseDate !== null) out.releaseDate = v.releaseDate;
      return out;
    });
}

interface PackageAcc {
  pkg: Omit<DesiredPackage, 'versions'>;
  versions: Map<string, VersionAcc>;
  entries: number;
}

/**
 * The normalization every kind shares: names as Waldur stores them (bad ones become item errors),
 * homepages Waldur accepts (others become null with a warning), duplicates merged with a warning,
 * versions keyed like Waldur (module_version, else version), the names of skipped packages kept
 * so that the planner never deletes them,
 * and everything sorted so the same upstream always gives the same plan. Input is not modified
 * (it may be a cached parse result).
 */
export function normalizeCatalog(raw: RawPackage[], warnings: SourceWarning[] = []): Omit<DesiredCatalog, 'fetch'> {
  const outWarnings = [...warnings];
  const itemErrors: SourceWarning[] = [];
  const skippedNames: SkippedName[] = [];
  const byName = new Map<string, PackageAcc>();
  for (const entry of raw) {
    const name = normalizeText(entry.name);
    const problem = nameProblem(name);
    if (problem) {
      itemErrors.push({ item: entry.origin ?? JSON.stringify(shortName(name)), message: `${problem}; package skipped` });
      skippedNames.push({ name, reason: problem });
      continue;
    }
    const description = normalizeText(entry.description);
    const homepage = homepageOf(entry.homepage, name, outWarnings);
    const isExtension = entry.isExtension === true;
    let acc = byName.get(name);
    if (!acc) {
      acc = { pkg: { name, description, homepage }, versions: new Map(), entries: 0 };
      if (isExtension) acc.pkg.isExtension = true;
      byName.set(name, acc);
    } else {
      // Keep the first entry's fields, filling only what it lacks; a package is an extension
      // only when every entry says so.
      if (acc.pkg.description === '') acc.pkg.description = description;
      acc.pkg.homepage ??= homepage;
      if (!isExtension) delete acc.pkg.isExtension;
    }
    acc.entries += 1;
    addVersions(acc.versions, entry.versions, name, outWarnings);
  }
  const packages: DesiredPackage[] = [];
  for (const acc of [...byName.values()].sort((a, b) => compare(a.pkg.name, b.pkg.name))) {
    if (acc.entries > 1) outWarnings.push({ item: acc.pkg.name, message: `${acc.entries} entries with this name; merged into one package` });
    packages.push({ ...acc.pkg, versions: finishVersions(acc.versions) });
  }
  return { packages, warnings: outWarnings, itemErrors, skippedNames };
}
