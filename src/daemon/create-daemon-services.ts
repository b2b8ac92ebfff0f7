// The sync-side services a daemon replica needs: one Waldur client, the upstream cache, metrics,
// and the two functions the workers call (the same ones the in-process `sync` command uses).
import type { Config } from '../config/types.js';
import type { ApplyFn } from '../jobs/create-op-processor.js';
import type { PrepareFn } from '../jobs/types.js';
import type { Logger } from '../log/create-logger.js';
import { createMetrics, type Metrics } from '../metrics/create-metrics.js';
import { createUpstreamCache } from '../sources/create-upstream-cache.js';
import { applyOperation } from '../sync/apply-operation.js';
import { prepareRun } from '../sync/prepare-run.js';
import { createWaldurClient } from '../waldur/create-waldur-client.js';

export interface DaemonServices {
  prepare: PrepareFn;
  apply: ApplyFn;
  metrics: Metrics;
  /** A reloaded Waldur token: every request from now on sends it (running ones finish with the old). */
  setToken(token: string): void;
  close(): Promise<void>;
}

export function createDaemonServices(config: Config, logger: Logger): DaemonServices {
  const metrics = createMetrics({ defaultMetrics: true });
  let token = config.waldur.token;
  const client = createWaldurClient({
    url: config.waldur.url,
    token: () => token,
    timeouts: { headersMs: config.waldur.timeoutMs, bodyMs: config.waldur.timeoutMs },
    connections: config.waldur.concurrency + 2,
    proxy: config.waldur.proxy,
    logger,
    onRequest: (info) => metrics.observeRequest(info),
  });
  const upstreamCache = createUpstreamCache();
  return {
    metrics,
    // Scheduled and triggered runs never force deletes past the configured limit.
    prepare: (source, { runId, logger: runLogger, signal }) =>
      prepareRun(source, { client: client.withLogger(runLogger), logger: runLogger, upstreamCache, metrics }, {
        runId,
        force: false,
        apply: true,
        ...(signal ? { signal } : {}),
      }),
    // Request lines of an operation carry its source and run, like every other line of a run.
    apply: (op, ctx) => applyOperation(ctx.logger ? client.withLogger(ctx.logger) : client, op, ctx),
    setToken: (next) => {
      token = next;
    },
    close: () => client.close(),
  };
}
