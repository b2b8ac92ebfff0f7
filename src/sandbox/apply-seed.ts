import { normalizeText } from '../normalize.js';
import type { SandboxSeed, SandboxState, SeedTarget, TargetInput } from './types.js';

/** Either field-name generation of a seed target, as the store keeps it. */
function toTargetInput(t: SeedTarget): TargetInput {
  if ('cpu_family' in t) return { cpuFamily: t.cpu_family, cpuMicroarchitecture: t.cpu_microarchitecture, path: t.path ?? '' };
  return {
    type: t.target_type ?? 'cpu_architecture',
    cpuFamily: t.target_name,
    cpuMicroarchitecture: t.target_subtype ?? '',
    path: t.location ?? '',
    ...(t.metadata !== undefined ? { metadata: t.metadata } : {}),
    ...(t.gpu_architectures !== undefined ? { gpuArchitectures: t.gpu_architectures } : {}),
  };
}

/** Puts a seed's catalogs and packages into the store, text stripped as the server would store it. */
export function applySeed(state: SandboxState, seed: SandboxSeed): void {
  for (const c of seed.catalogs) {
    const catalog =
      state.findCatalog(c.name, c.version, c.catalog_type) ??
      state.addCatalog({ name: c.name, version: c.version, catalogType: c.catalog_type });
    for (const p of c.packages ?? []) {
      const homepage = p.homepage === undefined || p.homepage === null ? null : normalizeText(p.homepage);
      state.addPackage(catalog.uuid, {
        name: normalizeText(p.name),
        description: normalizeText(p.description),
        homepage,
        isExtension: p.is_extension ?? false,
        versions: (p.versions ?? []).map((v) => ({
          version: v.version,
          ...(v.module_version !== undefined ? { moduleVersion: v.module_version } : {}),
          ...(v.module !== undefined ? { module: v.module } : {}),
          releaseDate: v.release_date ?? null,
          targets: (v.targets ?? []).map(toTargetInput),
        })),
      });
    }
  }
}
