import { afterEach, describe, expect, inject, it } from 'vitest';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { batchJobId, enqueueOperations } from '../../src/jobs/enqueue-operations.js';
import type { Operation } from '../../src/plan/types.js';
import { CATALOG, uniquePrefix } from './pipeline-harness.js';

const ops: Operation[] = [
  { kind: 'create', name: 'numpy', description: 'arrays', homepage: null },
  { kind: 'update', name: 'a:b c/ü', uuid: 'u'.repeat(32), changes: [{ field: 'description', old: 'x', new: 'y' }] },
  { kind: 'delete', name: 'twice', uuid: 'd'.repeat(32) },
  { kind: 'delete', name: 'twice', uuid: 'e'.repeat(32), duplicateOf: 'f'.repeat(32) },
  { kind: 'delete', name: '12345', uuid: '1'.repeat(32) },
];

describe('operation batch jobs', () => {
  let queues: Queues | undefined;
  afterEach(async () => {
    await queues?.close();
    queues = undefined;
  });

  it('when a run id is given, then batch job ids have no colon', () => {
    expect(batchJobId('site-20260101T000000000Z-abc123', 7)).toBe('site-20260101T000000000Z-abc123-batch-7');
  });

  it('when the same operations of the same run are enqueued twice, then each batch is queued once and carries every operation, duplicates included', async () => {
    queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('{ops}'), mode: 'daemon' });
    const parent = await queues.runs.add('run', { source: 'site' });
    const input = {
      ops: queues.ops,
      parent: { id: parent.id!, queue: parent.queueQualifiedName },
      source: 'site',
      run: 'site-run-1',
      catalog: CATALOG,
      operations: ops,
      batchSize: 2,
    };

    const batches = await enqueueOperations(input);
    await enqueueOperations(input);

    expect(batches).toBe(3);
    expect(await queues.ops.count()).toBe(3);
    expect((await parent.getDependenciesCount()).unprocessed).toBe(3);
    const jobs = await queues.ops.getJobs(['waiting']);
    const queued = jobs.sort((a, b) => a.data.batch - b.data.batch).flatMap((j) => j.data.ops);
    expect(queued).toEqual(ops);
    expect(jobs[0]?.opts).toMatchObject({ ignoreDependencyOnFailure: true });
  });
});
