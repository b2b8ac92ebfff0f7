import type { Logger } from '../log/create-logger.js';
import type { ActualPackage, CatalogRef } from '../model.js';
import type { WaldurClient } from '../waldur/types.js';
import { belongsToCatalog } from './belongs-to-catalog.js';

/** Every package of one catalog (all pages), and nothing from any other catalog. */
export async function listCatalogPackages(
  client: WaldurClient,
  catalog: CatalogRef,
  options: { logger: Logger; signal?: AbortSignal; onPage?: (page: { received: number; total: number | null }) => void },
): Promise<ActualPackage[]> {
  const packages: ActualPackage[] = [];
  let foreign = 0;
  for await (const pkg of client.listPackages({ catalog_uuid: catalog.uuid }, { signal: options.signal, onPage: options.onPage })) {
    if (belongsToCatalog(pkg, catalog)) packages.push(pkg);
    else foreign += 1;
  }
  if (foreign > 0) {
    options.logger.warn({ ignored: foreign, catalog: catalog.uuid }, 'the package list returned packages of other catalogs; ignored them');
  }
  return packages;
}
