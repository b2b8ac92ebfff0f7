import { describe, expect, it } from 'vitest';
import { RateLimited, Transient, ValidationError } from '../../src/errors.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { DEFAULT_RETRY_POLICY } from '../../src/model/retry-policy.js';
import { useHarness, waitUntil } from './pipeline-harness.js';

const names = (n: number, stem = 'pkg') => Array.from({ length: n }, (_, i) => `${stem}-${String(i).padStart(2, '0')}`);

describe('run pipeline (runs queue -> ops queue -> report)', () => {
  const startHarness = useHarness();

  it('when a run is requested, then every operation is applied once and the report counts them', async () => {
    const harness = await startHarness({ desired: { site: names(12) } });

    const job = await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' });
    const report = await waitForRun(harness.queues.runs, job, { timeoutMs: 20_000 });

    expect(report).toMatchObject({ source: 'site', status: 'succeeded', created: 12, failed: 0, reason: 'trigger', job });
    expect(harness.applied.map((c) => c.op.name).sort()).toEqual(names(12));
    expect(harness.applied.every((c) => !c.mayHaveRun)).toBe(true);
    const [latest] = await harness.pipeline.reports.history('site');
    expect(latest?.run).toBe(report.run);
    expect(await harness.pipeline.reports.lastSuccess('site')).toBe(Date.parse(report.finished_at));
    expect(await harness.pipeline.lock.holder('site')).toBeNull();
  });

  it('when the same source is synced again, then the second run plans and applies nothing', async () => {
    const harness = await startHarness({ desired: { site: names(5) } });
    await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });
    const before = harness.applied.length;

    const second = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 5 });
    expect(harness.applied.length).toBe(before);
  });

  it('when an operation fails permanently, then it is not retried and the run still finishes as partial', async () => {
    const harness = await startHarness({
      desired: { site: names(4) },
      beforeApply: (call) => {
        if (call.op.name === 'pkg-02') throw new ValidationError('Waldur rejected the package', { name: ['bad name'] });
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    expect(report).toMatchObject({ status: 'partial', created: 3, failed: 1 });
    expect(report.errors).toEqual([expect.stringContaining('create pkg-02: Waldur rejected the package (name: bad name)')]);
    expect(harness.applied.filter((c) => c.op.name === 'pkg-02')).toHaveLength(1);
    expect(await harness.pipeline.lock.holder('site')).toBeNull();
  });

  it('when an operation keeps failing transiently, then it spends its attempts and the run does not wait forever', async () => {
    const harness = await startHarness({
      desired: { site: names(3) },
      retry: { maxAttempts: 3 },
      beforeApply: (call) => {
        if (call.op.name === 'pkg-01') throw new Transient('502 from Waldur', 502);
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    expect(report).toMatchObject({ status: 'partial', created: 2, failed: 1 });
    const tries = harness.applied.filter((c) => c.op.name === 'pkg-01');
    expect(tries).toHaveLength(3);
    // Later attempts know an earlier one may have reached the server.
    expect(tries.map((c) => c.mayHaveRun)).toEqual([false, true, true]);
  });

  it('when Waldur answers 429, then the writes pause for Retry-After and the operation keeps its attempts', async () => {
    let limitedAt = 0;
    const harness = await startHarness({
      desired: { site: ['only'] },
      retry: { maxAttempts: 1 },
      beforeApply: (_call, attempt) => {
        if (attempt === 1) {
          limitedAt = Date.now();
          throw new RateLimited('429 from Waldur', 700, 429);
        }
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    // With one attempt, a 429 that spent it would have failed the operation.
    expect(report).toMatchObject({ status: 'succeeded', created: 1, failed: 0 });
    expect(harness.applied).toHaveLength(2);
    expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(650);
  });

  it('when Waldur answers 503 without Retry-After, then the operation backs off and spends its attempts instead of looping forever', async () => {
    const harness = await startHarness({
      desired: { site: ['ok', 'down'] },
      retry: { maxAttempts: 3 },
      beforeApply: (call) => {
        if (call.op.name === 'down') throw new RateLimited('503 from Waldur', 0, 503);
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 10_000 });

    expect(report).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    expect(harness.applied.filter((c) => c.op.name === 'down')).toHaveLength(3);
  });

  it('when Waldur answers 429 to every try, then after the allowed pauses the operation spends its attempts and the run ends', async () => {
    const harness = await startHarness({
      desired: { site: ['limited'] },
      retry: { maxAttempts: 2, maxRateLimitWaits: 2 },
      beforeApply: () => {
        throw new RateLimited('429 from Waldur', 50, 429);
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    // 2 pauses, then 2 attempts spent: the run is reported instead of waiting forever.
    expect(report).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    expect(harness.applied).toHaveLength(4);
  });

  it('when Waldur asks to retry after an hour, then every replica pauses its writes no longer than the cap', async () => {
    const harness = await startHarness({
      desired: { site: ['only'] },
      beforeApply: () => {
        throw new RateLimited('429 from Waldur', 3_600_000, 429);
      },
    });
    const pace = async () => JSON.parse((await harness.queues.redis.get(harness.queues.keys.pace())) ?? '{"pausedUntil":0}') as { pausedUntil: number };

    await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(async () => (await pace()).pausedUntil > Date.now(), 10_000, 'the shared pace to pause');
    const { pausedUntil } = await pace();

    expect(pausedUntil - Date.now()).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    expect(pausedUntil - Date.now()).toBeGreaterThan(DEFAULT_RETRY_POLICY.maxRetryAfterMs - 60_000);
  });

  it('when another system adds a job for an unknown source, then that job fails with a clear reason and the worker keeps serving', async () => {
    const harness = await startHarness({ desired: { site: names(2) } });

    const bad = await harness.queues.runs.add('run', { source: 'no-such-source' });
    const malformed = await harness.queues.runs.add('run', 'site' as never);
    const good = await harness.queues.runs.add('run', { source: 'site' });

    await expect(waitForRun(harness.queues.runs, bad.id!, { timeoutMs: 10_000 })).rejects.toThrow(
      'unknown source "no-such-source" (configured sources: site)',
    );
    await expect(waitForRun(harness.queues.runs, malformed.id!, { timeoutMs: 10_000 })).rejects.toThrow('must be a JSON object');
    expect(await waitForRun(harness.queues.runs, good.id!, { timeoutMs: 20_000 })).toMatchObject({ status: 'succeeded', reason: 'queue' });
  });

  it('when the source cannot be read, then the run is reported failed and the source is free again', async () => {
    const harness = await startHarness({
      desired: { site: names(2) },
      beforePrepare: () => {
        throw new Error('upstream answered 503');
      },
    });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    expect(report).toMatchObject({ status: 'failed', created: 0, errors: ['upstream answered 503'] });
    expect(harness.applied).toHaveLength(0);
    expect(await harness.pipeline.lock.holder('site')).toBeNull();
    expect(await harness.pipeline.reports.lastSuccess('site')).toBeNull();
  });

  it('when operations are in the queue, then their batch job data holds the operations and no secret', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const harness = await startHarness({ desired: { site: names(2) }, beforeApply: () => gate });

    const job = await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(async () => ((await harness.queues.ops.getJobCounts('active')).active ?? 0) > 0, 10_000, 'an active op');
    const [op] = await harness.queues.ops.getJobs(['active', 'waiting']);
    release();
    await waitForRun(harness.queues.runs, job, { timeoutMs: 20_000 });

    expect(Object.keys(op!.data).sort()).toEqual(['batch', 'catalog', 'ops', 'run', 'source']);
    expect(op!.id).toBe(`${op!.data.run}-batch-0`);
    expect(op!.data.ops.map((o) => o.name)).toEqual(names(2));
    expect(JSON.stringify(op!.data)).not.toMatch(/token/i);
  });
});
