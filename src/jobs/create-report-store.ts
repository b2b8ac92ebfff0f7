// Run reports kept in Redis: a capped history per source (newest first) and the time of the
// last succeeded run, which drives the start-up catch-up run.
import type { RedisConnection } from './create-redis-connection.js';
import type { JobKeys } from './create-job-keys.js';
import type { RunHistoryEntry } from './types.js';

export const DEFAULT_HISTORY_SIZE = 50;

// Recording is idempotent per run: a run job redelivered after it wrote its report (crash
// between writing and completing) must not add a second entry.
// KEYS: reported marker, reports list, last-success. ARGV: entry JSON, history size, marker TTL s,
// finished-at ms or '' when the run did not succeed.
const RECORD = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[3])) then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
if ARGV[4] ~= '' then
  local previous = tonumber(redis.call('GET', KEYS[3]) or '0')
  if tonumber(ARGV[4]) > previous then redis.call('SET', KEYS[3], ARGV[4]) end
end
return 1`;

const MARKER_TTL_SECONDS = 7 * 24 * 3600;

export interface ReportStore {
  /** Returns false when this run's report was recorded before. */
  record(entry: RunHistoryEntry): Promise<boolean>;
  /** Newest first. */
  history(source: string, limit?: number): Promise<RunHistoryEntry[]>;
  /** Epoch ms of the last succeeded run, or null. */
  lastSuccess(source: string): Promise<number | null>;
}

export function createReportStore(options: { redis: RedisConnection; keys: JobKeys; historySize?: number }): ReportStore {
  const { redis, keys } = options;
  const size = options.historySize ?? DEFAULT_HISTORY_SIZE;
  return {
    record: async (entry) => {
      // A rejected plan is in the history, but it is no sync: it says nothing about freshness.
      const success = entry.status === 'succeeded' && entry.reason !== 'reject' ? String(Date.parse(entry.finished_at)) : '';
      const added = await redis.eval(
        RECORD,
        3,
        keys.reported(entry.run),
        keys.reports(entry.source),
        keys.lastSuccess(entry.source),
        JSON.stringify(entry),
        String(size),
        String(MARKER_TTL_SECONDS),
        success,
      );
      return added === 1;
    },
    history: async (source, limit = size) => {
      const rows = await redis.lrange(keys.reports(source), 0, limit - 1);
      return rows.map((row) => JSON.parse(row) as RunHistoryEntry);
    },
    lastSuccess: async (source) => {
      const value = await redis.get(keys.lastSuccess(source));
      return value === null ? null : Number(value);
    },
  };
}
