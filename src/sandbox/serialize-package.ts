import { CATALOG_TYPE_DISPLAY } from './serialize-catalog.js';
import type { StoredCatalog, StoredPackage, StoredTarget, StoredVersion, TargetSchema } from './types.js';

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
    target_type: target.type,
    target_name: target.cpuFamily,
    target_subtype: target.cpuMicroarchitecture,
    location: target.path,
    metadata: target.metadata,
    gpu_architectures: target.gpuArchitectures,
  };
}

/**
 * A nested version. Waldur 8.0.9+ has the module_version column next to the module object; older
 * servers only show module (where their loader keeps EESSI's module, module_version included).
 * Old-schema servers had CPU targets only, so other target types are not shown there.
 */
function serializeVersion(version: StoredVersion, schema: TargetSchema): Record<string, unknown> {
  const targets = schema === 'old' ? version.targets.filter((t) => t.type === 'cpu_architecture') : version.targets;
  return {
    uuid: version.uuid,
    version: version.version,
    ...(schema === 'new' ? { module_version: version.moduleVersion } : {}),
    release_date: version.releaseDate,
    targets: targets.map((t) => serializeTarget(t, schema)),
    module: version.module,
    required_modules: [],
    extensions: [],
    toolchain: {},
    toolchain_families_compatibility: [],
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
    versions: pkg.versions.map((v) => serializeVersion(v, schema)),
  };
}
