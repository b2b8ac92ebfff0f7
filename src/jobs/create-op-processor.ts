// The ops job: one batch of a run's operations, applied by the same engine as the in-process
// `sync` command (applyOperations) with the same retry policy. One batch runs at a time across
// all replicas (the ops queue's global concurrency is 1) with `waldur.concurrency` operations in
// flight, and the write pace (rate limit, Retry-After pauses) passes from batch to batch through
// Redis: so both limits hold for every replica together.
import { WaitingError, type Processor } from 'bullmq';
import { RunStopped } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { RetryPolicy } from '../model/retry-policy.js';
import { applyOperations } from '../sync/apply-operations.js';
import { createWriteLimiter, type WritePace } from '../sync/create-write-limiter.js';
import type { ApplyFn } from '../sync/types.js';
import { createBatchJournal } from './create-batch-journal.js';
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';
import type { OpJobData, OpJobResult } from './types.js';

export type { ApplyFn };

const STOPPED_TTL_SECONDS = 7 * 24 * 3600;
/** How often a running batch checks that it still holds its job (a Redis that lost it, a takeover). */
const LOCK_CHECK_MS = 250;
const PACE_TTL_SECONDS = 3_600;

export interface OpProcessorDeps {
  apply: ApplyFn;
  redis: RedisConnection;
  keys: JobKeys;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'observeOperation'> | undefined;
  policy: RetryPolicy;
  /** Operations in flight within a batch (waldur.concurrency). */
  concurrency: number;
  /** Writes per second across all replicas; null = unlimited. */
  rateLimitPerSecond: number | null;
}

function parsePace(text: string | null): WritePace | null {
  if (!text) return null;
  const pace = JSON.parse(text) as Partial<WritePace>;
  return { nextSlot: Number(pace.nextSlot) || 0, pausedUntil: Number(pace.pausedUntil) || 0 };
}

export function createOpProcessor(deps: OpProcessorDeps): Processor<OpJobData, OpJobResult> {
  const { redis, keys } = deps;
  return async (job, token, signal) => {
    const { ops, catalog, source, run, batch } = job.data;
    const log = deps.logger.child({ source, run, batch });
    const journal = createBatchJournal(redis, keys.journal(job.id!));
    // A batch started before (retried, or taken over from a crashed replica) resumes: finished
    // operations keep their records; the others may have reached Waldur already, so each counts
    // one attempt more than journaled and checks before it writes.
    const redelivered = job.attemptsStarted > 1 || job.attemptsMade > 0 || job.stalledCounter > 0;
    const progress = redelivered ? await journal.load() : { finished: new Map(), attemptsUsed: new Map() };
    const attemptsUsed = new Map<number, number>();
    if (redelivered) {
      ops.forEach((_op, index) => {
        if (!progress.finished.has(index)) attemptsUsed.set(index, (progress.attemptsUsed.get(index) ?? 0) + 1);
      });
    }
    const [stoppedBy, paceText] = await Promise.all([redis.get(keys.stopped(run)), redis.get(keys.pace())]);
    const own = createWriteLimiter(deps.rateLimitPerSecond, parsePace(paceText));
    const savePace = () => redis.set(keys.pace(), JSON.stringify(own.pace()), 'EX', PACE_TTL_SECONDS);
    // A Retry-After pause is shared at once: whichever replica runs the next batch honours it.
    const limiter = {
      ...own,
      pause: (ms: number) => {
        log.warn({ pause_ms: ms }, 'rate limited by Waldur; pausing the writes of every replica');
        own.pause(ms);
        savePace().catch((err: unknown) => log.warn({ err }, 'could not share the rate-limit pause'));
      },
    };

    // A batch whose job lock is gone (Redis restarted without persistence, or another replica took
    // it over) stops sending: a new run may already be planning the same packages.
    const lost = new AbortController();
    const lockKey = `${job.queueQualifiedName}:${job.id}:lock`;
    const watch = setInterval(() => {
      redis.get(lockKey).then(
        (holder) => {
          if (holder !== token && !lost.signal.aborted) {
            log.warn('batch lost its job lock; it stops sending');
            lost.abort();
          }
        },
        () => undefined,
      );
    }, LOCK_CHECK_MS);
    const applySignal = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
    const applied = await applyOperations(ops, {
      apply: deps.apply,
      source,
      catalog,
      concurrency: deps.concurrency,
      limiter,
      policy: deps.policy,
      logger: log,
      metrics: deps.metrics,
      signal: applySignal,
      stopped: stoppedBy === null ? null : new RunStopped(stoppedBy),
      finished: progress.finished,
      attemptsUsed,
      // Skipped operations are not journaled: a cancelled batch applies them when it resumes.
      onRecord: (index, record) => {
        if (record.outcome !== 'skipped') journal.finished(index, record);
      },
      onAttemptFailed: (index, spent) => journal.attemptFailed(index, spent),
    });
    clearInterval(watch);
    if (lost.signal.aborted && !signal?.aborted) {
      await journal.flush().catch(() => undefined);
      throw new Error('the batch lost its job lock; its unfinished operations are left to the job\'s new holder');
    }
    const writes = [journal.flush(), savePace()];
    // A rejected token stops the rest of the run: its later batches skip their operations.
    if (applied.stopped && stoppedBy === null && !signal?.aborted) {
      writes.push(redis.set(keys.stopped(run), applied.stopped.message, 'EX', STOPPED_TTL_SECONDS));
    }
    await Promise.all(writes);
    if (signal?.aborted) {
      // Shutting down: hand the batch back without spending an attempt; it resumes from the journal.
      log.info({ finished: progress.finished.size }, 'batch handed back at shutdown');
      await job.moveToWait(token);
      throw new WaitingError();
    }
    return { batch, records: applied.records };
  };
}
