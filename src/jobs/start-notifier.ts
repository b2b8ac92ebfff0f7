// Webhooks out: a finished run enqueues one notify job per (event, target) and this replica's
// notify worker delivers them. Jobs live in Redis, so a restart or a crashed replica loses
// nothing, and a receiver that is down costs the run nothing: the run only enqueues.
import { Queue, Worker, type JobsOptions } from 'bullmq';
import { Agent } from 'undici';
import type { NotificationTarget } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { Queues } from './create-queues.js';
import { createNotifyProcessor, type NotifyProcessorDeps } from './create-notify-processor.js';
import { notificationTargetId } from './notification-target-id.js';
import { NOTIFY_QUEUE, type NotifyJobData, type NotifyJobResult } from './notification-types.js';
import { omitOperations } from './omit-operations.js';
import { selectRunEvents } from './select-run-events.js';
import type { RunHistoryEntry } from './types.js';

export interface Notifier {
  /** Enqueues the run's notifications. Never rejects: a notification problem must not fail a run. */
  onRunFinished(entry: RunHistoryEntry): Promise<void>;
  /** Stops the worker (a delivery in flight goes back to the queue) and closes the queue. */
  close(): Promise<void>;
}

export interface NotifierSettings {
  /** Deliveries per message, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles (with jitter). */
  backoffMs: number;
  /** Per attempt: connecting, and waiting for the answer. */
  timeoutMs: number;
  concurrency: number;
}

/** Six attempts 5 s apart, doubling: a receiver may be away for about 2.5 minutes. */
export const DEFAULT_NOTIFIER_SETTINGS: NotifierSettings = { attempts: 6, backoffMs: 5_000, timeoutMs: 10_000, concurrency: 4 };

export async function startNotifier(deps: {
  queues: Queues;
  targets: NotificationTarget[];
  logger: Logger;
  metrics?: NotifyProcessorDeps['metrics'];
  settings?: Partial<NotifierSettings>;
}): Promise<Notifier> {
  const { queues, targets, logger } = deps;
  if (targets.length === 0) return { onRunFinished: async () => undefined, close: async () => undefined };
  const settings = { ...DEFAULT_NOTIFIER_SETTINGS, ...deps.settings };
  const jobOptions: JobsOptions = {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.2 },
    removeOnComplete: { age: 24 * 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 1_000 },
  };
  const dispatcher = new Agent({ connect: { timeout: settings.timeoutMs } });
  const queue = new Queue<NotifyJobData, NotifyJobResult>(NOTIFY_QUEUE, { connection: queues.redis, prefix: queues.prefix });
  queue.on('error', (err) => logger.debug({ err: err.message, queue: NOTIFY_QUEUE }, 'queue error'));
  const worker = new Worker<NotifyJobData, NotifyJobResult>(
    NOTIFY_QUEUE,
    createNotifyProcessor({ targets, dispatcher, timeoutMs: settings.timeoutMs, logger, ...(deps.metrics ? { metrics: deps.metrics } : {}) }),
    { connection: queues.createWorkerConnection(), prefix: queues.prefix, concurrency: settings.concurrency },
  );
  worker.on('error', (err) => logger.warn({ queue: NOTIFY_QUEUE, err: err.message }, 'worker error'));
  await worker.waitUntilReady();

  return {
    onRunFinished: async (entry) => {
      const events = selectRunEvents(entry);
      const report = omitOperations(entry);
      const jobs = targets.flatMap((target) => {
        const id = notificationTargetId(target);
        return events
          .filter((event) => target.events.includes(event))
          .map((event) => ({
            name: event,
            data: { target: id, payload: { event, source: entry.source, run: entry.run, status: entry.status, report } },
            // Deterministic: a run job redelivered after it finished enqueues nothing twice.
            opts: { ...jobOptions, jobId: `${entry.run}-${event}-${id}` },
          }));
      });
      if (jobs.length === 0) return;
      try {
        await queue.addBulk(jobs);
      } catch (err) {
        logger.warn({ source: entry.source, run: entry.run, err: err instanceof Error ? err.message : String(err) },
          'could not enqueue the run notifications');
      }
    },
    close: async () => {
      await worker.close();
      await queue.close();
      await dispatcher.close();
    },
  };
}
