// One daemon replica: HTTP probes first (so a replica waiting for Redis reports "not ready"
// rather than nothing), then workers, then schedules. Stopping runs in the reverse order within
// the shutdown deadline.
import { listChangedKeys } from '../config/list-changed-keys.js';
import type { Config } from '../config/types.js';
import { summarizePendingPlan } from '../jobs/create-pending-plans.js';
import { createPlanStore } from '../jobs/create-plan-store.js';
import { createQueues, type Queues } from '../jobs/create-queues.js';
import { enqueueRun } from '../jobs/enqueue-run.js';
import { nameReplica } from '../jobs/name-replica.js';
import { startNotifier, type Notifier } from '../jobs/start-notifier.js';
import { startPipeline, type Pipeline } from '../jobs/start-pipeline.js';
import { startSchedules, type Schedules } from '../jobs/start-schedules.js';
import { RUNS_QUEUE, OPS_QUEUE } from '../jobs/types.js';
import type { Logger } from '../log/create-logger.js';
import { settleWithin } from '../settle-within.js';
import { createDaemonServices, type DaemonServices } from './create-daemon-services.js';
import { createDaemonRoutes } from './http/create-daemon-routes.js';
import { startHealthServer, type HealthServer, type Readiness } from './start-health-server.js';

export interface DaemonOptions {
  /** SIGTERM to exit: running jobs finish or are handed back within it. */
  shutdownTimeoutMs: number;
  /** How long a job stays claimed by a replica that stopped renewing it (a crashed one). */
  lockDurationMs: number;
  followUpPollMs?: number;
  /** Retries and timeouts of webhook deliveries (tests shorten them). */
  notifier?: Parameters<typeof startNotifier>[0]['settings'];
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
export const DEFAULT_LOCK_DURATION_MS = 30_000;
const PROBE_TIMEOUT_MS = 1_000;

export interface Daemon {
  /** Base URL of the HTTP server. */
  url: string;
  queues: Queues;
  readiness(): Promise<Readiness>;
  /**
   * Applies a reloaded config: the Waldur token, the API token (when the API is on) and the
   * webhook secret change at once; every other changed key is returned in `restart`, unapplied.
   */
  reload(next: Config): { reloaded: string[]; restart: string[] };
  /** Stops in order within the shutdown deadline; true when every job finished or was handed back. */
  stop(): Promise<boolean>;
}

export async function startDaemon(input: {
  config: Config;
  logger: Logger;
  options: DaemonOptions;
  services?: DaemonServices;
}): Promise<Daemon> {
  const { config, options } = input;
  // Every daemon line names its replica (the daemon command binds it at the root already).
  const logger = input.logger.bindings().replica === undefined ? input.logger.child({ replica: nameReplica() }) : input.logger;
  const services = input.services ?? createDaemonServices(config, logger);
  // The HTTP routes read the secrets from here at each request; reload() replaces them.
  const server = { ...config.server };
  let running: Config = config;
  const queues = createQueues({ ...config.redis, mode: 'daemon', logger });
  let pipeline: Pipeline | null = null;
  let notifier: Notifier | null = null;
  let schedules: Schedules | null = null;
  let http: HealthServer | null = null;
  let stopping: Promise<boolean> | null = null;

  const readiness = async (): Promise<Readiness> => {
    const redis =
      queues.redis.status === 'ready' &&
      (await settleWithin(queues.redis.ping().then((reply) => reply === 'PONG'), PROBE_TIMEOUT_MS, false));
    const workers = pipeline !== null && pipeline.workers.isRunning();
    const accepting = stopping === null;
    return { ready: redis && workers && accepting, checks: { redis, workers, accepting } };
  };

  const plans = createPlanStore({ redis: queues.redis, keys: queues.keys });
  const metrics = async () => {
    // Queue, plan and approval gauges are sampled from Redis at scrape time, so every replica
    // shows the same values; a scrape while Redis is away still answers, with the last values sampled.
    const samples: Array<Promise<unknown>> = [queues.runs, queues.ops].map(async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'waiting-children', 'prioritized', 'completed', 'failed');
      services.metrics.observeQueue(queue.name, counts);
    });
    samples.push(
      plans.read(config.sources.map((source) => source.name)).then((last) => {
        services.metrics.publishPlans(new Map([...last].map(([source, plan]) => [source, plan.counts])));
      }),
      ...config.sources.map(async (source) => {
        const pending = pipeline ? await pipeline.pending.get(source.name) : null;
        services.metrics.observePendingApproval(source.name, pending ? summarizePendingPlan(pending) : null);
      }),
    );
    await settleWithin(Promise.all(samples), PROBE_TIMEOUT_MS, []);
    return { contentType: services.metrics.contentType, body: await services.metrics.render() };
  };

  const stop = (): Promise<boolean> => {
    stopping ??= (async () => {
      const deadline = Date.now() + options.shutdownTimeoutMs;
      // Keep a little of the deadline for closing connections after the workers.
      const reserve = Math.min(2_000, options.shutdownTimeoutMs * 0.2);
      logger.info({ deadline_ms: options.shutdownTimeoutMs }, 'daemon stopping');
      await schedules?.stop();
      const clean = pipeline ? await pipeline.workers.close(deadline - reserve - Date.now()) : true;
      await settleWithin(notifier?.close() ?? Promise.resolve(), deadline - reserve - Date.now(), undefined);
      await settleWithin(queues.close(), deadline - Date.now(), undefined);
      await settleWithin(services.close(), deadline - Date.now(), undefined);
      await http?.close();
      logger.info({ clean }, clean ? 'daemon stopped' : 'daemon stopped; unfinished jobs return to the queue');
      return clean;
    })();
    return stopping;
  };

  try {
    http = await startHealthServer({
      host: config.server.host,
      port: config.server.port,
      readiness,
      metrics,
      routes: createDaemonRoutes({ config: { ...config, server }, queues, logger }),
    });
    const sources = () => config.sources;
    notifier = await startNotifier({
      queues,
      targets: config.notifications,
      logger,
      metrics: services.metrics,
      ...(options.notifier ? { settings: options.notifier } : {}),
    });
    pipeline = await startPipeline({
      queues,
      sources,
      prepare: services.prepare,
      apply: services.apply,
      checkPlan: services.checkPlan,
      logger,
      metrics: services.metrics,
      settings: {
        writeConcurrency: config.waldur.concurrency,
        rateLimitPerSecond: config.waldur.rateLimitPerSecond,
        runConcurrency: Math.min(4, Math.max(1, config.sources.length)),
        lockDurationMs: options.lockDurationMs,
        stalledIntervalMs: options.lockDurationMs,
      },
      batchSize: config.waldur.batchSize,
      ...(options.followUpPollMs ? { followUpPollMs: options.followUpPollMs } : {}),
      onRunFinished: notifier.onRunFinished,
    });
    for (const source of config.sources) {
      const last = await pipeline.reports.lastSuccess(source.name);
      if (last !== null) services.metrics.observeLastSuccess(source.name, last);
    }
    schedules = await startSchedules({
      sources: config.sources,
      redis: queues.redis,
      keys: queues.keys,
      reports: pipeline.reports,
      requestRun: (request) => enqueueRun(queues.runs, request),
      logger,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  logger.info(
    {
      url: http.url,
      queues: [`${config.redis.prefix}:${RUNS_QUEUE}`, `${config.redis.prefix}:${OPS_QUEUE}`],
      sources: config.sources.map((s) => ({ name: s.name, schedule: s.schedule ?? 'on demand' })),
      api: config.server.apiToken !== null,
      status_page: config.server.ui,
      notifications: config.notifications.length,
    },
    'daemon started',
  );
  const reload = (next: Config): { reloaded: string[]; restart: string[] } => {
    const reloaded: string[] = [];
    const restart: string[] = [];
    for (const key of listChangedKeys(running, next)) {
      if (key === 'waldur.token') services.setToken(next.waldur.token);
      else if (key === 'server.webhook_secret') server.webhookSecret = next.server.webhookSecret;
      // Turning the API on or off changes the routes: that needs a restart.
      else if (key === 'server.api_token' && server.apiToken !== null && next.server.apiToken !== null) server.apiToken = next.server.apiToken;
      else {
        restart.push(key);
        continue;
      }
      reloaded.push(key);
    }
    running = { ...running, waldur: { ...running.waldur, token: next.waldur.token }, server: { ...server } };
    return { reloaded, restart };
  };
  return { url: http.url, queues, readiness, reload, stop };
}
