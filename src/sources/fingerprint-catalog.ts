import { createHash } from 'node:crypto';
import type { DesiredCatalog } from '../model.js';

/**
 * sha256 (hex) of an upstream catalog as read: its packages after normalization, in name order,
 * and the names it skipped. Two reads that would plan the same give the same fingerprint, however
 * the files were formatted, so a saved plan can say which upstream it was computed from.
 */
export function fingerprintCatalog(catalog: Pick<DesiredCatalog, 'packages' | 'skippedNames'>): string {
  const hash = createHash('sha256');
  // One package per update: a 100,000-package catalog is never one giant string.
  for (const pkg of catalog.packages) hash.update(`${JSON.stringify(pkg)}\n`);
  hash.update(JSON.stringify(catalog.skippedNames ?? []));
  return hash.digest('hex');
}
