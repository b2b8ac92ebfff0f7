import type { SandboxState, StoredCatalog } from './types.js';

export const CATALOG_TYPE_DISPLAY: Record<string, string> = {
  binary_runtime: 'Binary runtime',
  source_package: 'Source package',
  package_manager: 'Package manager',
};

/** A catalog as Waldur's SoftwareCatalog serializer renders it; `root` is the API root URL. */
export function serializeCatalog(catalog: StoredCatalog, state: SandboxState, root: string): Record<string, unknown> {
  let versionCount = 0;
  let targetCount = 0;
  for (const pkg of state.listPackages(catalog.uuid)) {
    versionCount += pkg.versions.length;
    for (const v of pkg.versions) targetCount += v.targets.length;
  }
  return {
    url: `${root}marketplace-software-catalogs/${catalog.uuid}/`,
    uuid: catalog.uuid,
    created: catalog.created,
    modified: catalog.modified,
    name: catalog.name,
    version: catalog.version,
    catalog_type: catalog.catalogType,
    catalog_type_display: CATALOG_TYPE_DISPLAY[catalog.catalogType] ?? catalog.catalogType,
    source_url: catalog.sourceUrl,
    description: catalog.description,
    metadata: {},
    auto_update_enabled: false,
    last_update_attempt: null,
    last_successful_update: null,
    update_errors: '',
    package_count: state.packageCount(catalog.uuid),
    version_count: versionCount,
    target_count: targetCount,
  };
}
