import { Aborted, AuthError, describeError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { CatalogRef } from '../model.js';
import type { WaldurClient } from '../waldur/types.js';
import { applyOperation } from './apply-operation.js';
import { applyWithRetries, type ApplyRetryPolicy } from './apply-with-retries.js';
import { createWriteLimiter } from './create-write-limiter.js';
import { forEachConcurrently } from './for-each-concurrently.js';
import type { Operation, OperationRecord, RunProgress } from './types.js';

export interface ApplyOperationsOptions {
  catalog: CatalogRef;
  concurrency: number;
  rateLimitPerSecond: number | null;
  policy: ApplyRetryPolicy;
  logger: Logger;
  metrics?: SyncMetrics;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

/**
 * Applies the operations in-process with bounded concurrency, one write limiter for all workers
 * and retries per operation. Never throws: each operation ends as a record. After an auth error
 * (wrong or non-staff token) or a cancel, the remaining operations fail without a request.
 */
export async function applyOperations(
  client: WaldurClient,
  operations: readonly Operation[],
  options: ApplyOperationsOptions,
): Promise<OperationRecord[]> {
  const { logger, metrics, signal } = options;
  const limiter = createWriteLimiter(options.rateLimitPerSecond);
  const records: OperationRecord[] = new Array(operations.length);
  let stopReason: string | null = null;
  const progress: RunProgress = { done: 0, total: operations.length, failed: 0 };

  await forEachConcurrently(operations, options.concurrency, async (op, index) => {
    let record: OperationRecord;
    if (stopReason === null && signal?.aborted) stopReason = 'the run was cancelled';
    if (stopReason !== null) {
      record = { kind: op.kind, name: op.name, outcome: 'failed', error: `not attempted: ${stopReason}` };
    } else {
      try {
        const result = await applyWithRetries(
          (mayHaveRun) => applyOperation(client, op, { catalog: options.catalog, mayHaveRun, signal }),
          {
            limiter,
            policy: options.policy,
            signal,
            onRetry: (err, tries) => logger.debug({ op: op.kind, name: op.name, tries, error: describeError(err) }, 'retrying'),
          },
        );
        record = { kind: op.kind, name: op.name, outcome: result.outcome };
        logger.debug({ op: op.kind, name: op.name, outcome: result.outcome, writes: result.writes }, 'applied');
      } catch (err) {
        if (err instanceof AuthError || err instanceof Aborted) stopReason ??= describeError(err);
        record = { kind: op.kind, name: op.name, outcome: 'failed', error: describeError(err) };
        logger.warn({ op: op.kind, name: op.name, error: record.error }, 'operation failed');
      }
    }
    records[index] = record;
    metrics?.observeOperation(op.kind, record.outcome === 'failed' ? 'failed' : 'succeeded');
    progress.done += 1;
    if (record.outcome === 'failed') progress.failed += 1;
    options.onProgress?.({ ...progress });
  });
  return records;
}
