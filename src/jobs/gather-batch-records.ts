// The records of a run's operations, gathered from its batch jobs: each completed batch returned
// its records; a failed batch (its replica kept dying) is read back from its job data and its
// journal, so the report names each of its operations (kind, name, uuid) and what became of it.
import { Job, type Queue } from 'bullmq';
import type { OperationRecord } from '../model/operation-record.js';
import { createBatchJournal } from './create-batch-journal.js';
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';
import type { OpJobData, OpJobResult } from './types.js';

export async function gatherBatchRecords(input: {
  results: Record<string, OpJobResult>;
  /** Failed batch jobs by job key: the failure reason. */
  failures: Record<string, string>;
  ops: Queue<OpJobData, OpJobResult>;
  redis: RedisConnection;
  keys: JobKeys;
}): Promise<{ operations: OperationRecord[]; errors: string[] }> {
  const batches: Array<{ batch: number; records: OperationRecord[] }> = Object.values(input.results);
  const errors: string[] = [];
  for (const [key, reason] of Object.entries(input.failures)) {
    const id = key.slice(key.lastIndexOf(':') + 1);
    const job = await Job.fromId<OpJobData, OpJobResult>(input.ops, id);
    if (!job) {
      errors.push(`a batch of operations failed and its job is gone: ${reason}`);
      continue;
    }
    const { finished } = await createBatchJournal(input.redis, input.keys.journal(id)).load();
    const records = job.data.ops.map((op, index): OperationRecord => {
      const done = finished.get(index);
      if (done) return done;
      const record: OperationRecord = { kind: op.kind, name: op.name, outcome: 'failed', error: `its batch failed: ${reason}` };
      if (op.kind !== 'create') record.uuid = op.uuid;
      if (op.kind === 'update') record.changes = op.changes;
      return record;
    });
    batches.push({ batch: job.data.batch, records });
  }
  batches.sort((a, b) => a.batch - b.batch);
  return { operations: batches.flatMap((b) => b.records), errors };
}
