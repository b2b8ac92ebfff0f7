// What Waldur would list for a catalog that is ~1% out of date with upstream: built from the
// desired packages (deep copies, as a separate parse of the API's pages would give) with a few
// packages missing, changed, drifted or extra.
import type { ActualPackage, CatalogRef, DesiredPackage, PackageVersion } from '../../src/model.js';

export interface DriftShares {
  /** Every n-th package differs in its description (an update). */
  updateEvery: number;
  /** Every n-th package is missing from Waldur (a create). */
  missingEvery: number;
  /** Every n-th package lacks a target in Waldur (version drift, no write). */
  driftEvery: number;
  /** One extra package in Waldur per n desired ones (a delete when pruning). */
  extraEvery: number;
}

export const ONE_PERCENT: DriftShares = { updateEvery: 200, missingEvery: 400, driftEvery: 500, extraEvery: 400 };

const uuidOf = (i: number): string => i.toString(16).padStart(32, '0');

/** Plain copies, shaped like the objects the API client builds from a list page. */
function copyVersions(versions: readonly PackageVersion[]): PackageVersion[] {
  return versions.map((v) => ({
    version: v.version,
    moduleVersion: v.moduleVersion ?? '',
    releaseDate: v.releaseDate ?? null,
    targets: v.targets.map((t) => ({ cpuFamily: t.cpuFamily, cpuMicroarchitecture: t.cpuMicroarchitecture, path: t.path })),
  }));
}

export function deriveActual(desired: readonly DesiredPackage[], catalog: CatalogRef, shares: DriftShares = ONE_PERCENT): ActualPackage[] {
  const actual: ActualPackage[] = [];
  const base = { catalog: catalog.url, isExtension: false };
  const packageUrl = (uuid: string): string => `${catalog.url.replace(/marketplace-software-catalogs\/.*$/, '')}marketplace-software-packages/${uuid}/`;
  desired.forEach((pkg, i) => {
    if (i % shares.missingEvery === 1) return;
    const versions = copyVersions(pkg.versions);
    if (i % shares.driftEvery === 2) versions[0]?.targets.pop();
    const uuid = uuidOf(i);
    actual.push({
      ...base,
      uuid,
      url: packageUrl(uuid),
      name: pkg.name,
      description: i % shares.updateEvery === 0 ? `${pkg.description} (old)` : pkg.description,
      homepage: pkg.homepage,
      versions,
    });
  });
  for (let k = 0; k < Math.floor(desired.length / shares.extraEvery); k += 1) {
    const uuid = uuidOf(desired.length + k);
    actual.push({ ...base, uuid, url: packageUrl(uuid), name: `retired-${k}`, description: 'No longer upstream.', homepage: null, versions: [] });
  }
  return actual;
}
