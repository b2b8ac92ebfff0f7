// The metrics as an operator sees them: a real daemon (sandbox over HTTP, real Redis) runs
// triggered syncs, and GET /metrics must tell exactly what happened.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageNames, runCli, useDaemonFixture } from '../daemon/daemon-harness.js';
import { parseMetricsText, sampleValue, type ParsedMetrics } from './parse-metrics-text.js';

async function scrape(url: string): Promise<ParsedMetrics> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return parseMetricsText(await response.text());
}

/** Requests of one method over every status class. */
function requestCount(parsed: ParsedMetrics, method: string): number {
  return parsed.samples
    .filter((s) => s.name === 'catalog_sync_waldur_request_duration_seconds_count' && s.labels.method === method)
    .reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics after runs', () => {
  const t = useDaemonFixture('metrics');

  it('when a fresh catalog is synced and then a package removed, then runs, operations, plan, requests and fetches add up', async () => {
    // Arrange: five packages into a catalog that does not exist yet.
    t.fixture.write([{ name: 'site', packages: packageNames(5) }]);
    const manifest = join(t.fixture.dir, 'site.yaml');
    const firstBytes = statSync(manifest).size;
    const daemon = await t.start();
    const before = Date.now() / 1000;
    const trigger = () => runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);

    // Act: the first run creates everything; the second removes one package (prune is enabled).
    const first = await trigger();
    const afterFirst = await scrape(daemon.url);
    t.fixture.write([{ name: 'site', packages: packageNames(4) }]);
    const secondBytes = statSync(manifest).size;
    const second = await trigger();
    const afterSecond = await scrape(daemon.url);

    // Assert: first run.
    expect(first.code, first.stderr).toBe(0);
    expect(sampleValue(afterFirst, 'catalog_sync_runs_total', { source: 'site', status: 'succeeded' })).toBe(1);
    expect(sampleValue(afterFirst, 'catalog_sync_operations_total', { source: 'site', kind: 'create', result: 'succeeded' })).toBe(5);
    expect(sampleValue(afterFirst, 'catalog_sync_planned_operations', { source: 'site', kind: 'create' })).toBe(5);
    expect(sampleValue(afterFirst, 'catalog_sync_run_duration_seconds_count', { source: 'site' })).toBe(1);
    const lastSuccess = sampleValue(afterFirst, 'catalog_sync_last_success_timestamp_seconds', { source: 'site' })!;
    expect(lastSuccess).toBeGreaterThanOrEqual(Math.floor(before));
    expect(lastSuccess).toBeLessThanOrEqual(Date.now() / 1000);
    // One catalog and five packages created.
    expect(requestCount(afterFirst, 'POST')).toBe(6);
    expect(sampleValue(afterFirst, 'catalog_sync_upstream_fetches_total', { source: 'site' })).toBe(1);
    expect(sampleValue(afterFirst, 'catalog_sync_upstream_fetch_bytes_total', { source: 'site' })).toBe(firstBytes);
    expect(sampleValue(afterFirst, 'catalog_sync_queue_jobs', { queue: 'ops', state: 'active' })).toBe(0);

    // Assert: second run; the plan gauges show the latest plan, counters add up.
    expect(second.code, second.stderr).toBe(0);
    expect(sampleValue(afterSecond, 'catalog_sync_runs_total', { source: 'site', status: 'succeeded' })).toBe(2);
    expect(sampleValue(afterSecond, 'catalog_sync_planned_operations', { source: 'site', kind: 'create' })).toBe(0);
    expect(sampleValue(afterSecond, 'catalog_sync_planned_operations', { source: 'site', kind: 'delete' })).toBe(1);
    expect(sampleValue(afterSecond, 'catalog_sync_operations_total', { source: 'site', kind: 'delete', result: 'succeeded' })).toBe(1);
    expect(sampleValue(afterSecond, 'catalog_sync_operations_total', { source: 'site', kind: 'create', result: 'succeeded' })).toBe(5);
    expect(sampleValue(afterSecond, 'catalog_sync_upstream_fetch_bytes_total', { source: 'site' })).toBe(firstBytes + secondBytes);
    expect(sampleValue(afterSecond, 'catalog_sync_last_success_timestamp_seconds', { source: 'site' })).toBeGreaterThanOrEqual(lastSuccess);
    // Every request the sandbox received is in the histogram, by method.
    for (const [method, count] of Object.entries(t.fixture.test.sandbox.stats.byMethod)) {
      expect(requestCount(afterSecond, method), method).toBe(count);
    }
    expect(requestCount(afterSecond, 'DELETE')).toBe(1);
    expect(sampleValue(afterSecond, 'catalog_sync_waldur_request_duration_seconds_count', { method: 'DELETE', status_class: '2xx' })).toBe(1);
  });
});
