import type { SourceConfig } from '../config/types.js';
import { describeError } from '../errors.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { RunReport } from '../model/run-report.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../model/retry-policy.js';
import { applyOperation } from './apply-operation.js';
import { applyOperations } from './apply-operations.js';
import { bindRunLogger } from './bind-run-logger.js';
import { buildRunReport } from './build-run-report.js';
import { createWriteLimiter } from './create-write-limiter.js';
import { prepareRun } from './prepare-run.js';
import { reportRunFinished } from './report-run-finished.js';
import type { PrepareStage, RunProgress, RunToApply, SyncDeps } from './types.js';

export interface RunSyncOptions {
  runId: string;
  force: boolean;
  /** Operations in flight at once. */
  concurrency: number;
  /** Write attempts per second across all workers; null = unlimited. */
  rateLimitPerSecond: number | null;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onStage?: (stage: PrepareStage) => void;
  /** Called with every operation's record once they all ended (the CLI keeps them in the run history). */
  onOperations?: (records: readonly OperationRecord[]) => void;
  /** Backoff tuning (tests shorten it); defaults to DEFAULT_RETRY_POLICY, as the queue uses. */
  retry?: Partial<RetryPolicy>;
}

/**
 * One complete sync run in-process (the `sync` command): prepare (creating a missing catalog
 * when configured), apply every operation with the one apply engine, report. Never throws for
 * run failures: they are in the report's status and errors.
 */
export async function runSync(source: SourceConfig, deps: SyncDeps, options: RunSyncOptions): Promise<RunReport> {
  const startedAt = Date.now();
  const logger = bindRunLogger(deps.logger, source.name, options.runId);
  const finish = (report: RunReport): RunReport => reportRunFinished(report, logger, deps.metrics);
  logger.info({ force: options.force }, 'run started');

  let prepared: RunToApply;
  try {
    prepared = await prepareRun(source, { ...deps, logger }, { runId: options.runId, force: options.force, apply: true, signal: options.signal, onStage: options.onStage });
  } catch (error) {
    logger.error({ error: describeError(error) }, 'run failed before applying');
    return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan: null, operations: [], error }));
  }
  const { plan, catalog } = prepared;
  const { client } = deps;
  const { records } = await applyOperations([...plan.create, ...plan.update, ...plan.delete], {
    apply: (op, ctx) => applyOperation(client, op, ctx),
    source: source.name,
    catalog,
    concurrency: options.concurrency,
    limiter: createWriteLimiter(options.rateLimitPerSecond),
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    logger,
    metrics: deps.metrics,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  options.onOperations?.(records);
  return finish(buildRunReport({ source: source.name, runId: options.runId, startedAt, finishedAt: Date.now(), plan, operations: records }));
}
