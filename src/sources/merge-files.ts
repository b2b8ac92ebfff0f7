import type { SourceWarning } from '../model.js';
import { normalizeHomepage, normalizeText } from '../normalize.js';
import type { RawPackage } from './types.js';

export interface FilePackages {
  /** The file as it may be shown. */
  file: string;
  packages: RawPackage[];
}

interface Merged {
  entry: RawPackage;
  file: string;
}

function homepageText(raw: unknown): string | null {
  return normalizeHomepage(raw).value;
}

/** Fills what `into` lacks from `other`; a different non-empty value is kept from `into`, with a warning. */
function mergeInto(into: Merged, other: RawPackage, file: string, warnings: SourceWarning[]): void {
  const name = normalizeText(into.entry.name);
  const kept = normalizeText(into.entry.description);
  const offered = normalizeText(other.description);
  if (kept === '') into.entry.description = other.description;
  else if (offered !== '' && offered !== kept) {
    warnings.push({ item: name, message: `description differs in ${file}; kept the one from ${into.file}` });
  }
  const keptHomepage = homepageText(into.entry.homepage);
  const offeredHomepage = homepageText(other.homepage);
  if (keptHomepage === null) into.entry.homepage = other.homepage;
  else if (offeredHomepage !== null && offeredHomepage !== keptHomepage) {
    warnings.push({ item: name, message: `homepage differs in ${file}; kept the one from ${into.file}` });
  }
  // Like normalization: an extension only when every file says so.
  if (other.isExtension !== true) into.entry.isExtension = false;
  into.entry.versions = [...into.entry.versions, ...other.versions];
}

/**
 * The union of several files' packages by name: versions merged; description and homepage from
 * the first file that has them, with a warning where a later file says otherwise. Repeats inside
 * one file are left to normalization, which reports them as for a single file. The inputs are
 * not modified (they may be cached parse results).
 */
export function mergeFiles(files: FilePackages[]): { packages: RawPackage[]; warnings: SourceWarning[] } {
  if (files.length === 1) return { packages: files[0]!.packages, warnings: [] };
  const warnings: SourceWarning[] = [];
  const packages: RawPackage[] = [];
  const byName = new Map<string, Merged>();
  for (const { file, packages: filePackages } of files) {
    for (const pkg of filePackages) {
      const key = normalizeText(pkg.name);
      const merged = byName.get(key);
      if (merged && merged.file !== file) {
        mergeInto(merged, pkg, file, warnings);
        continue;
      }
      const entry = { ...pkg };
      packages.push(entry);
      if (!merged) byName.set(key, { entry, file });
    }
  }
  return { packages, warnings };
}
