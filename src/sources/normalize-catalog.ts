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
  key: string;
  /** The first entry's values: entries with one key are one version, as Waldur's loader keeps them. */
  version: string;
  moduleVersion: string;
  releaseDate: string | null;
  /** Duplicates are dropped once sorted (see finishVersions). */
  targets: Target[];
  /** `targets` is the reader's own array (never sorted in place). */
  shared: boolean;
}

/** A target as Waldur stores it; the reader's own object when it already is (most are, and a large catalog holds millions). */
function normalizeTarget(target: Target): Target {
  const cpuFamily = normalizeText(target.cpuFamily);
  const cpuMicroarchitecture = normalizeText(target.cpuMicroarchitecture);
  const path = normalizeText(target.path);
  if (cpuFamily === target.cpuFamily && cpuMicroarchitecture === target.cpuMicroarchitecture && path === target.path) return target;
  return { cpuFamily, cpuMicroarchitecture, path };
}

/** The targets as Waldur stores them: the reader's own array when every target already is. */
function normalizeTargets(targets: Target[]): Target[] {
  for (let i = 0; i < targets.length; i += 1) {
    if (normalizeTarget(targets[i]!) !== targets[i]) return targets.map(normalizeTarget);
  }
  return targets;
}

/** A package's versions by key: a list searched in order while short (most packages have a few), indexed beyond that. */
interface VersionList {
  list: VersionAcc[];
  byKey?: Map<string, VersionAcc>;
}

const SEARCHED_IN_ORDER = 16;

function findVersion(versions: VersionList, key: string): VersionAcc | undefined {
  if (versions.list.length <= SEARCHED_IN_ORDER) return versions.list.find((v) => v.key === key);
  versions.byKey ??= new Map(versions.list.map((v) => [v.key, v]));
  return versions.byKey.get(key);
}

/** Versions keyed like Waldur's loader (module_version, else version): one key is one version, targets merged. */
function addVersions(into: VersionList, versions: PackageVersion[], name: string, warnings: SourceWarning[]): void {
  for (const version of versions) {
    const normalized = { version: normalizeText(version.version), moduleVersion: normalizeText(version.moduleVersion) };
    const key = versionKey(normalized);
    if (key === '') {
      warnings.push({ item: name, message: 'a version with an empty version string was skipped' });
      continue;
    }
    let acc = findVersion(into, key);
    const targets = normalizeTargets(version.targets);
    if (!acc) {
      const releaseDate = version.releaseDate ?? null;
      acc = { key, version: normalized.version || key, moduleVersion: normalized.moduleVersion, releaseDate, targets, shared: targets === version.targets };
      into.list.push(acc);
      into.byKey?.set(key, acc);
      continue;
    }
    acc.releaseDate ??= version.releaseDate ?? null;
    acc.targets = acc.targets.concat(targets);
    acc.shared = false;
  }
}

function compareTargets(a: Target, b: Target): number {
  return compare(a.cpuFamily, b.cpuFamily) || compare(a.cpuMicroarchitecture, b.cpuMicroarchitecture) || compare(a.path, b.path);
}

/** Sorted, and without repeats of the same (family, microarchitecture, path). */
function uniqueTargets(acc: VersionAcc): Target[] {
  const { targets } = acc;
  // Upstreams usually list a version's targets once each and in order: one pass says so.
  let ordered = true;
  for (let i = 1; i < targets.length && ordered; i += 1) ordered = compareTargets(targets[i - 1]!, targets[i]!) < 0;
  if (ordered) return targets;
  const sorted = (acc.shared ? [...targets] : targets).sort(compareTargets);
  // No key strings per target: at 100k packages that was millions of short-lived strings.
  return sorted.filter((t, i) => i === 0 || compareTargets(sorted[i - 1]!, t) !== 0);
}

function finishVersions(acc: VersionList): PackageVersion[] {
  return acc.list
    .sort((a, b) => compare(a.key, b.key))
    .map((v) => {
      const out: PackageVersion = { version: v.version, targets: uniqueTargets(v) };
      if (v.moduleVersion !== '') out.moduleVersion = v.moduleVersion;
      if (v.releaseDate !== null) out.releaseDate = v.releaseDate;
      return out;
    });
}

interface PackageAcc {
  pkg: Omit<DesiredPackage, 'versions'>;
  versions: VersionList;
  entries: number;
}

/** Upstreams often list packages sorted already: one pass says so, and spares the sort. */
function inNameOrder(packages: PackageAcc[]): PackageAcc[] {
  for (let i = 1; i < packages.length; i += 1) {
    if (compare(packages[i - 1]!.pkg.name, packages[i]!.pkg.name) > 0) return packages.sort((a, b) => compare(a.pkg.name, b.pkg.name));
  }
  return packages;
}

/**
 * The normalization every kind shares: names as Waldur stores them (bad ones become item errors),
 * homepages Waldur accepts (others become null with a warning), duplicates merged with a warning,
 * versions keyed like Waldur (module_version, else version), the names of skipped packages kept
 * so that the planner never deletes them,
 * and everything sorted so the same upstream always gives the same plan. Input is not modified
 * (it may be a cached parse result); targets already as Waldur stores them are shared with it,
 * not copied.
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
      acc = { pkg: { name, description, homepage }, versions: { list: [] }, entries: 0 };
      if (isExtension) acc.pkg.isExtension = true;
      byName.set(name, acc);
    } else {
      // Keep the first entry's fields, filling only what it lacks; a package is an extension
      // only when every entry says so.
      if (acc.pkg.description === '') acc.pkg.description = description;
      acc.pkg.homepage ??= homepage;
      if (!isExtension) acc.pkg.isExtension = false;
    }
    acc.entries += 1;
    addVersions(acc.versions, entry.versions, name, outWarnings);
  }
  const packages: DesiredPackage[] = [];
  for (const acc of inNameOrder([...byName.values()])) {
    if (acc.entries > 1) outWarnings.push({ item: acc.pkg.name, message: `${acc.entries} entries with this name; merged into one package` });
    const { name, description, homepage, isExtension } = acc.pkg;
    const pkg: DesiredPackage = { name, description, homepage, versions: finishVersions(acc.versions) };
    if (isExtension) pkg.isExtension = true;
    packages.push(pkg);
  }
  return { packages, warnings: outWarnings, itemErrors, skippedNames };
}
