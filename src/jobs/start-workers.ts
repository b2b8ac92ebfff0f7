// Starts the runs and ops workers of one replica and stops them in order within a deadline.
import { Worker, type Processor } from 'bullmq';
import type { Logger } from '../log/create-logger.js';
import { settleWithin } from '../settle-within.js';
import { isRedisConnectionError } from './create-outage-watch.js';
import type { Queues } from './create-queues.js';
import { nameReplica } from './name-replica.js';
import { OPS_QUEUE, RUNS_QUEUE, type OpJobData, type OpJobResult, type RunJobData, type RunJobResult } from './types.js';

export interface WorkerSettings {
  /** Operations in flight within the one batch job that runs at a time across all replicas. */
  writeConcurrency: number;
  /** Writes per second across all replicas (paced inside the batches); null = unlimited. */
  rateLimitPerSecond: number | null;
  runConcurrency: number;
  /** How long a worker's claim on a job lasts without renewal (a dead replica's jobs return after it). */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Stored on every job this replica processes (BullMQ `processedBy`); default host:pid. */
  name?: string;
}

export interface Workers {
  isRunning(): boolean;
  /** Stops taking jobs; running ones finish or are handed back. True when all stopped in time. */
  close(deadlineMs: number): Promise<boolean>;
}

/** With Redis gone at shutdown, how long the workers get to close before the daemon moves on. */
const REDIS_GONE_GRACE_MS = 1_000;

export async function startWorkers(input: {
  queues: Queues;
  runProcessor: Processor<RunJobData, RunJobResult>;
  opProcessor: Processor<OpJobData, OpJobResult>;
  settings: WorkerSettings;
  logger: Logger;
}): Promise<Workers> {
  const { queues, settings, logger } = input;
  const common = {
    prefix: queues.prefix,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    // A job whose replica died twice in a row is still retried once more before it fails.
    maxStalledCount: 2,
    name: settings.name ?? nameReplica(),
  };
  // One batch at a time across every replica: it has writeConcurrency operations in flight and
  // carries the write pace on to the next, so concurrency and rate limit hold cluster-wide.
  const setGlobalConcurrency = () => queues.ops.setGlobalConcurrency(1);
  await setGlobalConcurrency();
  // A Redis that restarted without persistence lost the setting; put it back on reconnect.
  queues.redis.on('ready', () => {
    setGlobalConcurrency().catch((err: unknown) => logger.warn({ err }, 'could not restore the global write concurrency'));
  });
  const runs = new Worker<RunJobData, RunJobResult>(RUNS_QUEUE, input.runProcessor, {
    ...common,
    connection: queues.createWorkerConnection(),
    concurrency: settings.runConcurrency,
  });
  const ops = new Worker<OpJobData, OpJobResult>(OPS_QUEUE, input.opProcessor, {
    ...common,
    connection: queues.createWorkerConnection(),
    concurrency: 1,
  });
  for (const worker of [runs, ops]) {
    worker.on('error', (err) => logger[isRedisConnectionError(err) ? 'debug' : 'warn']({ queue: worker.name, err: err.message }, 'worker error'));
    worker.on('stalled', (jobId) => logger.warn({ queue: worker.name, job: jobId }, 'job stalled; redelivering'));
    worker.on('failed', (job, err) => {
      if (job && job.queueName === RUNS_QUEUE) logger.error({ job: job.id, source: job.data?.source, err: err.message }, 'run job failed');
    });
  }
  await Promise.all([runs.waitUntilReady(), ops.waitUntilReady()]);
  return {
    isRunning: () => runs.isRunning() && ops.isRunning() && !runs.closing && !ops.closing,
    close: async (deadlineMs) => {
      if (queues.redis.status !== 'ready') {
        // No job can be finished or handed back without Redis, and closing would wait for it
        // until the deadline. Running jobs return to the queue when their locks expire.
        logger.warn('Redis unreachable at shutdown; not waiting for running jobs (they return to the queue when their locks expire)');
        runs.cancelAllJobs('shutdown');
        ops.cancelAllJobs('shutdown');
        await settleWithin(Promise.allSettled([runs.close(true), ops.close(true)]), Math.min(REDIS_GONE_GRACE_MS, deadlineMs), null);
        return false;
      }
      const started = Date.now();
      const closed = Promise.allSettled([runs.close(), ops.close()]).then(() => true);
      if (await settleWithin(closed, deadlineMs * 0.5, false)) return true;
      // Half the deadline is gone: abort running jobs; their processors hand them back.
      logger.warn('jobs still running at shutdown; handing them back to the queue');
      runs.cancelAllJobs('shutdown');
      ops.cancelAllJobs('shutdown');
      return settleWithin(closed, deadlineMs * 0.85 - (Date.now() - started), false);
    },
  };
}
