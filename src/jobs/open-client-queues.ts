// Queues for a one-off CLI command (trigger, status): fails fast, with a clear message, when
// Redis cannot be reached instead of waiting for it like the daemon does.
import { CatalogSyncError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { createQueues, describeRedisUrl, type Queues } from './create-queues.js';

export class RedisUnavailable extends CatalogSyncError {
  override readonly code = 'redis_unavailable';
}

export async function openClientQueues(redis: { url: string; prefix: string }, logger?: Logger): Promise<Queues> {
  const queues = createQueues({ url: redis.url, prefix: redis.prefix, mode: 'client', ...(logger ? { logger } : {}) });
  try {
    await queues.redis.ping();
    return queues;
  } catch (err) {
    await queues.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new RedisUnavailable(`cannot reach Redis at ${describeRedisUrl(redis.url)} (redis.url in the config): ${reason}`);
  }
}
