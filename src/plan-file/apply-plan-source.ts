import type { SourceConfig } from '../config/types.js';
import { describeError } from '../errors.js';
import type { CatalogRef } from '../model.js';
import type { Plan } from '../plan/types.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { RunReport } from '../model/run-report.js';
import { DEFAULT_RETRY_POLICY } from '../model/retry-policy.js';
import { applyOperation } from '../sync/apply-operation.js';
import { applyOperations } from '../sync/apply-operations.js';
import { bindRunLogger } from '../sync/bind-run-logger.js';
import { buildRunReport } from '../sync/build-run-report.js';
import { reportRunFinished } from '../sync/report-run-finished.js';
import { resolveCatalog } from '../sync/resolve-catalog.js';
import { createWriteLimiter } from '../sync/create-write-limiter.js';
import type { RunProgress, SyncDeps } from '../sync/types.js';
import { operationsFromPlan } from './operations-from-plan.js';
import { refusedDeletesFromPlan } from './refused-deletes-from-plan.js';
import type { PlanSource } from './types.js';

export interface ApplyPlanOptions {
  runId: string;
  concurrency: number;
  rateLimitPerSecond: number | null;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called with every operation's record once they all ended (the CLI keeps them in the run history). */
  onOperations?: (records: readonly OperationRecord[]) => void;
}

const NO_DRIFT: Plan['versionDrift'] = { packages: [], missingVersions: 0, extraVersions: 0, missingTargets: 0, extraTargets: 0 };

/**
 * Applies one source's part of a checked plan (see findStaleOperations) with the same engine as
 * `sync`, and reports like `sync`. `catalog` is the catalog as found by the check; null when the
 * plan creates it. Never throws for run failures: they are in the report.
 */
export async function applyPlanSource(
  source: SourceConfig,
  plan: PlanSource,
  catalog: CatalogRef | null,
  deps: SyncDeps,
  options: ApplyPlanOptions,
): Promise<RunReport> {
  const startedAt = Date.now();
  const logger = bindRunLogger(deps.logger, source.name, options.runId);
  const operations = operationsFromPlan(plan);
  const planned: Plan = {
    create: [],
    update: [],
    delete: [],
    refusedDelete: refusedDeletesFromPlan(plan),
    unchanged: plan.unchanged,
    versionDrift: NO_DRIFT,
  };
  const finish = (report: RunReport): RunReport => reportRunFinished(report, logger, deps.metrics);
  logger.info({ operations: operations.length }, 'applying a reviewed plan');
  let target = catalog;
  try {
    if (target === null) {
      target = (await resolveCatalog(deps.client, source, { apply: true, signal: options.signal })).catalog!;
      logger.info({ catalog: target.uuid }, 'created the missing catalog');
    }
  } catch (error) {
    logger.error({ error: describeError(error) }, 'run failed before applying');
    return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan: null, operations: [], error }));
  }
  const { client } = deps;
  const { records } = await applyOperations(operations, {
    apply: (op, ctx) => applyOperation(client, op, ctx),
    source: source.name,
    catalog: target,
    concurrency: options.concurrency,
    limiter: createWriteLimiter(options.rateLimitPerSecond),
    policy: DEFAULT_RETRY_POLICY,
    logger,
    metrics: deps.metrics,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  options.onOperations?.(records);
  return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan: planned, operations: records }));
}
