import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../src/jobs/describe-schedule.js';

describe('schedule description', () => {
  it.each([
    ['17 */6 * * *', null, 6 * 3_600_000],
    ['0 3 * * *', 'Europe/Berlin', 24 * 3_600_000],
    ['*/5 * * * * *', null, 5_000],
  ])('when the schedule is %s (%s), then the interval is %d ms and the next run is ahead', (expression, timezone, interval) => {
    const before = Date.now();

    const info = describeSchedule(expression, timezone);

    expect(info.intervalMs).toBe(interval);
    expect(info.next.getTime()).toBeGreaterThan(before - 1_000);
    expect(info.next.getTime()).toBeLessThanOrEqual(before + interval + 1_000);
  });
});
