// Prometheus metrics of a process (daemon or CLI), on a registry of their own so that tests and
// embedding applications never collide with prom-client's global registry.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PlanCounts, SyncMetrics } from './types.js';
import { readPackageVersion } from '../read-package-version.js';
import { statusClass } from './status-class.js';

export interface Metrics extends SyncMetrics {
  registry: Registry;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  /** The Content-Type header to answer GET /metrics with. */
  contentType: string;
  /**
   * Sets the last success of a source from the run history in Redis (at daemon start and when
   * sampling status), so a restarted replica still exports it and "no success for N hours"
   * alerts keep working across restarts.
   */
  observeLastSuccess(source: string, finishedAtMs: number): void;
  /** One notification after its last attempt: delivered, or failed (retries spent or refused). */
  observeNotification(event: string, result: 'delivered' | 'failed'): void;
  /** The operations of the source's plan waiting for approval (null: none), sampled from Redis. */
  observePendingApproval(source: string, pending: { create: number; update: number; delete: number } | null): void;
  /**
   * Replaces every plan gauge with the last plans kept in Redis (at scrape time), so all
   * replicas export the same values whichever of them planned, and sources without a plan (or
   * gone from the config) export none.
   */
  publishPlans(plans: ReadonlyMap<string, PlanCounts>): void;
}

export interface MetricsOptions {
  /** Registry to register on (default: a new one). */
  registry?: Registry;
  /** Name prefix of our own metrics (default `catalog_sync_`). */
  prefix?: string;
  /** Also collect prom-client's process metrics (CPU, memory, event loop), unprefixed as usual. */
  defaultMetrics?: boolean;
  /** Labels of `build_info` (default: the package.json version and this Node.js, e.g. v20.20.0). */
  buildInfo?: { version: string; node: string };
}

// Runs last from well under a second (a no-op resync) to hours (a first load of a large catalog).
const RUN_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];
// Single API requests: list pages of 300 packages can take seconds on a busy Waldur.
const REQUEST_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// RefusedDeleteCode values; every plan writes all of them so a reason that went away drops to 0.
const REFUSAL_REASONS = ['protected', 'empty_upstream', 'over_limit'];

/** Counters reject negative or non-numeric increments by throwing; metrics must never break a run. */
function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = options.registry ?? new Registry();
  const p = options.prefix ?? 'catalog_sync_';
  const registers = [registry];
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });

  // Each metric in one line: the name without prefix, its help text and its label names.
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name: `${p}${name}`, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name: `${p}${name}`, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name: `${p}${name}`, help, labelNames, buckets, registers });

  const runs = counter('runs_total', 'Finished sync runs by source and final status (succeeded, partial, failed, refused).', ['source', 'status']);
  const runDuration = histogram(
    'run_duration_seconds',
    'Duration of finished sync runs, from reading upstream to the last applied operation.',
    ['source'],
    RUN_BUCKETS,
  );
  const lastSuccess = gauge('last_success_timestamp_seconds', 'Unix time at which the last run with status succeeded finished.', ['source']);
  const refusedDeletesTotal = counter(
    'refused_deletes_total',
    'Deletes refused by the safety guards (protected, empty upstream, over max_delete) in finished runs.',
    ['source'],
  );
  const operations = counter('operations_total', 'Applied operations by source, kind (create, update, delete) and result (succeeded, failed).', ['source', 'kind', 'result']);
  const planned = gauge(
    'planned_operations',
    'Operations found by the last plan of a source (drift between upstream and Waldur when it was planned).',
    ['source', 'kind'],
  );
  const plannedRefused = gauge(
    'planned_refused_deletes',
    'Deletes refused by the last plan of a source, by reason (protected, empty_upstream, over_limit, unspecified).',
    ['source', 'reason'],
  );
  const versionDrift = gauge(
    'version_drift',
    'Read-only version drift of the last plan: versions or targets missing in Waldur or extra there.',
    ['source', 'kind'],
  );
  const requestDuration = histogram(
    'waldur_request_duration_seconds',
    'Duration of HTTP requests to the Waldur API by method and status class (2xx, 3xx, 4xx, 5xx, error).',
    ['method', 'status_class'],
    REQUEST_BUCKETS,
  );
  const fetches = counter('upstream_fetches_total', 'Reads of an upstream catalog (including those answered 304 Not Modified).', ['source']);
  const fetchBytes = counter('upstream_fetch_bytes_total', 'Bytes read from upstream catalogs (0 for a 304 Not Modified).', ['source']);
  const notModified = counter('upstream_not_modified_total', 'Upstream fetches answered 304 Not Modified (no download, no parsing).', ['source']);
  // Always 1: `count by (version) (catalog_sync_build_info)` shows what each replica runs, and its
  // absence means no replica is scraped at all.
  const buildInfo = options.buildInfo ?? { version: readPackageVersion(), node: process.version };
  gauge('build_info', 'Always 1; the labels name the waldur-catalog-sync version and the Node.js version of this replica.', ['version', 'node']).set(
    buildInfo,
    1,
  );
  const queueJobs = gauge(
    'queue_jobs',
    'Jobs in a queue by state (waiting, active, delayed, failed, completed, ...), as last sampled.',
    ['queue', 'state'],
  );
  const pendingApproval = gauge(
    'pending_approval_operations',
    "Operations of the source's plan waiting for `catalog-sync approve`, by kind (0 when none waits), as last sampled.",
    ['source', 'kind'],
  );

  const notifications = counter(
    'notifications_total',
    'Run notifications (webhooks out) by event and result: delivered, or failed after the last retry.',
    ['event', 'result'],
  );

  // Runs finish out of order across workers, and the Redis history may lag: never go backwards.
  const lastSuccessAt = new Map<string, number>();
  const recordSuccess = (source: string, atMs: number): void => {
    const seconds = atMs / 1000;
    if ((lastSuccessAt.get(source) ?? Number.NEGATIVE_INFINITY) >= seconds) return;
    lastSuccessAt.set(source, seconds);
    lastSuccess.set({ source }, seconds);
  };

  const setPlan = (source: string, plan: PlanCounts): void => {
    planned.set({ source, kind: 'create' }, amount(plan.create));
    planned.set({ source, kind: 'update' }, amount(plan.update));
    planned.set({ source, kind: 'delete' }, amount(plan.delete));
    const reasons = plan.refusedByReason ?? {};
    let explained = 0;
    for (const reason of new Set([...REFUSAL_REASONS, ...Object.keys(reasons)])) {
      const count = amount(reasons[reason] ?? 0);
      explained += count;
      plannedRefused.set({ source, reason }, count);
    }
    // Callers that pass only the total still show up, as reason="unspecified".
    plannedRefused.set({ source, reason: 'unspecified' }, Math.max(0, amount(plan.refusedDelete) - explained));
    const drift = plan.versionDrift;
    if (drift) {
      versionDrift.set({ source, kind: 'missing_versions' }, amount(drift.missingVersions));
      versionDrift.set({ source, kind: 'extra_versions' }, amount(drift.extraVersions));
      versionDrift.set({ source, kind: 'missing_targets' }, amount(drift.missingTargets));
      versionDrift.set({ source, kind: 'extra_targets' }, amount(drift.extraTargets));
    }
  };

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),

    observeRequest({ method, status, durationMs }) {
      const upper = method.toUpperCase();
      requestDuration.observe(
        { method: KNOWN_METHODS.has(upper) ? upper : 'OTHER', status_class: statusClass(status) },
        amount(durationMs) / 1000,
      );
    },

    observeFetch(source, { bytes, notModified: wasNotModified }) {
      fetches.inc({ source });
      fetchBytes.inc({ source }, amount(bytes));
      if (wasNotModified) notModified.inc({ source });
    },

    observePlan: setPlan,

    publishPlans(plans) {
      for (const gauge of [planned, plannedRefused, versionDrift]) gauge.reset();
      for (const [source, plan] of plans) setPlan(source, plan);
    },

    observeOperation(source, kind, result) {
      operations.inc({ source, kind, result });
    },

    observeRun(report) {
      const source = report.source;
      runs.inc({ source, status: report.status });
      runDuration.observe({ source }, amount(report.duration_ms) / 1000);
      refusedDeletesTotal.inc({ source }, amount(report.refused_deletes));
      if (report.status === 'succeeded') {
        const finished = Date.parse(report.finished_at);
        recordSuccess(source, Number.isFinite(finished) ? finished : Date.now());
      }
    },

    observeLastSuccess(source, finishedAtMs) {
      if (Number.isFinite(finishedAtMs)) recordSuccess(source, finishedAtMs);
    },

    observeNotification(event, result) {
      notifications.inc({ event, result });
    },

    observePendingApproval(source, pending) {
      for (const kind of ['create', 'update', 'delete'] as const) pendingApproval.set({ source, kind }, amount(pending?.[kind] ?? 0));
    },

    observeQueue(queue, counts) {
      for (const [state, count] of Object.entries(counts)) {
        queueJobs.set({ queue, state }, amount(count));
      }
    },
  };
}
