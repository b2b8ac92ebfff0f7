import type { EnrichConfig, Locations, SourceConfig, SourceKind } from '../config/types.js';
import { SourceError } from '../errors.js';
import { describeLocation } from './describe-location.js';
import { enrichPackages } from './enrich-packages.js';
import { expandLocations } from './expand-locations.js';
import type { ReadContext } from './load-document.js';
import { normalizeCatalog } from './normalize-catalog.js';
import type { Reader, ReaderResult } from './reader-result.js';
import type { EnrichReport, ReadSourceDeps, SourceCatalog } from './types.js';

// Each kind's reader (its schemas, its YAML or Spack parsing) is loaded when a source of that
// kind is first read: a command pays only for the kinds its sources use.
const READERS: Record<SourceKind, () => Promise<Reader>> = {
  eessi: async () => (await import('./read-eessi.js')).readEessi,
  'spack-index': async () => (await import('./read-spack-index.js')).readSpackIndex,
  'spack-env': async () => (await import('./read-spack-env.js')).readSpackEnv,
  manifest: async () => (await import('./read-manifest.js')).readManifest,
  lmod: async () => (await import('./read-lmod.js')).readLmod,
  easystack: async () => (await import('./read-easystack.js')).readEasystack,
  'spack-yaml': async () => (await import('./read-spack-yaml.js')).readSpackYaml,
};

const EXAMPLES_LOGGED = 5;

async function readKind(ctx: ReadContext, kind: SourceKind, location: Locations): Promise<ReaderResult> {
  const load = Object.hasOwn(READERS, kind) ? READERS[kind] : undefined;
  if (!load) {
    throw new SourceError(`source ${ctx.source.name}: unknown kind ${JSON.stringify(kind)}`, ctx.source.name, describeLocation(location));
  }
  const reader = await load();
  return reader(ctx, await expandLocations(ctx, location));
}

/** A companion is read like a source of its kind: same name in errors, same fetch limits. */
function companionContext(ctx: ReadContext, companion: EnrichConfig): ReadContext {
  const source: SourceConfig = { ...ctx.source, kind: companion.kind, location: companion.location, options: companion.options, enrich: [] };
  return { ...ctx, source };
}

/**
 * Reads one source's upstream into the DesiredCatalog model: every file fetched or read, parsed
 * by its kind, united by name, normalized, sorted, then completed from its `enrich` companions.
 * Throws SourceError (naming source and location) when any file or companion cannot be fetched
 * or parsed, and Aborted when deps.signal fires; never returns a partial catalog.
 */
export async function readSource(source: SourceConfig, deps: ReadSourceDeps): Promise<SourceCatalog> {
  const ctx: ReadContext = { source, logger: deps.logger, cache: deps.cache, signal: deps.signal, baseDir: deps.baseDir };
  const started = performance.now();
  const result = await readKind(ctx, source.kind, source.location);
  const companions: Array<{ config: EnrichConfig; read: ReaderResult }> = [];
  for (const config of source.enrich ?? []) {
    companions.push({ config, read: await readKind(companionContext(ctx, config), config.kind, config.location) });
  }
  const catalog = normalizeCatalog(result.packages, result.warnings);
  let packages = catalog.packages;
  const enrichment: EnrichReport[] = [];
  if (companions.length > 0) {
    const catalogs = companions.map((c) => normalizeCatalog(c.read.packages).packages);
    const enriched = enrichPackages(packages, catalogs);
    packages = enriched.packages;
    companions.forEach((c, i) => {
      enrichment.push({
        kind: c.config.kind,
        location: describeLocation(c.config.location),
        files: c.read.files.length,
        packages: catalogs[i]!.length,
        ...enriched.filled[i]!,
      });
    });
    if (enriched.unmatched > 0) {
      catalog.warnings.push({ message: `${enriched.unmatched} package(s) are in none of the enrich catalogs (matched by exact name)` });
    }
  }
  const everyFile = [...result.files, ...companions.flatMap((c) => c.read.files)];
  const fetch = {
    bytes: everyFile.reduce((sum, f) => sum + f.bytes, 0),
    notModified: everyFile.every((f) => f.notModified),
  };
  const itemErrors = [...result.itemErrors, ...catalog.itemErrors];
  deps.metrics?.observeFetch(source.name, fetch);
  deps.logger.info(
    {
      kind: source.kind,
      files: result.files.length,
      companions: companions.length,
      packages: packages.length,
      warnings: catalog.warnings.length,
      item_errors: itemErrors.length,
      bytes: fetch.bytes,
      not_modified: fetch.notModified,
      duration_ms: Math.round(performance.now() - started),
    },
    'upstream read',
  );
  if (catalog.warnings.length > 0) {
    deps.logger.warn({ count: catalog.warnings.length, examples: catalog.warnings.slice(0, EXAMPLES_LOGGED) }, 'upstream warnings');
  }
  if (itemErrors.length > 0) {
    deps.logger.warn({ count: itemErrors.length, examples: itemErrors.slice(0, EXAMPLES_LOGGED) }, 'upstream items skipped');
  }
  return { packages, warnings: catalog.warnings, itemErrors, skippedNames: catalog.skippedNames, fetch, files: result.files, enrichment };
}
