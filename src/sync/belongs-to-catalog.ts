import type { ActualPackage, CatalogRef } from '../model.js';

/** The uuid at the end of a hyperlink like .../marketplace-software-catalogs/<uuid>/ */
function lastPathSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0]!.replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Only packages of the configured catalog may ever be written. The list is already filtered by
 * catalog_uuid on the server; this re-checks each package's own catalog hyperlink (by its uuid,
 * so a proxy rewriting the host does not matter) in case a server ignores the filter.
 */
export function belongsToCatalog(pkg: ActualPackage, catalog: CatalogRef): boolean {
  return pkg.catalog === catalog.url || lastPathSegment(pkg.catalog) === catalog.uuid;
}
