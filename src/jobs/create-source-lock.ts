// One run per source at a time, and at most one run queued behind it.
//
// The lock holds the job id of the run that owns the source. It has no TTL on purpose: a run
// spends most of its life in BullMQ's waiting-children state, where nobody could renew a TTL.
// Instead a holder whose job is finished or gone (a crashed replica, a lost Redis) is stale and
// may be taken over, decided by asking the queue for the holder job's state.
import type { RedisConnection } from './create-redis-connection.js';
import type { JobKeys } from './create-job-keys.js';

// KEYS[1] = key to claim, KEYS[2] = follow-up key cleared when its holder takes the lock.
// ARGV[1] = claiming job id, ARGV[2] = holder known to be stale ('' = none).
// Returns '' when claimed, else the current holder.
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if (not current) or current == ARGV[1] or (ARGV[2] ~= '' and current == ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[1])
  if KEYS[2] and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
  return ''
end
return current`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export type ClaimResult = { claimed: true } | { claimed: false; holder: string };

export interface SourceLock {
  /** Takes the source for `jobId` (re-entrant: a redelivered job keeps its lock). */
  acquire(source: string, jobId: string): Promise<ClaimResult>;
  release(source: string, jobId: string): Promise<void>;
  /** Makes `jobId` the one follow-up run, unless a live follow-up exists already. */
  claimFollowUp(source: string, jobId: string): Promise<ClaimResult>;
  holder(source: string): Promise<string | null>;
  followUp(source: string): Promise<string | null>;
}

export interface SourceLockDeps {
  redis: RedisConnection;
  keys: JobKeys;
  /** True while the job can still run or is running (waiting, delayed, active, waiting-children). */
  isLive(jobId: string): Promise<boolean>;
}

export function createSourceLock({ redis, keys, isLive }: SourceLockDeps): SourceLock {
  const claim = async (claimKeys: string[], jobId: string): Promise<ClaimResult> => {
    let stale = '';
    // Two rounds at most: the second one takes over a holder found stale in the first.
    for (let round = 0; round < 2; round += 1) {
      const holder = (await redis.eval(CLAIM, claimKeys.length, ...claimKeys, jobId, stale)) as string;
      if (holder === '') return { claimed: true };
      if (round === 1 || (await isLive(holder))) return { claimed: false, holder };
      stale = holder;
    }
    throw new Error('unreachable');
  };
  return {
    acquire: (source, jobId) => claim([keys.active(source), keys.followUp(source)], jobId),
    release: async (source, jobId) => {
      await redis.eval(RELEASE, 1, keys.active(source), jobId);
    },
    claimFollowUp: (source, jobId) => claim([keys.followUp(source)], jobId),
    holder: (source) => redis.get(keys.active(source)),
    followUp: (source) => redis.get(keys.followUp(source)),
  };
}
