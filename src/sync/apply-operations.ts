import { Aborted, describeError, RunStopped } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { CatalogRef } from '../model.js';
import type { OperationRecord } from '../model/operation-record.js';
import { AUDIT_VALUE_CHARS, changesToJson } from '../plan/changes-to-json.js';
import type { RetryPolicy } from '../model/retry-policy.js';
import { classifyError } from '../waldur/classify-error.js';
import { applyWithRetries } from './apply-with-retries.js';
import type { WriteLimiter } from './create-write-limiter.js';
import { forEachConcurrently } from './for-each-concurrently.js';
import type { ApplyFn, Operation, OperationResult, RunProgress } from './types.js';

export interface ApplyOperationsOptions {
  /** Applies one operation once; retries are this engine's. */
  apply: ApplyFn;
  /** The run's source (metrics label). */
  source: string;
  catalog: CatalogRef;
  concurrency: number;
  /** Paces write attempts and holds every worker during a rate-limit pause. */
  limiter: WriteLimiter;
  policy: RetryPolicy;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'observeOperation'> | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: RunProgress) => void) | undefined;
  /** The run stopped before these operations (a rejected token seen by an earlier batch). */
  stopped?: RunStopped | null;
  /** Operations that ended before (a retried batch): kept as they are, never applied again. */
  finished?: ReadonlyMap<number, OperationRecord>;
  /** Attempts spent before on unfinished operations (a retried batch), by index. */
  attemptsUsed?: ReadonlyMap<number, number>;
  /** Each operation's record as soon as it ends (the queue journals it). */
  onRecord?: (index: number, record: OperationRecord) => void;
  /** Each failed attempt that is retried, with the attempts spent so far (the queue journals it). */
  onAttemptFailed?: (index: number, attemptsSpent: number) => void;
}

export interface AppliedOperations {
  /** One record per operation, in the given order. */
  records: OperationRecord[];
  /** Set when the run stopped (rejected token, cancel): the later operations were skipped. */
  stopped: RunStopped | null;
}

const EFFECT_OF_KIND = { create: 'created', update: 'updated', delete: 'deleted' } as const;

function appliedRecord(op: Operation, result: OperationResult): OperationRecord {
  const record: OperationRecord = { kind: op.kind, name: op.name, outcome: 'applied' };
  const uuid = result.uuid ?? (op.kind === 'create' ? undefined : op.uuid);
  if (uuid !== undefined) record.uuid = uuid;
  if (op.kind === 'update') record.changes = op.changes;
  if (result.outcome !== 'unchanged' && result.outcome !== EFFECT_OF_KIND[op.kind]) record.effect = result.outcome;
  return record;
}

function unappliedRecord(op: Operation, outcome: 'failed' | 'skipped', error: string): OperationRecord {
  const record: OperationRecord = { kind: op.kind, name: op.name, outcome, error };
  if (op.kind !== 'create') record.uuid = op.uuid;
  if (op.kind === 'update') record.changes = op.changes;
  return record;
}

/**
 * The one apply engine: the in-process `sync` runs a whole plan through it, and each batch job of
 * the queue runs its batch through it. Bounded concurrency, one limiter for every worker, one
 * retry policy per operation. Never throws: each operation ends as a record. A rejected token
 * (401/403) or a cancel stops the run: the operations not yet sent are skipped, without a request.
 */
export async function applyOperations(operations: readonly Operation[], options: ApplyOperationsOptions): Promise<AppliedOperations> {
  const { logger, metrics, signal, policy } = options;
  const records: OperationRecord[] = new Array(operations.length);
  let stopped: RunStopped | null = options.stopped ?? null;
  const progress: RunProgress = { done: 0, total: operations.length, failed: 0 };

  const applyOne = async (op: Operation, index: number): Promise<OperationRecord> => {
    const finished = options.finished?.get(index);
    if (finished) return finished;
    if (stopped === null && signal?.aborted) stopped = new RunStopped('the run was cancelled');
    if (stopped !== null) return unappliedRecord(op, 'skipped', `not sent: ${stopped.message}`);
    const attemptsUsed = options.attemptsUsed?.get(index) ?? 0;
    if (attemptsUsed >= policy.maxAttempts) {
      return unappliedRecord(op, 'failed', `its ${policy.maxAttempts} attempts were spent before the batch was retried`);
    }
    try {
      const result = await applyWithRetries((mayHaveRun) => options.apply(op, { catalog: options.catalog, mayHaveRun, signal, logger }), {
        limiter: options.limiter,
        policy,
        signal,
        attemptsUsed,
        onRetry: (err, spent) => {
          logger.debug({ op: op.kind, name: op.name, attempts: spent, error: describeError(err) }, 'retrying');
          options.onAttemptFailed?.(index, spent);
        },
      });
      const record = appliedRecord(op, result);
      // The audit trail: every applied operation at info, with source and run from the logger.
      logger.info(
        {
          op: op.kind,
          name: op.name,
          uuid: record.uuid ?? null,
          ...(record.changes ? { changes: changesToJson(record.changes, AUDIT_VALUE_CHARS) } : {}),
          ...(record.effect ? { effect: record.effect } : {}),
          writes: result.writes,
        },
        'applied',
      );
      return record;
    } catch (err) {
      if (err instanceof Aborted) {
        stopped ??= new RunStopped('the run was cancelled');
        return unappliedRecord(op, 'skipped', `not finished: ${stopped.message}`);
      }
      if (classifyError(err) === 'auth') {
        stopped ??= new RunStopped(`Waldur rejected the token: ${describeError(err)}`, { cause: err });
        logger.error({ op: op.kind, name: op.name, error: describeError(err) }, 'token rejected; the run stops');
      }
      const record = unappliedRecord(op, 'failed', describeError(err));
      logger.warn({ op: op.kind, name: op.name, error: record.error }, 'operation failed');
      return record;
    }
  };

  await forEachConcurrently(operations, options.concurrency, async (op, index) => {
    const wasFinished = options.finished?.has(index) === true;
    const record = await applyOne(op, index);
    records[index] = record;
    if (!wasFinished) {
      options.onRecord?.(index, record);
      if (record.outcome !== 'skipped') metrics?.observeOperation(options.source, op.kind, record.outcome === 'applied' ? 'succeeded' : 'failed');
    }
    progress.done += 1;
    if (record.outcome !== 'applied') progress.failed += 1;
    options.onProgress?.({ ...progress });
  });
  return { records, stopped };
}
