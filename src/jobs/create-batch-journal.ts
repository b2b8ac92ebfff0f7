// What a batch job has done so far, kept in Redis so that a retried or redelivered batch applies
// only the operations that did not finish, with the attempts they have left.
import type { OperationRecord } from '../model/operation-record.js';
import type { RedisConnection } from './create-redis-connection.js';

const JOURNAL_TTL_SECONDS = 7 * 24 * 3600;
/** Entries are written together at most this often (one round trip), and when the batch ends. */
const FLUSH_EVERY_MS = 100;

export interface BatchProgress {
  finished: Map<number, OperationRecord>;
  attemptsUsed: Map<number, number>;
}

export interface BatchJournal {
  /** What an earlier delivery of this batch recorded. */
  load(): Promise<BatchProgress>;
  finished(index: number, record: OperationRecord): void;
  attemptFailed(index: number, attemptsSpent: number): void;
  /** Writes what is pending; resolves when Redis has it. */
  flush(): Promise<void>;
}

/** Field `r<index>`: the operation's record; `a<index>`: attempts it spent. */
export function createBatchJournal(redis: RedisConnection, key: string): BatchJournal {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return writing;
    const fields = pending;
    pending = [];
    writing = writing.catch(() => undefined).then(async () => {
      await redis.multi().hset(key, ...fields).expire(key, JOURNAL_TTL_SECONDS).exec();
    });
    return writing;
  };
  const schedule = (): void => {
    timer ??= setTimeout(() => {
      // A failed write surfaces at the batch's final flush.
      write().catch(() => undefined);
    }, FLUSH_EVERY_MS);
  };

  return {
    async load() {
      const fields = await redis.hgetall(key);
      const progress: BatchProgress = { finished: new Map(), attemptsUsed: new Map() };
      for (const [field, value] of Object.entries(fields)) {
        const index = Number(field.slice(1));
        if (field.startsWith('r')) progress.finished.set(index, JSON.parse(value) as OperationRecord);
        else progress.attemptsUsed.set(index, Number(value));
      }
      return progress;
    },
    finished(index, record) {
      pending.push(`r${index}`, JSON.stringify(record));
      schedule();
    },
    attemptFailed(index, attemptsSpent) {
      pending.push(`a${index}`, String(attemptsSpent));
      schedule();
    },
    flush: write,
  };
}
