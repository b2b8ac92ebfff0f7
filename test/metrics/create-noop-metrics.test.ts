import { describe, expect, it } from 'vitest';
import { createNoopMetrics } from '../../src/metrics/create-noop-metrics.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';

describe('createNoopMetrics', () => {
  it('when used in place of real metrics, then it offers every SyncMetrics method and records nothing', () => {
    const real = createMetrics();
    const noop = createNoopMetrics();
    // observeLastSuccess, observeNotification and observePendingApproval belong to the daemon's Prometheus Metrics only, not to SyncMetrics.
    const daemonOnly = ['observeLastSuccess', 'observeNotification', 'observePendingApproval'];
    const methods = Object.keys(real).filter((key) => key.startsWith('observe') && !daemonOnly.includes(key));

    const calls = () => {
      noop.observeRequest({ method: 'GET', status: 200, durationMs: 1 });
      noop.observeFetch('site', { bytes: 1, notModified: false });
      noop.observePlan('site', { create: 1, update: 0, delete: 0, refusedDelete: 0 });
      noop.observeOperation('site', 'create', 'succeeded');
      noop.observeQueue('ops', { waiting: 1 });
      noop.observeRun({
        source: 'site', run: 'r1', status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 0,
        failed: 0, refused_deletes: 0, errors: [], duration_ms: 1, started_at: '', finished_at: '',
      });
    };

    expect(Object.keys(noop).sort()).toEqual(methods.sort());
    expect(calls).not.toThrow();
    expect(Object.keys(noop)).toHaveLength(6);
  });
});
