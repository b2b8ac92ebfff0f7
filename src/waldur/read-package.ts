// A package from the API -> the model's ActualPackage, values normalized the way they are compared.
// Targets come in two schemas: old (cpu_family, cpu_microarchitecture, path) and new
// (target_type, target_name "x86_64/amd/zen2", target_subtype, location).
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
    const parts = str(raw.target_name).split('/').filter(Boolean);
    return {
      cpuFamily: parts[0] ?? '',
      cpuMicroarchitecture: str(raw.target_subtype) || (parts.length > 1 ? parts[parts.length - 1]! : ''),
      path: str(raw.location),
    };
  }
  return { cpuFamily: str(raw.cpu_family), cpuMicroarchitecture: str(raw.cpu_microarchitecture), path: str(raw.path) };
}

function readVersion(raw: unknown): PackageVersion {
  if (!isObject(raw) || typeof raw.version !== 'string') throw malformed('versions[].version', 'is missing');
  const targets = Array.isArray(raw.targets) ? raw.targets.map(readTarget).filter((t): t is Target => t !== null) : [];
  const version: PackageVersion = { version: raw.version, targets };
  if (typeof raw.release_date === 'string' || raw.release_date === null) version.releaseDate = raw.release_date;
  return version;
}

export function readPackage(raw: unknown): ActualPackage {
  if (!isObject(raw)) throw malformed('(package)', 'is not an object');
  for (const field of ['uuid', 'url', 'catalog', 'name'] as const) {
    if (typeof raw[field] !== 'string') throw malformed(field, 'is missing or not a string');
  }
  if (raw.versions !== undefined && !Array.isArray(raw.versions)) throw malformed('versions', 'is not a list');
  return {
    uuid: raw.uuid as string,
    url: raw.url as string,
    catalog: raw.catalog as string,
    name: raw.name as string,
    description: normalizeText(typeof raw.description === 'string' ? raw.description : null),
    homepage: homepageFromApi(typeof raw.homepage === 'string' ? raw.homepage : null),
    isExtension: raw.is_extension === true,
    versions: ((raw.versions as unknown[] | undefined) ?? []).map(readVersion),
  };
}
