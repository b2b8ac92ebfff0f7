// The sync-side services a daemon replica needs: one Waldur client, the upstream cache, metrics,
// and the two functions the workers call (the same ones the in-process `sync` command uses).
import type { Config } from '../config/types.js';
import type { CheckPlanFn, PrepareFn } from '../jobs/types.js';
import type { ApplyFn } from '../sync/types.js';
import type { Logger } from '../log/create-logger.js';
import { createMetrics, type Metrics } from '../metrics/create-metrics.js';
import { createUpstreamCache } from '../sources/create-upstream-cache.js';
import { findStaleOperations } from '../plan-file/find-stale-operations.js';
import { readCatalogNow } from '../plan-file/read-catalog-now.js';
import { applyOperation } from '../sync/apply-operation.js';
import { prepareRun } from '../sync/prepare-run.js';
import { clientOptionsFromConfig } from '../waldur/client-options-from-config.js';
import { createWaldurClient } from '../waldur/create-waldur-client.js';
import type { WaldurClient } from '../waldur/types.js';

export interface DaemonServices {
  prepare: PrepareFn;
  apply: ApplyFn;
  checkPlan: CheckPlanFn;
  metrics: Metrics;
  /** A reloaded Waldur token: every request from now on sends it (running ones finish with the old). */
  setToken(token: string): void;
  close(): Promise<void>;
}

export function createDaemonServices(config: Config, logger: Logger): DaemonServices {
  const metrics = createMetrics({ defaultMetrics: true });
  // A function, so a reloaded token (SIGHUP, a changed token file) applies to the next request.
  let token = config.waldur.token;
  const client = createWaldurClient({
    ...clientOptionsFromConfig(config.waldur, { logger, onRequest: (info) => metrics.observeRequest(info) }),
    token: () => token,
  });
  const upstreamCache = createUpstreamCache();
  // One view per batch logger, not one per operation.
  const views = new WeakMap<Logger, WaldurClient>();
  const clientFor = (runLogger: Logger): WaldurClient => {
    let view = views.get(runLogger);
    if (!view) views.set(runLogger, (view = client.withLogger(runLogger)));
    return view;
  };
  return {
    metrics,
    // Only a run requested with force (trigger --force, the API) lifts max_delete.
    prepare: (source, { runId, logger: runLogger, force, review, signal }) =>
      prepareRun(source, { client: client.withLogger(runLogger), logger: runLogger, upstreamCache, metrics }, {
        runId,
        force,
        ...(review ? { review } : {}),
        apply: true,
        ...(signal ? { signal } : {}),
      }),
    // Request lines of an operation carry its source and run, like every other line of a run.
    apply: (op, ctx) => applyOperation(ctx.logger ? clientFor(ctx.logger) : client, op, ctx),
    checkPlan: async (plan, { logger: runLogger, signal }) => {
      const now = await readCatalogNow(clientFor(runLogger), plan, { logger: runLogger, ...(signal ? { signal } : {}) });
      return { catalog: now.catalog, stale: findStaleOperations(plan, now) };
    },
    setToken: (next) => {
      token = next;
    },
    close: () => client.close(),
  };
}
