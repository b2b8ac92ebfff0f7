// Wires one replica's share of the pipeline: run state, both processors and their workers.
import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import { createRunId as defaultRunId } from '../sync/create-run-id.js';
import type { ApplyFn } from '../sync/types.js';
import { createOpProcessor } from './create-op-processor.js';
import type { Queues } from './create-queues.js';
import { createRunProcessor, type RunProcessorDeps } from './create-run-processor.js';
import { createRunState, type RunState } from './create-run-state.js';
import { DEFAULT_BATCH_SIZE } from '../config/config-defaults.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../model/retry-policy.js';
import { startWorkers, type WorkerSettings, type Workers } from './start-workers.js';
import type { CheckPlanFn, PrepareFn } from './types.js';

export interface PipelineDeps {
  queues: Queues;
  sources: () => SourceConfig[];
  prepare: PrepareFn;
  apply: ApplyFn;
  checkPlan?: CheckPlanFn;
  logger: Logger;
  metrics?: SyncMetrics;
  settings: WorkerSettings;
  /** Retry policy of every operation (tests shorten the backoff); default DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  /** Operations per batch job (waldur.batch_size). */
  batchSize?: number;
  followUpPollMs?: number;
  createRunId?: (source: string, now: Date) => string;
  onRunFinished?: RunProcessorDeps['onRunFinished'];
}

export interface Pipeline extends RunState {
  workers: Workers;
}

export const DEFAULT_FOLLOW_UP_POLL_MS = 5_000;

export async function startPipeline(deps: PipelineDeps): Promise<Pipeline> {
  const { queues, logger, metrics } = deps;
  const state = createRunState(queues);
  const runProcessor = createRunProcessor({
    sources: deps.sources,
    runs: queues.runs,
    ops: queues.ops,
    ...state,
    prepare: deps.prepare,
    ...(deps.checkPlan ? { checkPlan: deps.checkPlan } : {}),
    createRunId: deps.createRunId ?? defaultRunId,
    logger,
    ...(metrics ? { metrics } : {}),
    redis: queues.redis,
    keys: queues.keys,
    batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE,
    followUpPollMs: deps.followUpPollMs ?? DEFAULT_FOLLOW_UP_POLL_MS,
    ...(deps.onRunFinished ? { onRunFinished: deps.onRunFinished } : {}),
  });
  const opProcessor = createOpProcessor({
    apply: deps.apply,
    redis: queues.redis,
    keys: queues.keys,
    logger,
    metrics,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
    concurrency: deps.settings.writeConcurrency,
    rateLimitPerSecond: deps.settings.rateLimitPerSecond,
  });
  const workers = await startWorkers({ queues, runProcessor, opProcessor, settings: deps.settings, logger });
  return { ...state, workers };
}
