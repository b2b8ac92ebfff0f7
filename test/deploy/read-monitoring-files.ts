// The shipped alert rules and Grafana dashboard, and every PromQL expression in them (dashboard
// variables replaced by values Prometheus accepts, as Grafana would before sending a query).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Loose = any;

export const RULES_FILE = fileURLToPath(new URL('../../deploy/monitoring/catalog-sync.rules.yaml', import.meta.url));
export const DASHBOARD_FILE = fileURLToPath(new URL('../../deploy/monitoring/catalog-sync-dashboard.json', import.meta.url));

/** Grafana's built-in interval variables, and what stands in for them in a check. */
export const GRAFANA_INTERVALS: Record<string, string> = { __rate_interval: '2m', __interval: '1m', __range: '1d' };

export function readMonitoringFiles(): { rules: Loose; dashboard: Loose; expressions: Array<{ where: string; expr: string }> } {
  const rules = parse(readFileSync(RULES_FILE, 'utf8')) as Loose;
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Loose;
  const variables = new Map<string, string>(
    dashboard.templating.list.map((v: Loose) => [v.name as string, v.type === 'datasource' ? '' : (v.allValue ?? '.*') as string]),
  );
  const substitute = (expr: string) =>
    expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => {
      const value = GRAFANA_INTERVALS[name] ?? variables.get(name);
      if (value === undefined) throw new Error(`dashboard query uses ${whole}, which is not defined`);
      return value;
    });
  const expressions = [
    ...rules.groups.flatMap((g: Loose) => g.rules.map((r: Loose) => ({ where: `rule ${r.alert ?? r.record}`, expr: String(r.expr) }))),
    // label_values(metric, label) of a variable asks Prometheus for that label of that metric.
    ...dashboard.templating.list
      .filter((v: Loose) => v.type === 'query')
      .map((v: Loose) => {
        const call = /^label_values\((\w+),\s*(\w+)\)$/.exec(String(v.query?.query ?? v.query));
        if (!call) throw new Error(`variable ${v.name}: only label_values(metric, label) queries are checked`);
        return { where: `variable $${v.name}`, expr: `count by (${call[2]}) (${call[1]})` };
      }),
    ...dashboard.panels.flatMap((p: Loose) =>
      (p.targets ?? []).map((t: Loose) => ({ where: `panel "${p.title}" ${t.refId}`, expr: substitute(String(t.expr)) })),
    ),
  ];
  return { rules, dashboard, expressions };
}
