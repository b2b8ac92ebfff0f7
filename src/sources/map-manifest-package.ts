import type { StringPool } from '../create-string-pool.js';
import type { ManifestPackage } from './manifest-schema.js';
import type { RawPackage } from './types.js';

/** One checked manifest entry (packages[index]) -> the reader's row; CPU names come from `pool`. */
export function mapManifestPackage(pkg: ManifestPackage, index: number, pool: StringPool): RawPackage {
  return {
    name: pkg.name,
    description: pkg.description,
    homepage: pkg.homepage,
    isExtension: pkg.is_extension,
    versions: (pkg.versions ?? []).map((v) => ({
      version: v.version,
      releaseDate: v.release_date ?? null,
      targets: (v.targets ?? []).map((t) => ({ cpuFamily: pool(t.cpu_family), cpuMicroarchitecture: pool(t.cpu_microarchitecture), path: t.path ?? '' })),
    })),
    origin: `packages[${index}]`,
  };
}
