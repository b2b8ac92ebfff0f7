// What Waldur's own EESSI loader (marketplace catalog_loaders/eessi.py and base.py) stores for one
// EESSI version, as a sandbox seed: a catalog shaped exactly like one that loader filled, to
// compare a sync against. The rules are transcribed from the loader on purpose, independent of
// this project's EESSI reader, so a test of one against the other can fail.
import type { SandboxSeed, SeedPackage, SeedTarget, SeedVersion } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Python's dict.get(key, default). */
const get = (o: Json, key: string, fallback: unknown): unknown => (Object.hasOwn(o, key) ? o[key] : fallback);

export interface EessiSeedOptions {
  /** EESSI version to load, e.g. "2023.06": entries whose first required module is EESSI/<it>. */
  eessiVersion: string;
  catalogName: string;
  /** Default: the EESSI version (the loader names its catalog version so). */
  catalogVersion?: string;
  /** Extension documents (eessi_api_metadata_ext-<type>.json) with their type, e.g. "python". */
  extensions?: Array<{ type: string; document: unknown }>;
}

/** _get_eessi_version: the FIRST required module, "EESSI/<v>" (older files) or {module_name: EESSI, module_version}. */
function eessiVersionOf(entry: Json): unknown {
  const required = list(get(entry, 'required_modules', []));
  if (required.length === 0) return null;
  const first = required[0];
  if (typeof first === 'string') return first.startsWith('EESSI/') ? first.slice('EESSI/'.length) : null;
  if (isObject(first) && first.module_name === 'EESSI') return first.module_version;
  return null;
}

/** split_eessi_cpu_arch: family before the first "/", the rest (vendor prefix kept) as subtype; else "generic". */
function splitCpuArch(arch: string): [string, string] {
  const slash = arch.indexOf('/');
  return slash < 0 ? [arch, 'generic'] : [arch.slice(0, slash), arch.slice(slash + 1)];
}

/** version_info.get("module", {}): the loader calls .get on it, so a string module stops the whole load. */
function moduleOf(entry: Json, name: string): Json {
  const module = get(entry, 'module', {});
  if (!isObject(module)) throw new Error(`${name}: a "module" that is not an object stops Waldur's loader`);
  return module;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** _process_eessi_version: the version row and its cpu_architecture targets. */
function versionRow(entry: Json, name: string, eessiVersion: string): SeedVersion {
  const module = moduleOf(entry, name);
  const gpuArch = get(entry, 'gpu_arch', {});
  const gpuArchs = isObject(gpuArch) ? [...new Set(Object.values(gpuArch).flatMap((a) => list(a).map(String)))].sort() : [];
  const targets: SeedTarget[] = list(get(entry, 'cpu_arch', [])).map((raw) => {
    const arch = String(raw);
    const [family, subtype] = splitCpuArch(arch);
    return {
      target_type: 'cpu_architecture',
      target_name: family,
      target_subtype: subtype,
      location: `/cvmfs/software.eessi.io/versions/${eessiVersion}/software/linux/${arch}`,
      metadata: { full_arch: arch, gpu_arch: gpuArch },
      gpu_architectures: gpuArchs,
    };
  });
  return { version: String(entry.version), module_version: String(get(module, 'module_version', '') || ''), module, targets };
}

/** _get_eessi_version_key: module.module_version, else version. */
function storageKey(version: SeedVersion): string {
  return version.module_version || version.version;
}

interface LoadedPackage {
  name: string;
  description: string | null;
  homepage: string | null;
  isExtension: boolean;
  parents: string[];
  /** By storage key; a later entry with the same key replaces the earlier one (a Python dict). */
  versions: Map<string, SeedVersion>;
}

/** _process_eessi_package: null when no entry belongs to the EESSI version. */
function loadPackage(name: string, info: unknown, isExtension: boolean, eessiVersion: string): LoadedPackage | null {
  if (!isObject(info)) return null;
  const entries = list(get(info, 'versions', [])).filter((v): v is Json => isObject(v) && eessiVersionOf(v) === eessiVersion);
  if (entries.length === 0) return null;
  const parents = isExtension
    ? [...new Set(entries.map((v) => get(v, 'parent_software', {})).map((p) => (isObject(p) ? String(get(p, 'name', '') || '') : '')).filter(Boolean))]
    : [];
  const versions = new Map<string, SeedVersion>();
  for (const entry of entries) {
    const row = versionRow(entry, name, eessiVersion);
    versions.set(storageKey(row), row);
  }
  return { name, description: text(get(info, 'description', '')), homepage: text(get(info, 'homepage', '')), isExtension, parents, versions };
}

/** _process_versions_bulk: versions found by storage key get the new targets too (rows are never replaced). */
function addVersions(into: Map<string, SeedVersion>, versions: Map<string, SeedVersion>): void {
  for (const [key, version] of versions) {
    const existing = into.get(key);
    if (!existing) {
      into.set(key, { ...version, targets: [...(version.targets ?? [])] });
      continue;
    }
    const seen = new Set((existing.targets ?? []).map((t) => JSON.stringify(t)));
    for (const target of version.targets ?? []) if (!seen.has(JSON.stringify(target))) existing.targets!.push(target);
  }
}

/**
 * The catalog Waldur's EESSI loader would create from these documents for one EESSI version:
 * main packages first, then extensions (skipped when none of their parent packages exists; an
 * extension named like an existing package adds its versions to it), versions keyed by
 * module_version else version, targets with the full subtype and the loader's CVMFS location.
 */
export function seedFromEessi(main: unknown, options: EessiSeedOptions): SandboxSeed {
  const { eessiVersion } = options;
  const software = isObject(main) && isObject(main.software) ? main.software : {};
  const stored = new Map<string, { pkg: LoadedPackage; versions: Map<string, SeedVersion> }>();
  for (const [name, info] of Object.entries(software)) {
    const pkg = loadPackage(name, info, false, eessiVersion);
    if (!pkg) continue;
    const row = stored.get(name) ?? { pkg, versions: new Map() };
    stored.set(name, row);
    addVersions(row.versions, pkg.versions);
  }
  const mainNames = new Set(stored.keys());
  for (const { document } of options.extensions ?? []) {
    const extSoftware = isObject(document) && isObject(document.software) ? document.software : {};
    for (const [name, info] of Object.entries(extSoftware)) {
      const pkg = loadPackage(name, info, true, eessiVersion);
      if (!pkg || !pkg.parents.some((parent) => mainNames.has(parent))) continue;
      const row = stored.get(name) ?? { pkg, versions: new Map() };
      stored.set(name, row);
      addVersions(row.versions, pkg.versions);
    }
  }
  const packages: SeedPackage[] = [...stored.values()].map(({ pkg, versions }) => ({
    name: pkg.name,
    description: pkg.description,
    homepage: pkg.homepage,
    is_extension: pkg.isExtension,
    versions: [...versions.values()],
  }));
  return {
    catalogs: [{ name: options.catalogName, version: options.catalogVersion ?? eessiVersion, catalog_type: 'binary_runtime', packages }],
  };
}
