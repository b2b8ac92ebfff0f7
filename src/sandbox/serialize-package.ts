import { CATALOG_TYPE_DISPLAY } from './serialize-catalog.js';
import type { StoredCatalog, StoredPackage, StoredTarget, TargetSchema } from './types.js';

function serializeTarget(target: StoredTarget, schema: TargetSchema): Record<string, unknown> {
  if (schema === 'old') {
    return {
      uuid: target.uuid,
      cpu_family: target.cpuFamily,
      cpu_microarchitecture: target.cpuMicroarchitecture,
      path: target.path,
    };
  }
  return {
    uuid: target.uuid,
    target_type: 'cpu_architecture',
    target_name: target.name ?? `${target.cpuFamily}/${target.cpuMicroarchitecture}`,
    target_subtype: target.cpuMicroarchitecture,
    location: target.path,
    metadata: {},
  };
}

/** A package as Waldur's SoftwarePackage serializer renders it, versions and targets embedded. */
export function serializePackage(
  pkg: StoredPackage,
  catalog: StoredCatalog,
  root: string,
  schema: TargetSchema,
): Record<string, unknown> {
  return {
    url: `${root}marketplace-software-packages/${pkg.uuid}/`,
    uuid: pkg.uuid,
    created: pkg.created,
    modified: pkg.modified,
    catalog: `${root}marketplace-software-catalogs/${catalog.uuid}/`,
    name: pkg.name,
    description: pkg.description,
    homepage: pkg.homepage,
    categories: [],
    licenses: [],
    maintainers: [],
    is_extension: pkg.isExtension,
    parent_software: null,
    catalog_name: catalog.name,
    catalog_version: catalog.version,
    catalog_type: catalog.catalogType,
    catalog_type_display: CATALOG_TYPE_DISPLAY[catalog.catalogType] ?? catalog.catalogType,
    version_count: pkg.versions.length,
    extension_count: 0,
    versions: pkg.versions.map((v) => ({
      uuid: v.uuid,
      version: v.version,
      release_date: v.releaseDate,
      targets: v.targets.map((t) => serializeTarget(t, schema)),
      module: {},
      required_modules: [],
      extensions: [],
      toolchain: {},
      toolchain_families_compatibility: [],
    })),
  };
}
