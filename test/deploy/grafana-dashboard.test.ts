// The shipped Grafana dashboard: a well-formed dashboard Grafana can import (always), whose
// queries Prometheus accepts (checked with promtool where it is installed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readMonitoringFiles, type Loose } from './read-monitoring-files.js';
import { PROMTOOL, promtoolMissing, runPromtool } from './run-promtool.js';

const NO_PROMTOOL = promtoolMissing('the dashboard queries are checked only for the metrics and labels they use');
if (!PROMTOOL) console.warn(`test/deploy/grafana-dashboard.test.ts: ${NO_PROMTOOL}`);
const work = mkdtempSync(join(tmpdir(), 'catalog-sync-dashboard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('deploy/monitoring/catalog-sync-dashboard.json', () => {
  const { dashboard, expressions } = readMonitoringFiles();
  const panels: Loose[] = dashboard.panels;
  const graphs = panels.filter((p) => p.type !== 'row');

  it('when imported, then it has a stable uid, a Prometheus data source variable and a source filter', () => {
    const variables = Object.fromEntries(dashboard.templating.list.map((v: Loose) => [v.name, v]));

    expect(dashboard.uid).toBe('waldur-catalog-sync');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.id).toBeUndefined();
    expect(variables.datasource).toEqual(expect.objectContaining({ type: 'datasource', query: 'prometheus' }));
    expect(variables.source).toEqual(expect.objectContaining({ includeAll: true, multi: true, allValue: '.*' }));
  });

  it('when laid out, then panel ids are unique and panels fit the 24-column grid without overlapping', () => {
    const cells = new Set<string>();
    const overlaps: string[] = [];
    for (const { title, gridPos } of panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x += 1) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y += 1) {
          if (cells.has(`${x},${y}`)) overlaps.push(title);
          cells.add(`${x},${y}`);
        }
      }
    }

    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect([...new Set(overlaps)]).toEqual([]);
  });

  it('when a panel queries, then it uses the data source variable and every query has its own refId', () => {
    expect(graphs.length).toBeGreaterThanOrEqual(10);
    for (const panel of graphs) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      expect(new Set(panel.targets.map((t: Loose) => t.refId)).size, panel.title).toBe(panel.targets.length);
      for (const target of panel.targets) expect(target.expr, panel.title).toMatch(/\w/);
    }
  });

  it('when its queries are handed to promtool as recording rules, then Prometheus accepts every one', async (ctx) => {
    if (!PROMTOOL) ctx.skip(NO_PROMTOOL);
    const queries = expressions.filter((e) => !e.where.startsWith('rule '));
    const file = join(work, 'dashboard-queries.rules.yaml');
    writeFileSync(
      file,
      stringify({ groups: [{ name: 'dashboard', rules: queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: q.expr })) }] }),
    );

    const result = await runPromtool(['check', 'rules', file]);

    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`SUCCESS: ${queries.length} rules found`);
  });
});
