import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { planCatalog } from '../../src/plan/plan-catalog.js';
import type { Plan } from '../../src/plan/types.js';
import { buildRunReport, MAX_REPORT_ERRORS } from '../../src/sync/build-run-report.js';
import type { OperationRecord } from '../../src/model/operation-record.js';
import type { RunStatus } from '../../src/model/run-report.js';
import { actual, desired, policy } from '../plan/package-builders.js';

const EFFECTS = { create: 'created', update: 'updated', delete: 'deleted' } as const;
const ok = (kind: OperationRecord['kind'], effect: NonNullable<OperationRecord['effect']>): OperationRecord => ({
  kind,
  name: `${kind}-pkg`,
  outcome: 'applied',
  ...(EFFECTS[kind] === effect ? {} : { effect }),
});
const skipped: OperationRecord = { kind: 'delete', name: 'Old', uuid: 'u1', outcome: 'skipped', error: 'not sent: Waldur rejected the token' };
const failed: OperationRecord = { kind: 'create', name: 'Bad', outcome: 'failed', error: 'Waldur rejected the package (homepage: Enter a valid URL.)' };

const cleanPlan = planCatalog({ desired: [desired('A')], actual: [actual('A')], policy: policy() });
const guardPlan = planCatalog({ desired: [], actual: [actual('A')], policy: policy() });
const protectedPlan = planCatalog({ desired: [desired('A')], actual: [actual('A'), actual('Python')], policy: policy({ protect: ['Py*'] }) });

const base = { source: 'site', runId: 'site-1', startedAt: Date.UTC(2026, 0, 1, 3, 0, 0), finishedAt: Date.UTC(2026, 0, 1, 3, 0, 2, 500) };

describe('buildRunReport', () => {
  it.each<[string, Plan | null, OperationRecord[], unknown, RunStatus]>([
    ['every operation succeeded', cleanPlan, [ok('create', 'created'), ok('delete', 'deleted')], undefined, 'succeeded'],
    ['there was nothing to do', cleanPlan, [], undefined, 'succeeded'],
    ['some operations failed', cleanPlan, [ok('create', 'created'), failed], undefined, 'partial'],
    ['every operation failed', cleanPlan, [failed, failed], undefined, 'failed'],
    ['the source could not be read', null, [], new SourceError('cannot read', 'site', 'x.yaml'), 'failed'],
    ['a guard refused deletes and nothing failed', guardPlan, [], undefined, 'refused'],
    ['a guard refused deletes and an operation failed', guardPlan, [ok('update', 'updated'), failed], undefined, 'partial'],
    ['only protected names were refused', protectedPlan, [], undefined, 'succeeded'],
    ['the run stopped and skipped the rest', cleanPlan, [ok('create', 'created'), failed, skipped], undefined, 'partial'],
  ])('when %s, then the status is the expected one', (_when, plan, operations, error, status) => {
    const report = buildRunReport({ ...base, plan, operations, error });

    expect(report.status).toBe(status);
  });

  it('when operations ended, then counts, errors, times and duration are filled in', () => {
    const report = buildRunReport({
      ...base,
      plan: protectedPlan,
      operations: [ok('create', 'created'), ok('create', 'updated'), ok('update', 'updated'), ok('delete', 'deleted'), failed, skipped],
    });

    expect(report).toEqual({
      source: 'site',
      run: 'site-1',
      status: 'partial',
      created: 1,
      updated: 2,
      deleted: 1,
      unchanged: 1,
      failed: 2,
      refused_deletes: 1,
      errors: ['create Bad: Waldur rejected the package (homepage: Enter a valid URL.)', 'delete Old: not sent: Waldur rejected the token'],
      duration_ms: 2500,
      started_at: '2026-01-01T03:00:00.000Z',
      finished_at: '2026-01-01T03:00:02.500Z',
    });
  });

  it('when many operations failed, then the errors list is capped with a count of the rest', () => {
    const operations = Array.from({ length: MAX_REPORT_ERRORS + 5 }, (_, i) => ({ ...failed, name: `P${i}` }));

    const report = buildRunReport({ ...base, plan: cleanPlan, operations });

    expect(report.failed).toBe(MAX_REPORT_ERRORS + 5);
    expect(report.errors).toHaveLength(MAX_REPORT_ERRORS + 1);
    expect(report.errors.at(-1)).toBe('... and 5 more errors');
  });
});
