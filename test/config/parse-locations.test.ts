import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLocations } from '../../src/config/parse-locations.js';

const base = resolve('/srv/catalog-sync/config');
const parse = parseLocations(base);

describe('parseLocations', () => {
  it('when one location is given, then it stays a string (configs listing one file keep their shape)', () => {
    expect(parse('trees/core.json')).toEqual({ ok: true, value: resolve(base, 'trees/core.json') });
  });

  it('when a list is given, then each item is a location, relative paths and globs resolved against the base folder', () => {
    expect(parse(['trees/*.json', '/data/gpu.json', 'https://mirror.example.org/spider.json'])).toEqual({
      ok: true,
      value: [resolve(base, 'trees/*.json'), '/data/gpu.json', 'https://mirror.example.org/spider.json'],
    });
  });

  it.each([
    [[], 'must not be an empty list: give at least one location', undefined],
    [['a.json', 's3://bucket/b.json'], 'unsupported URL scheme: use an http(s) URL or a local path', [1]],
    [['a.json', 7], 'must be a string, not a number: quote it (e.g. "2023.06") so YAML keeps it as text', [1]],
    [['a.json', ['b.json']], 'must be a location (got a list)', [1]],
    [['a.json', './a.json'], 'lists the same location as item 0', [1]],
  ])('when the list is %j, then it is refused at the item', (input, message, at) => {
    expect(parse(input)).toEqual(at ? { ok: false, message, at } : { ok: false, message });
  });

  it('when the list is longer than 1000 items, then it is refused with a hint', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `f${i}.json`);

    expect(parse(many)).toEqual({ ok: false, message: 'must list at most 1000 locations (use a glob pattern)' });
  });
});
