// The sandbox's store: catalogs and packages in maps, packages indexed by catalog and by
// (catalog, name) so lookups and per-catalog lists stay cheap at 100k packages.
import type { CatalogType } from '../model.js';
import { newUuid } from './new-uuid.js';
import type {
  CatalogInput,
  PackageInput,
  SandboxState,
  StoredCatalog,
  StoredPackage,
  StoredVersion,
} from './types.js';

const nameKey = (catalogUuid: string, name: string): string => `${catalogUuid}\u0000${name}`;

/** module_version and the module object agree unless both are given: the store keeps what it is told. */
function toStoredVersions(versions: NonNullable<PackageInput['versions']>): StoredVersion[] {
  return versions.map((v) => {
    const fromModule = typeof v.module?.module_version === 'string' ? v.module.module_version : '';
    const moduleVersion = v.moduleVersion ?? fromModule;
    return {
      uuid: newUuid(),
      version: v.version,
      moduleVersion,
      module: v.module ?? (moduleVersion === '' ? {} : { module_version: moduleVersion }),
      releaseDate: v.releaseDate ?? null,
      targets: v.targets.map((t) => ({
        uuid: newUuid(),
        type: t.type ?? 'cpu_architecture',
        cpuFamily: t.cpuFamily,
        cpuMicroarchitecture: t.cpuMicroarchitecture,
        path: t.path,
        metadata: t.metadata ?? {},
        gpuArchitectures: t.gpuArchitectures ?? [],
      })),
    };
  });
}

/** `baseUrl()` returns the API root once the server listens (hyperlinks need it). */
export function createSandboxState(baseUrl: () => string | null): SandboxState {
  const catalogs = new Map<string, StoredCatalog>();
  const packages = new Map<string, StoredPackage>();
  const byCatalog = new Map<string, Set<string>>();
  const byName = new Map<string, string>();
  let seq = 0;
  let revision = 0;
  const now = (): string => new Date().toISOString();
  const touch = (): void => void (revision += 1);

  const requireCatalog = (uuid: string): StoredCatalog => {
    const catalog = catalogs.get(uuid);
    if (!catalog) throw new Error(`no catalog ${uuid}`);
    return catalog;
  };
  const requirePackage = (uuid: string): StoredPackage => {
    const pkg = packages.get(uuid);
    if (!pkg) throw new Error(`no package ${uuid}`);
    return pkg;
  };
  const root = (): string => {
    const url = baseUrl();
    if (!url) throw new Error('the sandbox is not listening yet');
    return url;
  };

  const state: SandboxState = {
    get revision() {
      return revision;
    },
    addCatalog(input) {
      const at = now();
      const catalog: StoredCatalog = {
        uuid: newUuid(),
        name: input.name,
        version: input.version,
        catalogType: input.catalogType ?? 'binary_runtime',
        description: input.description ?? '',
        sourceUrl: input.sourceUrl ?? '',
        created: at,
        modified: at,
      };
      catalogs.set(catalog.uuid, catalog);
      byCatalog.set(catalog.uuid, new Set());
      touch();
      return catalog;
    },
    addPackage(catalogUuid, input) {
      requireCatalog(catalogUuid);
      const key = nameKey(catalogUuid, input.name);
      if (byName.has(key)) throw new Error(`package ${JSON.stringify(input.name)} already exists in catalog ${catalogUuid}`);
      const at = now();
      const pkg: StoredPackage = {
        uuid: newUuid(),
        seq: (seq += 1),
        catalogUuid,
        name: input.name,
        description: input.description ?? '',
        homepage: input.homepage ?? null,
        isExtension: input.isExtension ?? false,
        versions: toStoredVersions(input.versions ?? []),
        created: at,
        modified: at,
      };
      packages.set(pkg.uuid, pkg);
      byCatalog.get(catalogUuid)!.add(pkg.uuid);
      byName.set(key, pkg.uuid);
      touch();
      return pkg;
    },
    updateCatalog(uuid, patch: Partial<CatalogInput>) {
      const catalog = requireCatalog(uuid);
      if (patch.name !== undefined) catalog.name = patch.name;
      if (patch.version !== undefined) catalog.version = patch.version;
      if (patch.catalogType !== undefined) catalog.catalogType = patch.catalogType;
      if (patch.description !== undefined) catalog.description = patch.description;
      if (patch.sourceUrl !== undefined) catalog.sourceUrl = patch.sourceUrl;
      catalog.modified = now();
      touch();
      return catalog;
    },
    updatePackage(uuid, patch) {
      const pkg = requirePackage(uuid);
      const catalogUuid = patch.catalogUuid ?? pkg.catalogUuid;
      const name = patch.name ?? pkg.name;
      if (catalogUuid !== pkg.catalogUuid || name !== pkg.name) {
        requireCatalog(catalogUuid);
        const key = nameKey(catalogUuid, name);
        if (byName.has(key)) throw new Error(`package ${JSON.stringify(name)} already exists in catalog ${catalogUuid}`);
        byName.delete(nameKey(pkg.catalogUuid, pkg.name));
        byName.set(key, pkg.uuid);
        byCatalog.get(pkg.catalogUuid)!.delete(pkg.uuid);
        byCatalog.get(catalogUuid)!.add(pkg.uuid);
        pkg.catalogUuid = catalogUuid;
        pkg.name = name;
      }
      if (patch.description !== undefined) pkg.description = patch.description;
      if (patch.homepage !== undefined) pkg.homepage = patch.homepage;
      if (patch.isExtension !== undefined) pkg.isExtension = patch.isExtension;
      pkg.modified = now();
      touch();
      return pkg;
    },
    setVersions(packageUuid, versions) {
      const pkg = requirePackage(packageUuid);
      pkg.versions = toStoredVersions(versions);
      pkg.modified = now();
      touch();
      return pkg;
    },
    getCatalog: (uuid) => catalogs.get(uuid),
    getPackage: (uuid) => packages.get(uuid),
    findCatalog(name, version, catalogType?: CatalogType) {
      for (const c of catalogs.values()) {
        if (c.name === name && c.version === version && (catalogType === undefined || c.catalogType === catalogType)) return c;
      }
      return undefined;
    },
    findPackage(catalogUuid, name) {
      const uuid = byName.get(nameKey(catalogUuid, name));
      return uuid === undefined ? undefined : packages.get(uuid);
    },
    listCatalogs: () => [...catalogs.values()],
    listPackages(catalogUuid) {
      if (catalogUuid === undefined) return [...packages.values()];
      return [...(byCatalog.get(catalogUuid) ?? [])].map((uuid) => packages.get(uuid)!);
    },
    packageCount(catalogUuid) {
      if (catalogUuid === undefined) return packages.size;
      return byCatalog.get(catalogUuid)?.size ?? 0;
    },
    deletePackage(uuid) {
      const pkg = packages.get(uuid);
      if (!pkg) return false;
      packages.delete(uuid);
      byCatalog.get(pkg.catalogUuid)?.delete(uuid);
      byName.delete(nameKey(pkg.catalogUuid, pkg.name));
      touch();
      return true;
    },
    deleteCatalog(uuid) {
      if (!catalogs.has(uuid)) return false;
      for (const pkgUuid of byCatalog.get(uuid) ?? []) {
        const pkg = packages.get(pkgUuid)!;
        packages.delete(pkgUuid);
        byName.delete(nameKey(uuid, pkg.name));
      }
      byCatalog.delete(uuid);
      catalogs.delete(uuid);
      touch();
      return true;
    },
    catalogUrl: (uuid) => `${root()}marketplace-software-catalogs/${uuid}/`,
    packageUrl: (uuid) => `${root()}marketplace-software-packages/${uuid}/`,
    clear() {
      catalogs.clear();
      packages.clear();
      byCatalog.clear();
      byName.clear();
      touch();
    },
  };
  return state;
}
