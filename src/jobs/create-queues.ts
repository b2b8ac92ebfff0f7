// The one place that owns BullMQ queues and Redis connections. Everything else receives them.
import { Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import { createJobKeys, type JobKeys } from './create-job-keys.js';
import { createOutageWatch } from './create-outage-watch.js';
import { createRedisConnection, type RedisConnection } from './create-redis-connection.js';
import { describeRedis } from './describe-redis.js';
import { OPS_QUEUE, RUNS_QUEUE, type OpJobData, type OpJobResult, type RunJobData, type RunJobResult } from './types.js';

export interface Queues {
  prefix: string;
  keys: JobKeys;
  /** Connection for our own commands (locks, reports, claims). */
  redis: RedisConnection;
  runs: Queue<RunJobData, RunJobResult>;
  ops: Queue<OpJobData, OpJobResult>;
  /** A new connection suitable for a BullMQ worker (blocking commands, endless retries). */
  createWorkerConnection(): RedisConnection;
  close(): Promise<void>;
}

/** Where Redis is (see RedisConfig: only url and prefix are required), and how to behave. */
export interface QueuesOptions extends RedisConfig {
  /**
   * daemon: commands wait across Redis restarts (BullMQ requires it for workers); losing Redis
   * is logged at warn once per outage, and info when it is back.
   * client: a CLI command fails fast with a clear error when Redis is unreachable.
   */
  mode: 'daemon' | 'client';
  logger?: Logger;
}

const CLIENT_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  retryStrategy: (attempt) => (attempt > 3 ? null : 200 * attempt),
};

const DAEMON_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: null,
  // Reconnect forever with a capped delay: losing Redis must never stop the daemon.
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

export function createQueues(options: QueuesOptions): Queues {
  const { prefix, logger } = options;
  const redisOptions = options.mode === 'daemon' ? DAEMON_OPTIONS : CLIENT_OPTIONS;
  const outages = options.mode === 'daemon' && logger ? createOutageWatch({ logger, redis: describeRedis(options) }) : null;
  const connections: RedisConnection[] = [];
  const connect = (name: string, extra: RedisOptions = {}): RedisConnection => {
    const label = `${name}-${connections.length + 1}`;
    const redis = createRedisConnection(options, { ...redisOptions, ...extra, connectionName: `catalog-sync-${name}` });
    // An unhandled 'error' event would crash the process; connection errors are expected while
    // Redis restarts and ioredis reconnects by itself.
    if (outages) outages.watch(redis, label);
    else redis.on('error', (err: Error) => logger?.debug({ err: err.message, connection: label }, 'redis connection error'));
    connections.push(redis);
    return redis;
  };
  const redis = connect('commands');
  const runs = new Queue<RunJobData, RunJobResult>(RUNS_QUEUE, { connection: redis, prefix });
  const ops = new Queue<OpJobData, OpJobResult>(OPS_QUEUE, { connection: redis, prefix });
  for (const queue of [runs, ops]) {
    queue.on('error', (err) => logger?.debug({ err: err.message, queue: queue.name }, 'queue error'));
  }
  return {
    prefix,
    keys: createJobKeys(prefix),
    redis,
    runs,
    ops,
    createWorkerConnection: () => connect('worker', { maxRetriesPerRequest: null }),
    close: async () => {
      outages?.stop();
      // Closing a queue waits for Redis; when it is gone there is nothing to wait for.
      const closing = Promise.allSettled([runs.close(), ops.close()]);
      if (redis.status === 'ready') await closing;
      // quit() waits for pending replies; disconnect() when Redis is gone and quit would hang.
      await Promise.allSettled(
        connections.map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()))),
      );
    },
  };
}
