// The one place that turns the `redis` config into an ioredis connection: one Redis (URL), a
// Sentinel group (the current master, followed across failovers) or a Cluster.
import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/types.js';

/** A connection for commands: ioredis' Redis and Cluster answer the same ones. */
export type RedisConnection = Redis | Cluster;

/**
 * A new connection. `options` carry the caller's reconnect policy (`retryStrategy`,
 * `maxRetriesPerRequest`: BullMQ workers need null), applied to the Sentinels and the Cluster's
 * topology as well as to the servers.
 */
export function createRedisConnection(config: RedisConfig, options: RedisOptions): RedisConnection {
  const tls: ConnectionOptions | undefined = config.tls ? { ...config.tls } : undefined;
  const server: RedisOptions = {
    // After a failover the old master is a read-only replica: reconnect (to the new master) and
    // resend the command rather than fail it.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
    ...options,
    ...(config.username !== undefined ? { username: config.username } : {}),
    ...(config.password !== undefined ? { password: config.password } : {}),
    ...(tls ? { tls } : {}),
  };
  if (config.cluster) {
    const { retryStrategy, ...nodeOptions } = server;
    return new Cluster(config.cluster, {
      redisOptions: nodeOptions,
      ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
      // With TLS, connect to the names given (certificates name hosts, not the addresses DNS
      // returns), as managed Redis Clusters require.
      ...(tls ? { dnsLookup: (address: string, callback: (err: null, address: string) => void) => callback(null, address) } : {}),
    });
  }
  if (config.sentinel) {
    const { sentinel } = config;
    return new Redis({
      ...server,
      sentinels: sentinel.nodes,
      name: sentinel.name,
      ...(sentinel.username !== undefined ? { sentinelUsername: sentinel.username } : {}),
      ...(sentinel.password !== undefined ? { sentinelPassword: sentinel.password } : {}),
      ...(options.retryStrategy ? { sentinelRetryStrategy: options.retryStrategy } : {}),
      // Follow a failover as soon as the Sentinels announce it (+switch-master).
      failoverDetector: true,
      ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
    });
  }
  return new Redis(config.url, server);
}
