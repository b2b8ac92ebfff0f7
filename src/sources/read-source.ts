import type { SourceConfig, SourceKind } from '../config/types.js';
import { SourceError } from '../errors.js';
import type { DesiredCatalog } from '../model.js';
import { describeLocation } from './describe-location.js';
import type { ReadContext } from './load-document.js';
import { normalizeCatalog } from './normalize-catalog.js';
import { readEessi } from './read-eessi.js';
import { readManifest } from './read-manifest.js';
import { readSpackEnv } from './read-spack-env.js';
import { readSpackIndex } from './read-spack-index.js';
import type { Reader } from './reader-result.js';
import type { ReadSourceDeps } from './types.js';

const READERS: Record<SourceKind, Reader> = {
  eessi: readEessi,
  'spack-index': readSpackIndex,
  'spack-env': readSpackEnv,
  manifest: readManifest,
};

const EXAMPLES_LOGGED = 5;

/**
 * Reads one source's upstream into the DesiredCatalog model: fetched or read, parsed by its
 * kind, normalized, sorted. Throws SourceError (naming source and location) when upstream cannot
 * be fetched or parsed, and Aborted when deps.signal fires; never returns a partial catalog.
 */
export async function readSource(source: SourceConfig, deps: ReadSourceDeps): Promise<DesiredCatalog> {
  const reader = Object.hasOwn(READERS, source.kind) ? READERS[source.kind] : undefined;
  if (!reader) {
    throw new SourceError(`source ${source.name}: unknown kind ${JSON.stringify(source.kind)}`, source.name, describeLocation(source.location));
  }
  const ctx: ReadContext = { source, logger: deps.logger, cache: deps.cache, signal: deps.signal, baseDir: deps.baseDir };
  const started = performance.now();
  const result = await reader(ctx);
  const catalog = normalizeCatalog(result.packages, result.warnings);
  const fetch = {
    bytes: result.documents.reduce((sum, d) => sum + d.bytes, 0),
    notModified: result.documents.every((d) => d.notModified),
  };
  deps.metrics?.observeFetch(source.name, fetch);
  deps.logger.info(
    {
      kind: source.kind,
      packages: catalog.packages.length,
      warnings: catalog.warnings.length,
      itemErrors: catalog.itemErrors.length,
      bytes: fetch.bytes,
      notModified: fetch.notModified,
      durationMs: Math.round(performance.now() - started),
    },
    'upstream read',
  );
  if (catalog.warnings.length > 0) {
    deps.logger.warn({ count: catalog.warnings.length, examples: catalog.warnings.slice(0, EXAMPLES_LOGGED) }, 'upstream warnings');
  }
  if (catalog.itemErrors.length > 0) {
    deps.logger.warn({ count: catalog.itemErrors.length, examples: catalog.itemErrors.slice(0, EXAMPLES_LOGGED) }, 'upstream items skipped');
  }
  return { ...catalog, fetch };
}
