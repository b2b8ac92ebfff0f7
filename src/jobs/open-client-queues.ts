// Queues for a one-off CLI command (trigger, status): fails fast, with a clear message, when
// Redis cannot be reached instead of waiting for it like the daemon does.
import type { RedisConfig } from '../config/types.js';
import { CatalogSyncError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { createQueues, type Queues } from './create-queues.js';
import { describeRedis } from './describe-redis.js';

export class RedisUnavailable extends CatalogSyncError {
  override readonly code = 'redis_unavailable';
}

export async function openClientQueues(redis: RedisConfig, logger?: Logger): Promise<Queues> {
  const queues = createQueues({ ...redis, mode: 'client', ...(logger ? { logger } : {}) });
  // The connection's own error says why (refused, a certificate, a password); the failed
  // command only that it gave up.
  const errors: Error[] = [];
  queues.redis.on('error', (err: Error) => errors.push(err));
  try {
    await queues.redis.ping();
    return queues;
  } catch (err) {
    await queues.close();
    const reason = errors[0]?.message ?? (err instanceof Error ? err.message : String(err));
    throw new RedisUnavailable(`cannot reach ${describeRedis(redis)} (redis in the config): ${reason}`);
  }
}
