import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { createRunState } from '../../src/jobs/create-run-state.js';
import { startSchedules, type RequestRun, type Schedules } from '../../src/jobs/start-schedules.js';
import type { RunHistoryEntry } from '../../src/jobs/types.js';
import { ConfigError } from '../../src/errors.js';
import { describeSchedule } from '../../src/jobs/describe-schedule.js';
import { sleep, testSource, uniquePrefix } from './pipeline-harness.js';

const logger = createLogger({ level: 'silent', format: 'json' });

function succeededAt(source: string, finishedAt: Date): RunHistoryEntry {
  return {
    source, run: `${source}-${finishedAt.getTime()}`, status: 'succeeded', created: 0, updated: 0, deleted: 0,
    unchanged: 1, failed: 0, refused_deletes: 0, errors: [], duration_ms: 10,
    started_at: finishedAt.toISOString(), finished_at: finishedAt.toISOString(), job: 'j', reason: 'trigger',
  };
}

describe('schedules across replicas', () => {
  const opened: Array<Queues | Schedules> = [];
  afterEach(async () => {
    for (const item of opened.reverse()) await ('runs' in item ? item.close() : item.stop());
    opened.length = 0;
  });

  /** One "replica": its own Redis connection and its own node-cron tasks. */
  async function replica(prefix: string, sources: ReturnType<typeof testSource>[], calls: Parameters<RequestRun>[0][]) {
    const queues = createQueues({ url: inject('redisUrl'), prefix, mode: 'daemon' });
    opened.push(queues);
    const { reports } = createRunState(queues);
    const schedules = await startSchedules({
      sources, redis: queues.redis, keys: queues.keys, reports, logger,
      requestRun: async (request) => {
        calls.push(request);
        return request.jobId ?? 'job';
      },
    });
    opened.push(schedules);
    return { queues, reports };
  }

  it('when two replicas share a schedule firing every second, then each slot is enqueued by exactly one of them', async () => {
    const prefix = uniquePrefix('sched');
    const calls: Parameters<RequestRun>[0][] = [];
    const source = testSource('fast', { schedule: '* * * * * *' });
    const first = await replica(prefix, [source], calls);
    // A recent success: no catch-up run muddles the count.
    await first.reports.record(succeededAt('fast', new Date()));
    await replica(prefix, [source], calls);

    await sleep(3_300);

    const slots = calls.filter((c) => c.reason === 'schedule').map((c) => c.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    expect(calls.every((c) => c.reason !== 'schedule' || c.jobId === `schedule-fast-${Date.parse(c.slot!)}`)).toBe(true);
  });

  it('when the event loop is blocked across a fire time, then that slot is still enqueued once it is free', async () => {
    const prefix = uniquePrefix('late');
    const calls: Parameters<RequestRun>[0][] = [];
    const source = testSource('busy', { schedule: '*/4 * * * * *' });
    const { reports } = await replica(prefix, [source], calls);
    await reports.record(succeededAt('busy', new Date()));
    let slot = describeSchedule(source.schedule!, null).next.getTime();
    if (slot - Date.now() < 500) slot += 4_000;

    // A long parse or plan in the same process keeps the timer from firing on time.
    await sleep(slot - Date.now() - 300);
    while (Date.now() < slot + 2_300) {
      // busy
    }
    await sleep(300);

    expect(calls.filter((c) => c.reason === 'schedule').map((c) => c.slot)).toContain(new Date(slot).toISOString());
  });

  it('when the last success is older than the interval, then one catch-up run is enqueued across replicas', async () => {
    const prefix = uniquePrefix('catchup');
    const calls: Parameters<RequestRun>[0][] = [];
    const stale = testSource('stale', { schedule: '0 * * * *' });
    const fresh = testSource('fresh', { schedule: '0 * * * *' });
    const never = testSource('never', { schedule: '0 * * * *' });
    const manual = testSource('manual');
    const seeding = createQueues({ url: inject('redisUrl'), prefix, mode: 'daemon' });
    opened.push(seeding);
    const { reports } = createRunState(seeding);
    await reports.record(succeededAt('stale', new Date(Date.now() - 2 * 3_600_000)));
    await reports.record(succeededAt('fresh', new Date(Date.now() - 600_000)));

    await replica(prefix, [stale, fresh, never, manual], calls);
    await replica(prefix, [stale, fresh, never, manual], calls);

    expect(calls.map((c) => `${c.source}:${c.reason}`).sort()).toEqual(['never:catch-up', 'stale:catch-up']);
  });

  it('when a schedule is not a valid cron expression, then starting fails with a config error naming the field', async () => {
    const queues = createQueues({ url: inject('redisUrl'), prefix: uniquePrefix('badcron'), mode: 'daemon' });
    opened.push(queues);
    const { reports } = createRunState(queues);

    const start = startSchedules({
      sources: [testSource('ok'), testSource('bad', { schedule: '61 * * * *' })],
      redis: queues.redis, keys: queues.keys, reports, logger, requestRun: async () => 'x',
    });

    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow('sources[1].schedule');
  });
});
