// A package from the API -> the model's ActualPackage, values normalized the way they are compared.
// Versions: `version` plus Waldur's `module_version` (8.0.9+), or only `module.module_version`
// inside the version's `module` object on older servers. Targets in two schemas: new
// (target_type "cpu_architecture", target_name "x86_64", target_subtype "amd/zen3", location) and
// old (cpu_family, cpu_microarchitecture, path) with the same values.
import { ValidationError } from '../errors.js';
import type { ActualPackage, PackageVersion, Target } from '../model.js';
import { homepageFromApi, normalizeText } from '../normalize.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function malformed(field: string, problem: string): ValidationError {
  return new ValidationError(`Waldur answered with a malformed package: ${field} ${problem}`, { [field]: [problem] });
}

/** One target, or null for a new-schema target that is not a CPU architecture (not ours to compare). */
export function readTarget(raw: unknown): Target | null {
  if (!isObject(raw)) throw malformed('versions[].targets[]', 'is not an object');
  if ('target_name' in raw || 'target_type' in raw) {
    if (raw.target_type !== undefined && raw.target_type !== null && raw.target_type !== 'cpu_architecture') return null;
    const name = normalizeText(str(raw.target_name));
    // Waldur's loader stores the family alone; a name holding the whole cpu_arch ("x86_64/amd/zen3")
    // is read the same way the loader splits it: family before the first "/", subtype the rest.
    const slash = name.indexOf('/');
    return {
      cpuFamily: slash < 0 ? name : name.slice(0, slash),
      cpuMicroarchitecture: slash < 0 ? normalizeText(str(raw.target_subtype)) : name.slice(slash + 1),
      path: normalizeText(str(raw.location)),
    };
  }
  return {
    cpuFamily: normalizeText(str(raw.cpu_family)),
    cpuMicroarchitecture: normalizeText(str(raw.cpu_microarchitecture)),
    path: normalizeText(str(raw.path)),
  };
}

/** module_version where the server has the column (8.0.9+), else the copy inside `module`. */
function moduleVersionOf(raw: Json): string {
  if (typeof raw.module_version === 'string') return normalizeText(raw.module_version);
  return isObject(raw.module) ? normalizeText(str(raw.module.module_version)) : '';
}

function readVersion(raw: unknown): PackageVersion {
  if (!isObject(raw) || typeof raw.version !== 'string') throw malformed('versions[].version', 'is missing');
  const targets = Array.isArray(raw.targets) ? raw.targets.map(readTarget).filter((t): t is Target => t !== null) : [];
  const version: PackageVersion = { version: normalizeText(raw.version), moduleVersion: moduleVersionOf(raw), targets };
  if (typeof raw.release_date === 'string' || raw.release_date === null) version.releaseDate = raw.release_date;
  return version;
}

export function readPackage(raw: unknown): ActualPackage {
  if (!isObject(raw)) throw malformed('(package)', 'is not an object');
  for (const field of ['uuid', 'url', 'catalog', 'name'] as const) {
    if (typeof raw[field] !== 'string') throw malformed(field, 'is missing or not a string');
  }
  if (raw.versions !== undefined && !Array.isArray(raw.versions)) throw malformed('versions', 'is not a list');
  const pkg: ActualPackage = {
    uuid: raw.uuid as string,
    url: raw.url as string,
    catalog: raw.catalog as string,
    name: raw.name as string,
    description: normalizeText(typeof raw.description === 'string' ? raw.description : null),
    homepage: homepageFromApi(typeof raw.homepage === 'string' ? raw.homepage : null),
    isExtension: raw.is_extension === true,
    versions: ((raw.versions as unknown[] | undefined) ?? []).map(readVersion),
  };
  if (typeof raw.modified === 'string') pkg.modified = raw.modified;
  return pkg;
}
