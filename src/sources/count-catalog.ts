import type { DesiredCatalog } from '../model.js';

/** Sizes of a catalog as operators count them: packages, package versions, version x target rows. */
export function countCatalog(catalog: Pick<DesiredCatalog, 'packages'>): { packages: number; versions: number; targets: number } {
  let versions = 0;
  let targets = 0;
  for (const pkg of catalog.packages) {
    versions += pkg.versions.length;
    for (const version of pkg.versions) targets += version.targets.length;
  }
  return { packages: catalog.packages.length, versions, targets };
}
