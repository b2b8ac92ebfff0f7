import type { Job } from 'bullmq';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Transient } from '../../src/errors.js';
import { createBatchJournal } from '../../src/jobs/create-batch-journal.js';
import { createOpProcessor } from '../../src/jobs/create-op-processor.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { gatherBatchRecords } from '../../src/jobs/gather-batch-records.js';
import type { OpJobData, OpJobResult } from '../../src/jobs/types.js';
import { createLogger } from '../../src/log/create-logger.js';
import { DEFAULT_RETRY_POLICY } from '../../src/model/retry-policy.js';
import type { Operation } from '../../src/plan/types.js';
import type { ApplyContext } from '../../src/sync/types.js';
import { CATALOG, uniquePrefix } from './pipeline-harness.js';

const logger = createLogger({ level: 'silent', format: 'json' });
const changes = [{ field: 'description' as const, old: 'x', new: 'y' }];
const ops: Operation[] = [
  { kind: 'create', name: 'done-before', description: 'a', homepage: null },
  { kind: 'update', name: 'flaky', uuid: 'f'.repeat(32), changes },
  { kind: 'delete', name: 'never-started', uuid: 'd'.repeat(32) },
];
const data: OpJobData = { source: 'site', run: 'site-run-1', batch: 0, ops, catalog: CATALOG };

describe('batch jobs', () => {
  let queues: Queues;
  afterEach(async () => queues?.close());

  it('when a batch is delivered again, then only its unfinished operations are applied, with the attempts they have left', async () => {
    // Arrange: an earlier delivery finished the first operation and spent 2 attempts on the second.
    queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('batch'), mode: 'client' });
    const journal = createBatchJournal(queues.redis, queues.keys.journal('site-run-1-batch-0'));
    journal.finished(0, { kind: 'create', name: 'done-before', uuid: 'a'.repeat(32), outcome: 'applied' });
    journal.attemptFailed(1, 2);
    await journal.flush();
    const calls: Array<{ name: string; mayHaveRun: boolean }> = [];
    const processor = createOpProcessor({
      apply: async (op: Operation, ctx: ApplyContext) => {
        calls.push({ name: op.name, mayHaveRun: ctx.mayHaveRun });
        if (op.name === 'flaky') throw new Transient('502 from Waldur', 502);
        return { outcome: 'deleted', writes: 1 };
      },
      redis: queues.redis,
      keys: queues.keys,
      logger,
      policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2 },
      concurrency: 2,
      rateLimitPerSecond: null,
    });
    const queueQualifiedName = `${queues.prefix}:ops`;
    const job = { id: 'site-run-1-batch-0', queueQualifiedName, data, attemptsStarted: 2, attemptsMade: 1, stalledCounter: 0 } as unknown as Job<OpJobData, OpJobResult>;
    await queues.redis.set(`${queueQualifiedName}:${job.id}:lock`, 'token');

    // Act
    const result = (await processor(job, 'token')) as OpJobResult;

    // Assert: 2 journaled + 1 possibly in flight at the crash = 3 spent, so 2 more of the 5.
    expect(calls.filter((c) => c.name === 'done-before')).toEqual([]);
    expect(calls.filter((c) => c.name === 'flaky')).toEqual([
      { name: 'flaky', mayHaveRun: true },
      { name: 'flaky', mayHaveRun: true },
    ]);
    expect(calls.filter((c) => c.name === 'never-started')).toEqual([{ name: 'never-started', mayHaveRun: true }]);
    expect(result.records.map((r) => [r.name, r.outcome])).toEqual([
      ['done-before', 'applied'],
      ['flaky', 'failed'],
      ['never-started', 'applied'],
    ]);
  });

  it('when a batch job failed for good, then the run report names each of its operations without reading job ids', async () => {
    // Arrange
    queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('batch'), mode: 'client' });
    const job = await queues.ops.add('batch', data, { jobId: 'site-run-1-batch-0' });
    const journal = createBatchJournal(queues.redis, queues.keys.journal(job.id!));
    journal.finished(0, { kind: 'create', name: 'done-before', uuid: 'a'.repeat(32), outcome: 'applied' });
    await journal.flush();

    // Act
    const { operations } = await gatherBatchRecords({
      results: {},
      failures: { [`${queues.prefix}:ops:${job.id}`]: 'the replica kept dying' },
      ops: queues.ops,
      redis: queues.redis,
      keys: queues.keys,
    });

    // Assert
    expect(operations).toEqual([
      { kind: 'create', name: 'done-before', uuid: 'a'.repeat(32), outcome: 'applied' },
      { kind: 'update', name: 'flaky', uuid: 'f'.repeat(32), outcome: 'failed', error: 'its batch failed: the replica kept dying', changes },
      { kind: 'delete', name: 'never-started', uuid: 'd'.repeat(32), outcome: 'failed', error: 'its batch failed: the replica kept dying' },
    ]);
  });
});
