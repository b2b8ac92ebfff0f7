import { afterEach, describe, expect, inject, it } from 'vitest';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { enqueueOperations, opJobId, parseOpJobId } from '../../src/jobs/enqueue-operations.js';
import type { Operation } from '../../src/plan/types.js';
import { CATALOG, uniquePrefix } from './pipeline-harness.js';

const ops: Operation[] = [
  { kind: 'create', name: 'numpy', description: 'arrays', homepage: null },
  { kind: 'update', name: 'a:b c/ü', uuid: 'u'.repeat(32), changes: [{ field: 'description', old: 'x', new: 'y' }] },
  { kind: 'delete', name: '12345', uuid: 'd'.repeat(32) },
];

describe('operation jobs', () => {
  let queues: Queues | undefined;
  afterEach(async () => {
    await queues?.close();
    queues = undefined;
  });

  it.each(ops)('when an id is made for $kind $name, then it has no colon and reads back as the same operation', (op) => {
    const id = opJobId('site-20260101T000000000Z-abc123', op);

    expect(id).not.toContain(':');
    expect(parseOpJobId('site-20260101T000000000Z-abc123', `{catalog-sync}:ops:${id}`)).toEqual({ kind: op.kind, name: op.name });
  });

  it('when the same operations of the same run are enqueued twice, then each is queued once', async () => {
    queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('{ops}'), mode: 'daemon' });
    const parent = await queues.runs.add('run', { source: 'site' });
    const input = {
      ops: queues.ops,
      parent: { id: parent.id!, queue: parent.queueQualifiedName },
      source: 'site',
      run: 'site-run-1',
      catalog: CATALOG,
      operations: ops,
      retry: { attempts: 3, backoffMs: 100 },
    };

    await enqueueOperations(input);
    await enqueueOperations(input);

    expect(await queues.ops.count()).toBe(3);
    const dependencies = await parent.getDependenciesCount();
    expect(dependencies.unprocessed).toBe(3);
    const [job] = await queues.ops.getJobs(['waiting'], 0, 0);
    expect(job?.opts).toMatchObject({ attempts: 3, ignoreDependencyOnFailure: true, backoff: { type: 'exponential' } });
  });
});
