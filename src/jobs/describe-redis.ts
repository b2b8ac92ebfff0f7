import type { RedisConfig, RedisNode } from '../config/types.js';

const hostPort = (node: RedisNode): string => (node.host.includes(':') ? `[${node.host}]:${node.port}` : `${node.host}:${node.port}`);

/** Where Redis is, for messages and logs: never a password. */
export function describeRedis(config: Pick<RedisConfig, 'url' | 'sentinel' | 'cluster'>): string {
  if (config.cluster) return `Redis Cluster ${config.cluster.map(hostPort).join(', ')}`;
  if (config.sentinel) return `Redis Sentinel group ${config.sentinel.name} via ${config.sentinel.nodes.map(hostPort).join(', ')}`;
  try {
    const parsed = new URL(config.url);
    parsed.username = '';
    parsed.password = '';
    return `Redis at ${parsed.toString().replace(/\/$/, '')}`;
  } catch {
    return 'Redis at the configured URL';
  }
}
