// Every key of a Redis and every value under it, read according to the key's type, as text: what
// a secret scan needs to see (BullMQ keeps job data and failure reasons in hashes, ids in
// lists and zsets, events in streams).
import { Redis } from 'ioredis';

export interface RedisDump {
  keys: number;
  /** Keys per Redis type, e.g. { hash: 2040, zset: 12, stream: 2 }. */
  types: Record<string, number>;
  /** Key names and values, one entry per key. */
  text: string;
}

async function valueOf(redis: Redis, key: string, type: string): Promise<unknown> {
  switch (type) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      throw new Error(`key ${key} has type ${type}, which this dump cannot read`);
  }
}

export async function dumpRedis(url: string): Promise<RedisDump> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  try {
    const parts: string[] = [];
    const types: Record<string, number> = {};
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1_000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        // Gone between SCAN and TYPE (trimmed, expired): nothing left to leak.
        if (type === 'none') continue;
        types[type] = (types[type] ?? 0) + 1;
        parts.push(`${key} ${JSON.stringify(await valueOf(redis, key, type))}`);
      }
    } while (cursor !== '0');
    return { keys: parts.length, types, text: parts.join('\n') };
  } finally {
    redis.disconnect();
  }
}
