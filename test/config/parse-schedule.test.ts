import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/config/parse-schedule.js';

const FIELDS = 'is not a valid cron expression: expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first';

describe('parseSchedule', () => {
  it.each([
    ['17 */6 * * *', '17 */6 * * *'],
    ['0 3 * * *', '0 3 * * *'],
    ['30 0 3 * * mon-fri', '30 0 3 * * mon-fri'],
    ['  0   3 * * * ', '0 3 * * *'],
  ])('when the schedule is %j, then it is kept as %j', (input, expression) => {
    expect(parseSchedule(input)).toEqual({ ok: true, value: expression });
  });

  it.each([
    ['61 * * * *', 'is not a valid cron expression: the minute field is not valid'],
    ['0 25 * * *', 'is not a valid cron expression: the hour field is not valid'],
    ['0 0 0 * *', 'is not a valid cron expression: the day-of-month field is not valid'],
    ['0 3 * *', FIELDS],
    ['* * * * * * *', FIELDS],
    ['every day', FIELDS],
    ['', FIELDS],
    [5, 'must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text'],
  ])('when the schedule is %j, then it is refused', (input, message) => {
    expect(parseSchedule(input)).toEqual({ ok: false, message });
  });
});
