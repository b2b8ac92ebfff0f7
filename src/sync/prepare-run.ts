import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { ActualPackage, CatalogRef, SourceWarning } from '../model.js';
import { planCatalog } from '../plan/plan-catalog.js';
import type { RefusedDelete } from '../plan/types.js';
import { fingerprintCatalog } from '../sources/fingerprint-catalog.js';
import { readSource } from '../sources/read-source.js';
import { bindRunLogger } from './bind-run-logger.js';
import { countPlan } from './count-plan.js';
import { listCatalogPackages } from './list-catalog-packages.js';
import { catalogKeyOf, resolveCatalog } from './resolve-catalog.js';
import { throwIfAborted } from './throw-if-aborted.js';
import type { PreparedRun, PrepareStage, RunToApply, SyncDeps } from './types.js';

export type { SyncDeps };

export interface PrepareRunOptions {
  runId: string;
  force: boolean;
  /** false: plan only, never write (a missing catalog is shown as a creation). */
  apply: boolean;
  /** Keep what a saved or held plan records: the upstream's fingerprint and the packages it touches. */
  review?: boolean;
  signal?: AbortSignal;
  /** Called as the run moves through reading, listing (per page) and planning. */
  onStage?: (stage: PrepareStage) => void;
}

/** The catalog as Waldur holds it now: found by its key, and its packages (none if it is missing). */
async function readCatalogAsIs(
  deps: SyncDeps,
  source: SourceConfig,
  options: { logger: Logger; signal: AbortSignal; onPage: (page: { received: number; total: number | null }) => void },
): Promise<{ catalog: CatalogRef | null; packages: ActualPackage[] }> {
  const catalog = await deps.client.findCatalog(catalogKeyOf(source), { signal: options.signal });
  return { catalog, packages: catalog ? await listCatalogPackages(deps.client, catalog, options) : [] };
}

function describeWarning(w: SourceWarning): string {
  return w.item ? `${w.item}: ${w.message}` : w.message;
}

/**
 * Everything before the first write: read upstream, resolve the catalog, list its packages and
 * plan. An upstream that fails to read throws here, so it can never lead to deletes.
 */
export async function prepareRun(source: SourceConfig, deps: SyncDeps, options: PrepareRunOptions & { apply: true }): Promise<RunToApply>;
export async function prepareRun(source: SourceConfig, deps: SyncDeps, options: PrepareRunOptions): Promise<PreparedRun>;
export async function prepareRun(source: SourceConfig, deps: SyncDeps, options: PrepareRunOptions): Promise<PreparedRun> {
  const logger = bindRunLogger(deps.logger, source.name, options.runId);
  const { signal, onStage } = options;
  throwIfAborted(signal);

  onStage?.({ stage: 'reading' });
  // Upstream and Waldur are read at the same time, so neither waits on the other's round trips.
  // Nothing is written before the upstream has been read whole: a missing catalog is created
  // after that, and a failed read abandons the listing.
  let listing: { received: number; total: number | null } | null = null;
  let read = false;
  const onPage = (page: { received: number; total: number | null }): void => {
    listing = page;
    if (read) onStage?.({ stage: 'listing', ...page });
  };
  const abandon = new AbortController();
  const waldurSignal = signal ? AbortSignal.any([signal, abandon.signal]) : abandon.signal;
  const waldurSide = readCatalogAsIs(deps, source, { logger, signal: waldurSignal, onPage });
  waldurSide.catch(() => undefined); // awaited below, unless the read fails first
  let desired: Awaited<ReturnType<typeof readSource>>;
  try {
    desired = await readSource(source, { logger, cache: deps.upstreamCache, metrics: deps.metrics, signal });
    throwIfAborted(signal);
  } catch (err) {
    abandon.abort();
    throw err;
  }
  read = true;
  // readSource has logged them; the run keeps them for whoever shows the result.
  const warnings = [...desired.itemErrors, ...desired.warnings].map(describeWarning);
  onStage?.({ stage: 'listing', ...(listing ?? { received: 0, total: null }) });
  const asIs = await waldurSide;
  const { catalog, created } = await resolveCatalog(deps.client, source, { apply: options.apply, signal, found: asIs.catalog });
  if (created) logger.info({ catalog: catalog?.uuid }, 'created the missing catalog');
  // Listed already while reading, unless the catalog turned up only now: one just created is
  // empty, one a racing replica created is listed here.
  let actual = asIs.packages;
  if (catalog !== asIs.catalog) actual = catalog && !created ? await listCatalogPackages(deps.client, catalog, { logger, signal, onPage }) : [];
  throwIfAborted(signal);
  onStage?.({ stage: 'planning' });

  const plan = planCatalog({
    desired: desired.packages,
    actual,
    policy: { prune: source.prune, protect: source.protect, force: options.force },
    skippedNames: desired.skippedNames,
  });
  deps.metrics?.observePlan(source.name, countPlan(plan));
  logger.info(
    {
      desired: desired.packages.length,
      actual: actual.length,
      create: plan.create.length,
      update: plan.update.length,
      delete: plan.delete.length,
      refused_delete: plan.refusedDelete.length,
      unchanged: plan.unchanged,
    },
    'planned',
  );
  for (const refused of plan.refusedDelete) {
    if (refused.code !== 'protected') {
      logger.warn({ refused: plan.refusedDelete.length, reason: refused.reason }, 'deletes refused');
      break;
    }
  }
  let review: PreparedRun['review'];
  if (options.review) {
    const touched = new Set([...plan.update, ...plan.delete].map((op) => op.uuid));
    review = {
      upstreamSha256: fingerprintCatalog(desired),
      upstreamPackages: desired.packages.length,
      touched: actual.filter((pkg) => touched.has(pkg.uuid)),
    };
  }
  return {
    source: source.name,
    catalog,
    catalogKey: {
      name: source.catalog.name,
      version: source.catalog.version,
      type: source.catalog.type,
      willCreate: catalog === null,
    },
    plan,
    desiredCount: desired.packages.length,
    warnings,
    catalogCreated: created,
    ...(review ? { review } : {}),
  };
}
