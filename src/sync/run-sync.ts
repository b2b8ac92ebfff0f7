import type { SourceConfig } from '../config/types.js';
import { describeError } from '../errors.js';
import { applyOperations } from './apply-operations.js';
import { DEFAULT_APPLY_RETRY, type ApplyRetryPolicy } from './apply-with-retries.js';
import { bindRunLogger } from './bind-run-logger.js';
import { buildRunReport } from './build-run-report.js';
import { prepareRun } from './prepare-run.js';
import type { PrepareStage, RunProgress, RunReport, SyncDeps } from './types.js';

export interface RunSyncOptions {
  runId: string;
  force: boolean;
  /** Operations in flight at once. */
  concurrency: number;
  /** Write attempts per second across all workers; null = unlimited. */
  rateLimitPerSecond: number | null;
  /** Attempts per operation for transient failures. */
  maxAttempts: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onStage?: (stage: PrepareStage) => void;
  /** Backoff tuning (tests shorten it); defaults to DEFAULT_APPLY_RETRY. */
  retry?: Partial<Omit<ApplyRetryPolicy, 'maxAttempts'>>;
}

/**
 * One complete sync run in-process (the `sync` command): prepare (creating a missing catalog
 * when configured), apply every operation, report. Never throws for run failures: they are in
 * the report's status and errors.
 */
export async function runSync(source: SourceConfig, deps: SyncDeps, options: RunSyncOptions): Promise<RunReport> {
  const startedAt = Date.now();
  const logger = bindRunLogger(deps.logger, source.name, options.runId);
  const finish = (report: RunReport): RunReport => {
    // source and run are bound to the logger already.
    const { errors, source: _source, run: _run, ...counts } = report;
    const log = report.status === 'succeeded' ? logger.info.bind(logger) : logger.warn.bind(logger);
    log({ ...counts, first_errors: errors.slice(0, 3) }, 'run finished');
    deps.metrics?.observeRun(report);
    return report;
  };
  logger.info({ force: options.force }, 'run started');

  let prepared;
  try {
    prepared = await prepareRun(source, { ...deps, logger }, { runId: options.runId, force: options.force, apply: true, signal: options.signal, onStage: options.onStage });
  } catch (error) {
    logger.error({ error: describeError(error) }, 'run failed before applying');
    return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan: null, operations: [], error }));
  }
  const { plan, catalog } = prepared;
  if (catalog === null) throw new Error('prepareRun(apply) returned no catalog'); // cannot happen: apply creates it
  const operations = [...plan.create, ...plan.update, ...plan.delete];
  const records = await applyOperations(deps.client, operations, {
    catalog,
    concurrency: options.concurrency,
    rateLimitPerSecond: options.rateLimitPerSecond,
    policy: { ...DEFAULT_APPLY_RETRY, ...options.retry, maxAttempts: options.maxAttempts },
    logger,
    metrics: deps.metrics,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan, operations: records }));
}
