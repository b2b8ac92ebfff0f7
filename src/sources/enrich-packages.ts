import type { DesiredPackage } from '../model.js';

export interface EnrichResult {
  packages: DesiredPackage[];
  /** Per companion, in order: how many empty fields it filled. */
  filled: Array<{ descriptions: number; homepages: number }>;
  /** Packages that no companion lists by that name. */
  unmatched: number;
}

/**
 * Fills empty descriptions and homepages from companion catalogs: each field from the first
 * companion, in order, that has a package of exactly that name with that field set. Never adds
 * or removes packages, never overwrites a value the source has. Inputs are normalized catalogs;
 * they are not modified.
 */
export function enrichPackages(packages: DesiredPackage[], companions: DesiredPackage[][]): EnrichResult {
  const indexes = companions.map((list) => new Map(list.map((p) => [p.name, p])));
  const filled = companions.map(() => ({ descriptions: 0, homepages: 0 }));
  let unmatched = 0;
  const out = packages.map((pkg) => {
    const found = indexes.map((index) => index.get(pkg.name));
    if (found.every((p) => p === undefined)) unmatched += 1;
    if (pkg.description !== '' && pkg.homepage !== null) return pkg;
    const result = { ...pkg };
    if (result.description === '') {
      const i = found.findIndex((p) => p !== undefined && p.description !== '');
      if (i >= 0) {
        result.description = found[i]!.description;
        filled[i]!.descriptions += 1;
      }
    }
    if (result.homepage === null) {
      const i = found.findIndex((p) => p !== undefined && p.homepage !== null);
      if (i >= 0) {
        result.homepage = found[i]!.homepage;
        filled[i]!.homepages += 1;
      }
    }
    return result;
  });
  return { packages: out, filled, unmatched };
}
