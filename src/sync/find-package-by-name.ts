import type { ActualPackage, CatalogRef } from '../model.js';
import type { WaldurClient } from '../waldur/types.js';
import { belongsToCatalog } from './belongs-to-catalog.js';

/**
 * The package with exactly this name in the catalog, or null. The API's name_exact filter is
 * case-insensitive, so the exact, case-sensitive comparison happens here.
 */
export async function findPackageByName(
  client: WaldurClient,
  catalog: CatalogRef,
  name: string,
  signal?: AbortSignal,
): Promise<ActualPackage | null> {
  const matches: ActualPackage[] = [];
  for await (const pkg of client.listPackages({ catalog_uuid: catalog.uuid, name_exact: name }, { signal })) {
    if (pkg.name === name && belongsToCatalog(pkg, catalog)) matches.push(pkg);
  }
  // Same choice as the planner makes among duplicates: the smallest uuid.
  matches.sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
  return matches[0] ?? null;
}
