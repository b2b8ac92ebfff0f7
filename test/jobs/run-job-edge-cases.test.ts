import { describe, expect, inject, it } from 'vitest';
import { createQueues } from '../../src/jobs/create-queues.js';
import { enqueueOperations } from '../../src/jobs/enqueue-operations.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import type { Operation } from '../../src/plan/types.js';
import { CATALOG, uniquePrefix, useHarness, waitUntil } from './pipeline-harness.js';

describe('daemon edge cases of run jobs', () => {
  const startHarness = useHarness();

  it('when two packages share a name, then the delete of each uuid runs', async () => {
    const deletes: Operation[] = [
      { kind: 'delete', name: 'twice', uuid: 'a'.repeat(32) },
      { kind: 'delete', name: 'twice', uuid: 'b'.repeat(32), duplicateOf: 'c'.repeat(32) },
    ];
    const harness = await startHarness({ desired: { site: ['keep'] }, extraOperations: { site: deletes } });

    const report = await waitForRun(harness.queues.runs, await enqueueRun(harness.queues.runs, { source: 'site', reason: 'trigger' }), { timeoutMs: 20_000 });

    expect(report).toMatchObject({ status: 'succeeded', created: 1, deleted: 2, failed: 0 });
    const deleted = harness.applied.filter((c) => c.op.kind === 'delete').map((c) => (c.op as { uuid: string }).uuid);
    expect(deleted.sort()).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('when a run job is redelivered after it enqueued its operations, then it resumes with them, never plans again and keeps the source until they are done', async () => {
    // Arrange: the state a crash leaves behind between enqueueing the batches and saving the step.
    const prefix = uniquePrefix('resume');
    const arrange = createQueues({ url: inject('redisUrl'), prefix, mode: 'client' });
    const enqueued: Operation[] = [
      { kind: 'create', name: 'old-a', description: 'a', homepage: null },
      { kind: 'create', name: 'old-b', description: 'b', homepage: null },
    ];
    const run = 'site-20260101T000000000Z-abc123';
    const summary = { catalog: CATALOG, unchanged: 0, refusedDelete: [], operations: enqueued.length };
    const job = await arrange.runs.add('run', { source: 'site', reason: 'trigger', step: 'enqueue', run, startedAt: new Date().toISOString(), summary });
    await enqueueOperations({ ops: arrange.ops, parent: { id: job.id!, queue: job.queueQualifiedName }, source: 'site', run, catalog: CATALOG, operations: enqueued, batchSize: 1 });
    await arrange.close();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));

    // Act: a replica picks the run job up again; a fresh plan would be something else (new-x).
    const harness = await startHarness({ prefix, desired: { site: ['new-x'] }, beforeApply: () => gate });
    await waitUntil(() => harness.applied.length > 0, 10_000, 'an enqueued operation to start');
    const holderWhilePending = await harness.pipeline.lock.holder('site');
    release();
    const report = await waitForRun(harness.queues.runs, job.id!, { timeoutMs: 20_000 });

    // Assert
    expect(harness.prepares).toEqual([]);
    expect(holderWhilePending).toBe(job.id);
    expect(harness.applied.map((c) => c.op.name).sort()).toEqual(['old-a', 'old-b']);
    expect(report).toMatchObject({ run, status: 'succeeded', created: 2 });
    expect(await harness.pipeline.lock.holder('site')).toBeNull();
  });
});
