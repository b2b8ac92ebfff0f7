import { parseHostPort } from './parse-host-port.js';
import { expectString, fromString } from './parse-scalars.js';
import { fail, ok, type Parser } from './value-parser.js';

/** redis:// or rediss:// (TLS). The URL may hold a password: messages never repeat it. */
export const parseRedisUrl: Parser<string> = fromString((text) => {
  const url = text.trim();
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed && (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '') return ok(url);
  return fail('must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');
});

/**
 * Key prefix of every queue. Braces make a Redis Cluster hash tag (`{catalog-sync}`) so all
 * keys of a queue share a slot; whitespace and a colons-only prefix would produce keys that
 * collide with or hide among other applications' keys.
 */
export const parseRedisPrefix: Parser<string> = fromString((prefix) => {
  if (!/^[A-Za-z0-9._:{}-]{1,100}$/.test(prefix) || /^:+$/.test(prefix)) {
    return fail('must be 1 to 100 characters: letters, digits, . _ - : and one {hash tag}, not only colons');
  }
  if (/[{}]/.test(prefix) && !/^[^{}]*\{[^{}]+\}[^{}]*$/.test(prefix)) {
    return fail('braces must form one non-empty hash tag, e.g. {catalog-sync}');
  }
  return ok(prefix);
});

/**
 * redis.sentinels and redis.cluster: `host:port` of each node (the port may be left out), as a
 * list or as one comma-separated string (e.g. from `${REDIS_SENTINELS}`).
 */
export function parseRedisNodes(defaultPort: number): Parser<Array<{ host: string; port: number }>> {
  const hint = `must be host:port (e.g. redis-0.example.org:${defaultPort}); IPv6 hosts in brackets`;
  return (value) => {
    const items = typeof value === 'string' ? value.split(/[\s,]+/).filter((item) => item !== '') : value;
    if (!Array.isArray(items) || items.length === 0) {
      return fail(`must list the nodes as host:port, e.g. ["redis-0.example.org:${defaultPort}", "redis-1.example.org:${defaultPort}"]`);
    }
    const nodes: Array<{ host: string; port: number }> = [];
    for (const [index, item] of items.entries()) {
      const text = expectString(item);
      const node = text.ok ? parseHostPort(text.value, hint, { defaultPort, minPort: 1 }) : text;
      if (!node.ok) return fail(node.message, typeof value === 'string' ? undefined : [index]);
      nodes.push(node.value);
    }
    return ok(nodes);
  };
}
