import { describe, expect, it } from 'vitest';
import { parseRedisPrefix, parseRedisUrl } from '../../src/config/parse-redis.js';

const URL_HINT = 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379';
const PREFIX_HINT = 'must be 1 to 100 characters: letters, digits, . _ - : and one {hash tag}, not only colons';

describe('parseRedisUrl', () => {
  it.each(['redis://127.0.0.1:6379', 'rediss://cache.example.org:6380/2', 'redis://:pw@redis:6379'])(
    'when the url is %j, then it is accepted',
    (url) => {
      expect(parseRedisUrl(url)).toEqual({ ok: true, value: url });
    },
  );

  it.each(['http://127.0.0.1:6379', '127.0.0.1:6379', 'redis://', 'redis://:hunter2@'])('when the url is %j, then it is refused without repeating it', (url) => {
    const result = parseRedisUrl(url);
    expect(result).toEqual({ ok: false, message: URL_HINT });
  });
});

describe('parseRedisPrefix', () => {
  it.each(['catalog-sync', '{catalog-sync}', 'site:{catalog-sync}', 'cs.prod_1', 'bull:cs'])('when the prefix is %j, then it is accepted', (prefix) => {
    expect(parseRedisPrefix(prefix)).toEqual({ ok: true, value: prefix });
  });

  it.each([
    [':::', PREFIX_HINT],
    ['', PREFIX_HINT],
    ['catalog sync', PREFIX_HINT],
    ['x'.repeat(101), PREFIX_HINT],
    ['{catalog-sync', 'braces must form one non-empty hash tag, e.g. {catalog-sync}'],
    ['{}', 'braces must form one non-empty hash tag, e.g. {catalog-sync}'],
    ['{a}{b}', 'braces must form one non-empty hash tag, e.g. {catalog-sync}'],
  ])('when the prefix is %j, then it is refused', (prefix, message) => {
    expect(parseRedisPrefix(prefix)).toEqual({ ok: false, message });
  });
});
