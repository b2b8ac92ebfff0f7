// The operation job: one create / update / delete, applied with the same function the in-process
// `sync` command uses. Retries belong to BullMQ (attempts + exponential backoff); this decides
// which failures are worth retrying.
import { UnrecoverableError, Worker, WaitingError, type Processor, type Queue } from 'bullmq';
import { AuthError, RateLimited, ValidationError, describeError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { Operation } from '../plan/types.js';
import { DEFAULT_APPLY_RETRY } from '../sync/apply-with-retries.js';
import type { ApplyContext, OperationResult } from '../sync/types.js';
import type { OpJobData, OpJobResult } from './types.js';

export type ApplyFn = (op: Operation, ctx: ApplyContext) => Promise<OperationResult>;

export interface OpProcessorDeps {
  apply: ApplyFn;
  ops: Queue<OpJobData, OpJobResult>;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'observeOperation'>;
  /** Rate-limit pauses one operation may wait out (default as in-process); then 429s spend attempts. */
  maxRateLimitWaits?: number;
}

export function createOpProcessor(deps: OpProcessorDeps): Processor<OpJobData, OpJobResult> {
  return async (job, token, signal) => {
    const { op, catalog, source, run } = job.data;
    const log = deps.logger.child({ source, run, op: op.kind, package: op.name });
    // A job started before (retry, stalled and redelivered, handed back) may have reached the
    // server already; the operation then checks before it writes.
    const mayHaveRun = job.attemptsMade > 0 || job.attemptsStarted > 1 || job.stalledCounter > 0;
    try {
      const result = await deps.apply(op, { catalog, mayHaveRun, logger: log, ...(signal ? { signal } : {}) });
      deps.metrics?.observeOperation(op.kind, 'succeeded');
      return { kind: op.kind, name: op.name, outcome: result.outcome, writes: result.writes };
    } catch (err) {
      if (signal?.aborted) {
        // Shutting down: hand the job back without spending an attempt.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      // The run report prefixes the operation (kind and name) from the job id.
      const message = describeError(err);
      // Each pause hands the job back without spending an attempt; a Waldur that answers 429 to
      // everything must not keep a run open forever, so after enough pauses 429s count as failures.
      const rateLimitWaits = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
      const maxWaits = deps.maxRateLimitWaits ?? DEFAULT_APPLY_RETRY.maxRateLimitWaits;
      if (err instanceof RateLimited && err.retryAfterMs > 0 && rateLimitWaits < maxWaits) {
        // Pause the whole ops queue (every replica) for the server's delay, capped like the
        // in-process runner's, instead of burning this job's attempts; the job goes back to
        // waiting. A 429/503 without a delay is retried with backoff like any transient error
        // (pausing for 0 ms would retry it at once, forever).
        const pauseMs = Math.min(err.retryAfterMs, DEFAULT_APPLY_RETRY.maxRetryAfterMs);
        log.warn({ retry_after_ms: err.retryAfterMs, pause_ms: pauseMs }, 'rate limited by Waldur; pausing the ops queue');
        await deps.ops.rateLimit(pauseMs);
        throw Worker.RateLimitError();
      }
      const permanent = err instanceof ValidationError || err instanceof AuthError;
      const lastAttempt = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) deps.metrics?.observeOperation(op.kind, 'failed');
      log.warn({ attempt: job.attemptsMade + 1, permanent, err: message }, 'operation failed');
      if (permanent) throw new UnrecoverableError(message);
      throw new Error(message);
    }
  };
}
