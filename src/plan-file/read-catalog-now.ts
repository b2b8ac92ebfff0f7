import type { Logger } from '../log/create-logger.js';
import type { ActualPackage, CatalogRef } from '../model.js';
import { listCatalogPackages } from '../sync/list-catalog-packages.js';
import type { WaldurClient } from '../waldur/types.js';
import type { PlanSource } from './types.js';

/** The plan's catalog as it is now (null: missing) and its packages: one lookup and one list. */
export async function readCatalogNow(
  client: WaldurClient,
  plan: PlanSource,
  options: { logger: Logger; signal?: AbortSignal },
): Promise<{ catalog: CatalogRef | null; packages: ActualPackage[] }> {
  const key = { name: plan.catalog.name, version: plan.catalog.version, catalogType: plan.catalog.type };
  const catalog = await client.findCatalog(key, { signal: options.signal });
  const packages = catalog ? await listCatalogPackages(client, catalog, options) : [];
  return { catalog, packages };
}
