import { fromString } from './parse-scalars.js';
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
