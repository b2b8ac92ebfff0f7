// Every metric and label the shipped alert rules and dashboard use must be one the daemon really
// exports: a real daemon (sandbox over HTTP, real Redis) runs a sync that creates packages and one
// whose deletes are refused, and its GET /metrics is the reference, not a list kept by hand.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { packageNames, runCli, useDaemonFixture } from '../daemon/daemon-harness.js';
import { parseMetricsText, type ParsedMetrics } from '../metrics/parse-metrics-text.js';
import { findPromqlReferences } from './find-promql-references.js';
import { readMonitoringFiles } from './read-monitoring-files.js';

/** Labels Prometheus adds to every scraped series (target labels), not the daemon. */
const TARGET_LABELS = ['instance', 'job', 'pod', 'namespace', 'service', 'container', 'endpoint'];
/**
 * Labels the rules already use that the daemon does not export yet, each with the change that adds
 * it. A label that has arrived fails the last test below, so this list cannot go stale.
 */
const PENDING_LABELS: Record<string, string[]> = {};

/** Metric family -> label names seen on its samples (histogram series folded into the family). */
function labelsByFamily(parsed: ParsedMetrics): Map<string, Set<string>> {
  const families = new Map<string, Set<string>>(Object.keys(parsed.types).map((name) => [name, new Set<string>()]));
  for (const sample of parsed.samples) {
    const family = families.has(sample.name) ? sample.name : sample.name.replace(/_(bucket|sum|count)$/, '');
    for (const label of Object.keys(sample.labels)) families.get(family)?.add(label);
  }
  return families;
}

/**
 * The same registry with every observer called once: labels of the families a manifest-only run
 * leaves without samples (an upstream 304 needs an HTTP source).
 */
async function everyFamilyObserved(): Promise<Map<string, Set<string>>> {
  const metrics = createMetrics();
  metrics.observeFetch('site', { bytes: 0, notModified: true });
  metrics.observeRequest({ method: 'GET', status: 200, durationMs: 5 });
  metrics.observeQueue('runs', { waiting: 0 });
  return labelsByFamily(parseMetricsText(await metrics.render()));
}

function familyOf(metric: string, families: Map<string, Set<string>>): string {
  if (families.has(metric)) return metric;
  const base = metric.replace(/_(bucket|sum|count)$/, '');
  return families.has(base) ? base : metric;
}

describe('metrics used by deploy/monitoring', () => {
  const t = useDaemonFixture('monitoring');

  it('when a real daemon has synced, then every metric and label the rules and the dashboard use is exported', async () => {
    // Arrange: four packages created, then three of them gone upstream: 75 % is over the
    // fixture's 50 % max_delete, so the second run refuses the deletes.
    t.fixture.write([{ name: 'site', packages: packageNames(4) }]);
    const daemon = await t.start();
    const trigger = () => runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);
    const first = await trigger();
    t.fixture.write([{ name: 'site', packages: packageNames(1) }]);
    const second = await trigger();
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toContain('refused');

    // Act
    const response = await fetch(`${daemon.url}/metrics`);
    const families = labelsByFamily(parseMetricsText(await response.text()));
    const fallback = await everyFamilyObserved();
    const unobserved = [...families].filter(([name, labels]) => labels.size === 0 && (fallback.get(name)?.size ?? 0) > 0);
    for (const [name] of unobserved) families.set(name, fallback.get(name)!);
    const { expressions } = readMonitoringFiles();

    // Assert
    const problems: string[] = [];
    for (const { where, expr } of expressions) {
      const { selectors, groupingLabels } = findPromqlReferences(expr);
      const known = new Set(TARGET_LABELS);
      for (const { metric, labels } of selectors) {
        const family = familyOf(metric, families);
        const exported = families.get(family);
        if (!exported) {
          problems.push(`${where}: ${metric} is not exported`);
          continue;
        }
        const usable = new Set([...exported, ...(PENDING_LABELS[family] ?? []), ...(metric.endsWith('_bucket') ? ['le'] : [])]);
        for (const label of usable) known.add(label);
        for (const label of labels) if (!usable.has(label)) problems.push(`${where}: ${metric} has no label ${label}`);
      }
      for (const label of groupingLabels) if (!known.has(label)) problems.push(`${where}: no metric in it has the label ${label}`);
    }
    expect(problems).toEqual([]);
    // The run really produced series with labels, so the label checks above had something to check.
    expect([...families.get('catalog_sync_planned_refused_deletes')!]).toEqual(expect.arrayContaining(['source', 'reason']));
    expect([...families.get('catalog_sync_build_info')!].sort()).toEqual(['node', 'version']);
    expect(families.has('process_resident_memory_bytes')).toBe(true);
    // Pending labels are exactly those still missing: remove an entry once its change has landed.
    for (const [family, labels] of Object.entries(PENDING_LABELS)) {
      expect([...families.get(family)!].filter((label) => labels.includes(label)), `${family} now exports it: drop it from PENDING_LABELS`).toEqual([]);
    }
  });
});
