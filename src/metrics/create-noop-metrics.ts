import type { SyncMetrics } from './types.js';

/** Metrics that record nothing: for callers (one-off CLI runs, tests) that export no metrics. */
export function createNoopMetrics(): SyncMetrics {
  const ignore = (): void => undefined;
  return {
    observeRequest: ignore,
    observeFetch: ignore,
    observePlan: ignore,
    observeOperation: ignore,
    observeRun: ignore,
    observeQueue: ignore,
  };
}
