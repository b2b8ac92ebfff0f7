// Losing Redis is worth one warning per outage, not a line per reconnect attempt of every
// connection: the first connection that drops opens the outage (warn), the last one back closes
// it (info, with how long it lasted). Everything in between is debug.
import type { Logger } from '../log/create-logger.js';
import type { RedisConnection } from './create-redis-connection.js';

export interface OutageWatch {
  watch(connection: RedisConnection, name: string): void;
  /** Closing connections on purpose: what follows is not an outage. */
  stop(): void;
}

export function createOutageWatch(options: { logger: Logger; redis: string; now?: () => number }): OutageWatch {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const down = new Set<string>();
  let since: number | null = null;
  let stopped = false;

  const lost = (name: string, err?: Error): void => {
    if (stopped) return;
    down.add(name);
    if (since !== null) {
      if (err) logger.debug({ err: err.message, connection: name }, 'redis connection error');
      return;
    }
    since = now();
    logger.warn(
      { redis: options.redis, connection: name, ...(err ? { err: err.message } : {}) },
      'Redis unreachable: reconnecting until it is back (logged once per outage)',
    );
  };
  const back = (name: string): void => {
    down.delete(name);
    if (stopped || since === null || down.size > 0) return;
    logger.info({ redis: options.redis, outage_ms: now() - since }, 'Redis reachable again');
    since = null;
  };

  return {
    watch(connection, name) {
      connection.on('error', (err: Error) => lost(name, err));
      // 'close' alone (Redis shut down cleanly) is a loss too; 'end' means closed for good.
      connection.on('close', () => lost(name));
      connection.on('ready', () => back(name));
    },
    stop() {
      stopped = true;
    },
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * An error that only says Redis is away (and that the outage warning covers): other components
 * (BullMQ workers) log these at debug rather than once per reconnect attempt.
 */
export function isRedisConnectionError(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && CONNECTION_CODES.has(code)) || /^Connection is closed|^connect ETIMEDOUT/.test(err.message);
}
