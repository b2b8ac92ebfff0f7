// The shipped Prometheus alert rules: well-formed (always), accepted by promtool and behaving as
// intended on sample series (where promtool is installed), and identical in the PrometheusRule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findPromqlReferences } from './find-promql-references.js';
import { readMonitoringFiles, RULES_FILE, type Loose } from './read-monitoring-files.js';
import { PROMTOOL, promtoolMissing, runPromtool } from './run-promtool.js';

const NO_PROMTOOL = promtoolMissing('rule syntax is checked only by the parse test');
if (!PROMTOOL) console.warn(`test/deploy/alert-rules.test.ts: ${NO_PROMTOOL}`);
const UNIT_TESTS = fileURLToPath(new URL('./alert-rules.promtool.yaml', import.meta.url));
const PROMETHEUS_RULE = fileURLToPath(new URL('../../deploy/kubernetes/components/monitoring/prometheusrule.yaml', import.meta.url));

/** Brackets balance outside of string literals. */
function balanced(expr: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const c of expr.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
    if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}

describe('deploy/monitoring/catalog-sync.rules.yaml', () => {
  const { rules } = readMonitoringFiles();
  const alerts: Loose[] = rules.groups.flatMap((g: Loose) => g.rules);

  it('when parsed, then every alert is named, has a bracket-balanced expression, a duration, a severity and a summary', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
    for (const alert of alerts) {
      expect(alert.alert).toMatch(/^CatalogSync[A-Z][A-Za-z]+$/);
      expect(Object.keys(alert).sort(), alert.alert).toEqual(['alert', 'annotations', 'expr', 'for', 'labels']);
      expect(balanced(String(alert.expr)), alert.alert).toBe(true);
      expect(alert.expr, alert.alert).toMatch(/catalog_sync_[a-z_]+/);
      expect(alert.for, alert.alert).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info'], alert.alert).toContain(alert.labels.severity);
      expect(alert.annotations.summary, alert.alert).toMatch(/\w/);
    }
  });

  it('when an annotation names a label, then the expression keeps that label (by ...) so it is never empty', () => {
    for (const alert of alerts) {
      const kept = findPromqlReferences(String(alert.expr)).groupingLabels;
      const named = Object.values(alert.annotations as Record<string, string>).flatMap((text) =>
        [...text.matchAll(/\$labels\.([a-zA-Z_]+)/g)].map((m) => m[1]!),
      );
      for (const label of named) expect(kept, `${alert.alert} uses $labels.${label}`).toContain(label);
    }
  });

  it('when compared with the PrometheusRule of the Kubernetes monitoring component, then the groups are the same', () => {
    const prometheusRule = parse(readFileSync(PROMETHEUS_RULE, 'utf8')) as Loose;

    expect(prometheusRule.kind).toBe('PrometheusRule');
    expect(prometheusRule.spec.groups).toEqual(rules.groups);
  });

  it('when checked by `promtool check rules`, then it is accepted', async (ctx) => {
    if (!PROMTOOL) ctx.skip(NO_PROMTOOL);

    const result = await runPromtool(['check', 'rules', RULES_FILE]);

    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('when `promtool test rules` replays sample series, then each alert fires and clears as intended', async (ctx) => {
    if (!PROMTOOL) ctx.skip(NO_PROMTOOL);

    const result = await runPromtool(['test', 'rules', UNIT_TESTS]);

    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });
});
