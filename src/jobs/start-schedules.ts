// node-cron schedules, safe with any number of replicas: every replica fires, and a Redis claim
// per (source, fire time) lets exactly one of them enqueue the run (whose job id is derived from
// the slot as well). Sources without a schedule are on demand only.
import cron, { type ScheduledTask } from 'node-cron';
import type { RedisConnection } from './create-redis-connection.js';
import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { JobKeys } from './create-job-keys.js';
import type { ReportStore } from './create-report-store.js';
import { assertValidSchedule, describeSchedule } from './describe-schedule.js';
import type { RunReason } from './types.js';

export type RequestRun = (request: { source: string; reason: RunReason; slot?: string; jobId?: string }) => Promise<string>;

export interface Schedules {
  stop(): Promise<void>;
}

const MIN_CLAIM_MS = 60_000;
const MAX_CLAIM_MS = 7 * 24 * 3_600_000;

export async function startSchedules(deps: {
  sources: SourceConfig[];
  redis: RedisConnection;
  keys: JobKeys;
  reports: ReportStore;
  requestRun: RequestRun;
  logger: Logger;
  now?: () => number;
}): Promise<Schedules> {
  const { redis, keys, logger } = deps;
  const now = deps.now ?? Date.now;
  const tasks: ScheduledTask[] = [];

  const fire = async (source: SourceConfig, slot: Date, claimMs: number): Promise<void> => {
    const slotMs = slot.getTime();
    const claimed = await redis.set(keys.slot(source.name, slotMs), String(now()), 'PX', claimMs, 'NX');
    if (claimed !== 'OK') return;
    const job = await deps.requestRun({
      source: source.name,
      reason: 'schedule',
      slot: slot.toISOString(),
      jobId: `schedule-${source.name}-${slotMs}`,
    });
    logger.info({ source: source.name, slot: slot.toISOString(), job }, 'scheduled run enqueued');
  };

  const catchUp = async (source: SourceConfig, intervalMs: number): Promise<void> => {
    const last = await deps.reports.lastSuccess(source.name);
    if (last !== null && now() - last <= intervalMs) return;
    // Replicas starting together claim the catch-up once per interval.
    const claimed = await redis.set(keys.catchUp(source.name), String(now()), 'PX', intervalMs, 'NX');
    if (claimed !== 'OK') return;
    const job = await deps.requestRun({ source: source.name, reason: 'catch-up' });
    logger.info({ source: source.name, last_success: last === null ? null : new Date(last).toISOString(), job },
      'last successful run is older than the schedule interval; catch-up run enqueued');
  };

  // Config loading checks schedules too; checking all first means a bad one starts nothing.
  deps.sources.forEach((source, index) => {
    if (source.schedule) assertValidSchedule(source.schedule, `sources[${index}].schedule`);
  });
  const pending: Promise<void>[] = [];
  for (const source of deps.sources) {
    if (!source.schedule) continue;
    const { intervalMs } = describeSchedule(source.schedule, source.timezone);
    const claimMs = Math.min(MAX_CLAIM_MS, Math.max(MIN_CLAIM_MS, 2 * intervalMs));
    const task = cron.createTask(
      source.schedule,
      (context) =>
        fire(source, context.date, claimMs).catch((err: unknown) =>
          logger.error({ source: source.name, err }, 'could not enqueue the scheduled run')),
      {
        name: `catalog-sync:${source.name}`,
        // node-cron skips a slot whose timer fires over 1 s late (a long parse or plan blocking
        // the event loop), which would silently drop that run on a single replica. A late slot
        // still runs (node-cron never lets it reach the next one); the Redis claim and the
        // slot-derived job id keep it to one run across replicas.
        missedExecutionTolerance: intervalMs,
        ...(source.timezone ? { timezone: source.timezone } : {}),
        logger: {
          info: (message) => logger.debug({ source: source.name }, message),
          warn: (message) => logger.warn({ source: source.name }, message),
          error: (message) => logger.error({ source: source.name }, String(message)),
          debug: (message) => logger.debug({ source: source.name }, String(message)),
        },
      },
    );
    tasks.push(task);
    pending.push(
      catchUp(source, intervalMs).catch((err: unknown) =>
        logger.error({ source: source.name, err }, 'could not check for a catch-up run')),
    );
  }
  for (const task of tasks) await task.start();
  await Promise.all(pending);
  return {
    stop: async () => {
      await Promise.allSettled(tasks.map((task) => task.destroy()));
    },
  };
}
