import { ValidationError } from '../errors.js';
import type { CatalogRef, CatalogType } from '../model.js';

/** A catalog from the API -> CatalogRef. */
export function readCatalog(raw: unknown): CatalogRef {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const field of ['uuid', 'url', 'name', 'version'] as const) {
    if (typeof obj[field] !== 'string') {
      throw new ValidationError(`Waldur answered with a malformed catalog: ${field} is missing or not a string`, {
        [field]: ['is missing or not a string'],
      });
    }
  }
  return {
    uuid: obj.uuid as string,
    url: obj.url as string,
    name: obj.name as string,
    version: obj.version as string,
    // The schema's default, for servers that leave it out.
    catalogType: (typeof obj.catalog_type === 'string' ? obj.catalog_type : 'binary_runtime') as CatalogType,
  };
}
