import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { createJobKeys } from '../../src/jobs/create-job-keys.js';
import { createSourceLock, type SourceLock } from '../../src/jobs/create-source-lock.js';
import { uniquePrefix } from './pipeline-harness.js';

describe('source lock', () => {
  let redis: Redis;
  let lock: SourceLock;
  const live = new Set<string>();
  beforeEach(() => {
    redis = new Redis(inject('redisUrl'));
    live.clear();
    lock = createSourceLock({ redis, keys: createJobKeys(uniquePrefix('lock')), isLive: async (id) => live.has(id) });
  });
  afterEach(() => redis.disconnect());

  it('when a live run holds the source, then another job cannot take it but the holder can again', async () => {
    live.add('run-1');
    expect(await lock.acquire('site', 'run-1')).toEqual({ claimed: true });

    expect(await lock.acquire('site', 'run-2')).toEqual({ claimed: false, holder: 'run-1' });
    expect(await lock.acquire('site', 'run-1')).toEqual({ claimed: true });
    expect(await lock.acquire('other', 'run-2')).toEqual({ claimed: true });
  });

  it('when the holder job is finished or gone, then the next job takes the source over', async () => {
    await lock.acquire('site', 'crashed-run');

    expect(await lock.acquire('site', 'run-2')).toEqual({ claimed: true });
    expect(await lock.holder('site')).toBe('run-2');
  });

  it('when a job releases a lock it does not hold, then the holder keeps it', async () => {
    live.add('run-1');
    await lock.acquire('site', 'run-1');

    await lock.release('site', 'run-2');

    expect(await lock.holder('site')).toBe('run-1');
    await lock.release('site', 'run-1');
    expect(await lock.holder('site')).toBeNull();
  });

  it('when the follow-up takes the lock, then the follow-up slot is free for the next trigger', async () => {
    live.add('run-1').add('follow-1').add('trigger-3');
    await lock.acquire('site', 'run-1');
    expect(await lock.claimFollowUp('site', 'follow-1')).toEqual({ claimed: true });
    expect(await lock.claimFollowUp('site', 'trigger-3')).toEqual({ claimed: false, holder: 'follow-1' });
    await lock.release('site', 'run-1');

    expect(await lock.acquire('site', 'follow-1')).toEqual({ claimed: true });

    expect(await lock.followUp('site')).toBeNull();
    expect(await lock.claimFollowUp('site', 'trigger-3')).toEqual({ claimed: true });
  });
});
