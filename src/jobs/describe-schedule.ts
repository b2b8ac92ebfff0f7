// Next fire time and interval of a cron schedule (5 fields, or 6 with seconds), as node-cron
// computes them, so `status` and the catch-up decision agree with the running schedule.
import cron from 'node-cron';
import { ConfigError } from '../errors.js';

export interface ScheduleInfo {
  next: Date;
  /** Time between the next two fire times. */
  intervalMs: number;
}

export function assertValidSchedule(expression: string, field: string): void {
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    const details = result.errors.map((e) => e.message).join('; ');
    throw new ConfigError(`${field}: invalid cron expression ${JSON.stringify(expression)}: ${details}`, {
      [field]: [details],
    });
  }
}

export function describeSchedule(expression: string, timezone: string | null): ScheduleInfo {
  const task = cron.createTask(expression, () => undefined, timezone ? { timezone } : {});
  try {
    const [next, after] = task.getNextRuns(2);
    if (!next || !after) throw new ConfigError(`cron expression ${JSON.stringify(expression)} never fires`);
    return { next, intervalMs: after.getTime() - next.getTime() };
  } finally {
    void task.destroy();
  }
}
