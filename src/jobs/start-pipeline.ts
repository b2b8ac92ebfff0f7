// Wires one replica's share of the pipeline: run state, both processors and their workers.
import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import { createRunId as defaultRunId } from '../sync/create-run-id.js';
import { createOpProcessor, type ApplyFn } from './create-op-processor.js';
import type { Queues } from './create-queues.js';
import { createRunProcessor, type RunProcessorDeps } from './create-run-processor.js';
import { createRunState, type RunState } from './create-run-state.js';
import { DEFAULT_OP_RETRY, type OpRetryPolicy } from './enqueue-operations.js';
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
  opRetry?: OpRetryPolicy;
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
    opRetry: deps.opRetry ?? DEFAULT_OP_RETRY,
    followUpPollMs: deps.followUpPollMs ?? DEFAULT_FOLLOW_UP_POLL_MS,
    ...(deps.onRunFinished ? { onRunFinished: deps.onRunFinished } : {}),
  });
  const maxRateLimitWaits = deps.opRetry?.maxRateLimitWaits;
  const opProcessor = createOpProcessor({
    apply: deps.apply,
    ops: queues.ops,
    logger,
    ...(metrics ? { metrics } : {}),
    ...(maxRateLimitWaits !== undefined ? { maxRateLimitWaits } : {}),
  });
  const workers = await startWorkers({ queues, runProcessor, opProcessor, settings: deps.settings, logger });
  return { ...state, workers };
}
