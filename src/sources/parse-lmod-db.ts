import type { PackageVersion } from '../model.js';
import { checkShape } from './check-shape.js';
import { firstUrl } from './first-url.js';
import { formatPath } from '../config/format-path.js';
import { lmodSpiderDb, type LmodDbModule } from './lmod-schema.js';
import { lmodVersion } from './lmod-version.js';
import { readWhatis } from './read-whatis.js';
import type { RawDocument, RawPackage } from './types.js';

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** The first of `modules` (newest first) for which `pick` finds a value. */
function firstOf(modules: LmodDbModule[], pick: (m: LmodDbModule) => string | null | undefined): string | null {
  for (const module of modules) {
    const value = pick(module)?.trim();
    if (value) return value;
  }
  return null;
}

/**
 * `spider -o spider-json` (Lmod's module database) -> packages. Hidden modules are ignored and a
 * name without a visible module is skipped. Description and homepage come from the newest
 * module (Lmod's weighted version, then path: never from key order, which is random) that has
 * them: `Description`, else its whatis lines; `URL`, else a `Homepage:` whatis line.
 */
export function parseLmodDb(value: unknown, file: string): RawDocument {
  const db = checkShape(lmodSpiderDb, value, file);
  const packages: RawPackage[] = [];
  for (const [name, byPath] of Object.entries(db)) {
    const visible = Object.entries(byPath)
      .filter(([, module]) => module.hidden !== true)
      .sort(([pathA, a], [pathB, b]) => compare(b.wV ?? '', a.wV ?? '') || compare(pathA, pathB))
      .map(([, module]) => module);
    if (visible.length === 0) continue;
    const versions: PackageVersion[] = [];
    for (const full of new Set(visible.map((m) => m.fullName))) {
      const version = lmodVersion(name, full);
      if (version !== null) versions.push({ version, targets: [] });
    }
    const whatis = visible.map((m) => readWhatis(m.whatis ?? []));
    const description = firstOf(visible, (m) => m.Description) ?? whatis.find((w) => w.description !== null)?.description ?? null;
    const homepage = firstOf(visible, (m) => firstUrl(m.URL)) ?? whatis.find((w) => w.homepage !== null)?.homepage ?? null;
    packages.push({ name, description, homepage, versions, origin: formatPath([name]) });
  }
  return { packages, warnings: [] };
}
