import type { PackageVersion, SourceWarning } from '../model.js';
import { normalizeText } from '../normalize.js';
import { checkShape } from './check-shape.js';
import { firstUrl } from './first-url.js';
import { lmodSoftwarePage } from './lmod-schema.js';
import { lmodVersion } from './lmod-version.js';
import type { RawDocument, RawPackage } from './types.js';

/**
 * `spider -o jsonSoftwarePage` -> packages: name = `package`, description = the package's
 * `description`, homepage = the first usable URL of `url`, versions from each module's `full`
 * (never `versionName`, which can repeat), de-duplicated (one module in several hierarchy
 * branches). A package without visible versions is skipped with a warning.
 */
export function parseLmodPage(value: unknown, file: string): RawDocument {
  const page = checkShape(lmodSoftwarePage, value, file);
  const packages: RawPackage[] = [];
  const warnings: SourceWarning[] = [];
  page.forEach((entry, index) => {
    const name = entry.package;
    const visible = entry.versions.filter((v) => v.hidden !== true);
    if (visible.length === 0) {
      warnings.push({ item: name, message: 'no visible versions (all hidden); package skipped' });
      return;
    }
    const versions: PackageVersion[] = [];
    for (const full of new Set(visible.map((v) => v.full))) {
      const version = lmodVersion(name, full);
      if (version !== null) versions.push({ version, targets: [] });
    }
    const homepage = firstUrl(entry.url);
    const url = normalizeText(entry.url);
    if (homepage === null && url !== '') {
      warnings.push({ item: name, message: `url ${JSON.stringify(url.slice(0, 80))} holds no usable http(s) URL; no homepage` });
    }
    packages.push({ name, description: entry.description, homepage, versions, origin: `[${index}].package` });
  });
  return { packages, warnings };
}
