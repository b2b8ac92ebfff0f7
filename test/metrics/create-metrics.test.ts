import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Registry, register as globalRegistry } from 'prom-client';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import type { RunReport } from '../../src/model/run-report.js';
import { parseMetricsText, sampleValue } from './parse-metrics-text.js';

function report(overrides: Partial<RunReport>): RunReport {
  return {
    source: 'site',
    run: 'site-1',
    status: 'succeeded',
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    failed: 0,
    refused_deletes: 0,
    errors: [],
    duration_ms: 1500,
    started_at: '2026-03-01T10:00:00.000Z',
    finished_at: '2026-03-01T10:00:01.500Z',
    ...overrides,
  };
}

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  return parseMetricsText(await metrics.render());
}

describe('createMetrics', () => {
  it('when nothing was observed yet, then every metric family is exposed with its type and prefix', async () => {
    const metrics = createMetrics();

    const parsed = await scrape(metrics);

    expect(parsed.types).toEqual({
      catalog_sync_runs_total: 'counter',
      catalog_sync_run_duration_seconds: 'histogram',
      catalog_sync_last_success_timestamp_seconds: 'gauge',
      catalog_sync_refused_deletes_total: 'counter',
      catalog_sync_operations_total: 'counter',
      catalog_sync_planned_operations: 'gauge',
      catalog_sync_planned_refused_deletes: 'gauge',
      catalog_sync_version_drift: 'gauge',
      catalog_sync_waldur_request_duration_seconds: 'histogram',
      catalog_sync_upstream_fetches_total: 'counter',
      catalog_sync_upstream_fetch_bytes_total: 'counter',
      catalog_sync_upstream_not_modified_total: 'counter',
      catalog_sync_build_info: 'gauge',
      catalog_sync_queue_jobs: 'gauge',
      catalog_sync_pending_approval_operations: 'gauge',
      catalog_sync_notifications_total: 'counter',
    });
    for (const name of Object.keys(parsed.types)) expect(parsed.help[name]).toMatch(/\w/);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('when scraped, then build_info is 1 with the package version and the Node.js version of the process', async () => {
    const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

    const parsed = await scrape(createMetrics());
    const pinned = await scrape(createMetrics({ buildInfo: { version: '9.9.9', node: 'v99.0.0' } }));

    expect(parsed.samples.filter((s) => s.name === 'catalog_sync_build_info')).toEqual([
      { name: 'catalog_sync_build_info', labels: { version: packageVersion, node: process.version }, value: 1 },
    ]);
    expect(sampleValue(pinned, 'catalog_sync_build_info', { version: '9.9.9', node: 'v99.0.0' })).toBe(1);
  });

  it('when runs finish, then runs, duration, refused deletes and the last success are recorded per source', async () => {
    const metrics = createMetrics();

    metrics.observeRun(report({ refused_deletes: 3, duration_ms: 1500 }));
    metrics.observeRun(report({ status: 'failed', duration_ms: 250, finished_at: '2026-03-01T11:00:00.000Z' }));
    metrics.observeRun(report({ source: 'eessi', status: 'partial', duration_ms: 40_000 }));
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_runs_total', { source: 'site', status: 'succeeded' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_runs_total', { source: 'site', status: 'failed' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_runs_total', { source: 'eessi', status: 'partial' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_run_duration_seconds_count', { source: 'site' })).toBe(2);
    expect(sampleValue(parsed, 'catalog_sync_run_duration_seconds_sum', { source: 'site' })).toBeCloseTo(1.75);
    expect(sampleValue(parsed, 'catalog_sync_run_duration_seconds_bucket', { source: 'site', le: '0.5' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_run_duration_seconds_bucket', { source: 'eessi', le: '30' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_run_duration_seconds_bucket', { source: 'eessi', le: '60' })).toBe(1);
    // Only the succeeded run counts, and its own finish time is used (not the failed run's).
    expect(sampleValue(parsed, 'catalog_sync_last_success_timestamp_seconds', { source: 'site' })).toBe(
      Date.parse('2026-03-01T10:00:01.500Z') / 1000,
    );
    expect(sampleValue(parsed, 'catalog_sync_last_success_timestamp_seconds', { source: 'eessi' })).toBeUndefined();
    expect(sampleValue(parsed, 'catalog_sync_refused_deletes_total', { source: 'site' })).toBe(3);
  });

  it('when operations are applied, then they are counted by kind and result', async () => {
    const metrics = createMetrics();

    metrics.observeOperation('site', 'create', 'succeeded');
    metrics.observeOperation('site', 'create', 'succeeded');
    metrics.observeOperation('site', 'update', 'failed');
    metrics.observeOperation('site', 'delete', 'succeeded');
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_operations_total', { source: 'site', kind: 'create', result: 'succeeded' })).toBe(2);
    expect(sampleValue(parsed, 'catalog_sync_operations_total', { source: 'site', kind: 'update', result: 'failed' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_operations_total', { source: 'site', kind: 'delete', result: 'succeeded' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_operations_total', { source: 'site', kind: 'update', result: 'succeeded' })).toBeUndefined();
  });

  it('when a source is planned twice, then the plan gauges show the last plan, not a sum', async () => {
    const metrics = createMetrics();
    const drift = { missingVersions: 4, extraVersions: 1, missingTargets: 12, extraTargets: 0 };

    metrics.observePlan('site', { create: 5, update: 2, delete: 1, refusedDelete: 7, versionDrift: drift });
    metrics.observePlan('site', { create: 0, update: 3, delete: 0, refusedDelete: 2 });
    metrics.observePlan('eessi', { create: 9, update: 0, delete: 0, refusedDelete: 0 });
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_planned_operations', { source: 'site', kind: 'create' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_planned_operations', { source: 'site', kind: 'update' })).toBe(3);
    expect(sampleValue(parsed, 'catalog_sync_planned_operations', { source: 'site', kind: 'delete' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_planned_operations', { source: 'eessi', kind: 'create' })).toBe(9);
    expect(sampleValue(parsed, 'catalog_sync_planned_refused_deletes', { source: 'site', reason: 'unspecified' })).toBe(2);
    expect(sampleValue(parsed, 'catalog_sync_planned_refused_deletes', { source: 'site', reason: 'over_limit' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_version_drift', { source: 'site', kind: 'missing_targets' })).toBe(12);
    expect(sampleValue(parsed, 'catalog_sync_version_drift', { source: 'site', kind: 'extra_versions' })).toBe(1);
  });

  it('when refused deletes come with reasons, then each reason is a series and stale reasons drop to zero', async () => {
    const metrics = createMetrics();

    metrics.observePlan('site', { create: 0, update: 0, delete: 0, refusedDelete: 9, refusedByReason: { over_limit: 8, protected: 1 } });
    metrics.observePlan('site', { create: 0, update: 0, delete: 2, refusedDelete: 3, refusedByReason: { protected: 3 } });
    const parsed = await scrape(metrics);

    const refused = (reason: string) => sampleValue(parsed, 'catalog_sync_planned_refused_deletes', { source: 'site', reason });
    expect(refused('protected')).toBe(3);
    expect(refused('over_limit')).toBe(0);
    expect(refused('empty_upstream')).toBe(0);
    expect(refused('unspecified')).toBe(0);
  });

  it('when plans are published from Redis, then they replace every plan series and sources without a plan export none', async () => {
    const metrics = createMetrics();
    metrics.observePlan('site', { create: 2, update: 0, delete: 0, refusedDelete: 4, refusedByReason: { over_limit: 4 } });
    metrics.observePlan('gone', { create: 1, update: 0, delete: 0, refusedDelete: 0 });

    metrics.publishPlans(new Map([['site', { create: 0, update: 1, delete: 0, refusedDelete: 0, refusedByReason: {} }]]));
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_planned_refused_deletes', { source: 'site', reason: 'over_limit' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_planned_operations', { source: 'site', kind: 'update' })).toBe(1);
    expect(parsed.samples.filter((s) => s.labels.source === 'gone')).toEqual([]);
  });

  it('when the last success is restored from history, then it is exported and never moves backwards', async () => {
    const metrics = createMetrics();
    const restored = Date.parse('2026-03-01T09:00:00.000Z');

    metrics.observeLastSuccess('eessi', restored);
    metrics.observeRun(report({ source: 'site' }));
    metrics.observeLastSuccess('site', Date.parse('2026-02-01T00:00:00.000Z'));
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_last_success_timestamp_seconds', { source: 'eessi' })).toBe(restored / 1000);
    expect(sampleValue(parsed, 'catalog_sync_last_success_timestamp_seconds', { source: 'site' })).toBe(
      Date.parse('2026-03-01T10:00:01.500Z') / 1000,
    );
  });

  it('when Waldur requests are observed, then durations are in seconds by method and status class', async () => {
    const metrics = createMetrics();

    metrics.observeRequest({ method: 'get', status: 200, durationMs: 20 });
    metrics.observeRequest({ method: 'GET', status: 204, durationMs: 300 });
    metrics.observeRequest({ method: 'POST', status: 400, durationMs: 50 });
    metrics.observeRequest({ method: 'PATCH', status: 503, durationMs: 1000 });
    metrics.observeRequest({ method: 'DELETE', status: null, durationMs: 30_000 });
    metrics.observeRequest({ method: 'BREW', status: 418, durationMs: 1 });
    const parsed = await scrape(metrics);

    const name = 'catalog_sync_waldur_request_duration_seconds';
    expect(sampleValue(parsed, `${name}_count`, { method: 'GET', status_class: '2xx' })).toBe(2);
    expect(sampleValue(parsed, `${name}_sum`, { method: 'GET', status_class: '2xx' })).toBeCloseTo(0.32);
    expect(sampleValue(parsed, `${name}_bucket`, { method: 'GET', status_class: '2xx', le: '0.025' })).toBe(1);
    expect(sampleValue(parsed, `${name}_bucket`, { method: 'GET', status_class: '2xx', le: '0.5' })).toBe(2);
    expect(sampleValue(parsed, `${name}_count`, { method: 'POST', status_class: '4xx' })).toBe(1);
    expect(sampleValue(parsed, `${name}_count`, { method: 'PATCH', status_class: '5xx' })).toBe(1);
    expect(sampleValue(parsed, `${name}_sum`, { method: 'DELETE', status_class: 'error' })).toBe(30);
    expect(sampleValue(parsed, `${name}_count`, { method: 'OTHER', status_class: '4xx' })).toBe(1);
  });

  it('when upstream fetches are observed, then bytes, fetches and 304s add up per source', async () => {
    const metrics = createMetrics();

    metrics.observeFetch('eessi', { bytes: 4_000_000, notModified: false });
    metrics.observeFetch('eessi', { bytes: 0, notModified: true });
    metrics.observeFetch('eessi', { bytes: 0, notModified: true });
    metrics.observeFetch('site', { bytes: 1_234, notModified: false });
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_upstream_fetches_total', { source: 'eessi' })).toBe(3);
    expect(sampleValue(parsed, 'catalog_sync_upstream_fetch_bytes_total', { source: 'eessi' })).toBe(4_000_000);
    expect(sampleValue(parsed, 'catalog_sync_upstream_not_modified_total', { source: 'eessi' })).toBe(2);
    expect(sampleValue(parsed, 'catalog_sync_upstream_fetch_bytes_total', { source: 'site' })).toBe(1_234);
    expect(sampleValue(parsed, 'catalog_sync_upstream_not_modified_total', { source: 'site' })).toBeUndefined();
  });

  it('when queue counts are sampled twice, then the gauge shows the latest counts per queue and state', async () => {
    const metrics = createMetrics();

    metrics.observeQueue('ops', { waiting: 40, active: 8, failed: 1 });
    metrics.observeQueue('ops', { waiting: 12, active: 8, failed: 1 });
    metrics.observeQueue('runs', { waiting: 0, active: 1 });
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_queue_jobs', { queue: 'ops', state: 'waiting' })).toBe(12);
    expect(sampleValue(parsed, 'catalog_sync_queue_jobs', { queue: 'ops', state: 'failed' })).toBe(1);
    expect(sampleValue(parsed, 'catalog_sync_queue_jobs', { queue: 'runs', state: 'active' })).toBe(1);
  });

  it('when fed nonsense numbers, then it records zero instead of throwing into the run', async () => {
    const metrics = createMetrics();

    expect(() => {
      metrics.observeFetch('site', { bytes: -5, notModified: false });
      metrics.observeRequest({ method: 'GET', status: 200, durationMs: Number.NaN });
      metrics.observeRun(report({ duration_ms: -1, refused_deletes: Number.NaN, finished_at: 'not a date' }));
      metrics.observeQueue('ops', { waiting: Number.POSITIVE_INFINITY });
    }).not.toThrow();
    const parsed = await scrape(metrics);

    expect(sampleValue(parsed, 'catalog_sync_upstream_fetch_bytes_total', { source: 'site' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_queue_jobs', { queue: 'ops', state: 'waiting' })).toBe(0);
    expect(sampleValue(parsed, 'catalog_sync_last_success_timestamp_seconds', { source: 'site' })).toBeGreaterThan(
      Date.parse('2026-01-01T00:00:00Z') / 1000,
    );
  });

  it('when given a registry and prefix, then metrics go there and never to the global registry', async () => {
    const registry = new Registry();
    const metrics = createMetrics({ registry, prefix: 'site_sync_' });
    const other = createMetrics();

    metrics.observeOperation('site', 'create', 'succeeded');
    const parsed = parseMetricsText(await registry.metrics());
    const otherParsed = await scrape(other);

    expect(metrics.registry).toBe(registry);
    expect(sampleValue(parsed, 'site_sync_operations_total', { source: 'site', kind: 'create', result: 'succeeded' })).toBe(1);
    expect(sampleValue(otherParsed, 'catalog_sync_operations_total', { source: 'site', kind: 'create', result: 'succeeded' })).toBeUndefined();
    expect(await globalRegistry.metrics()).not.toContain('sync_');
  });

  it('when default metrics are asked for, then process metrics are exposed unprefixed', async () => {
    const withDefaults = createMetrics({ defaultMetrics: true });
    const without = createMetrics();

    const parsed = await scrape(withDefaults);
    const plain = await scrape(without);

    expect(parsed.types.process_cpu_user_seconds_total).toBe('counter');
    expect(parsed.types.nodejs_heap_size_used_bytes).toBe('gauge');
    expect(plain.types.process_cpu_user_seconds_total).toBeUndefined();
  });
});
