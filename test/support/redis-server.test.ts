import { describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';

describe('test setup', () => {
  it('when tests start, then a private Redis is reachable and it is not the shared 6379', async () => {
    const url = inject('redisUrl');
    const redis = new Redis(url);
    try {
      expect(await redis.ping()).toBe('PONG');
      if (!process.env.REDIS_URL) expect(url).not.toMatch(/:6379$/);
    } finally {
      redis.disconnect();
    }
  });
});
