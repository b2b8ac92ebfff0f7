import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../src/config/parse-location.js';

const base = resolve('/srv/catalog-sync/config');
const parse = parseLocation(base);

describe('parseLocation', () => {
  it.each([
    ['examples/eessi.json', resolve(base, 'examples/eessi.json')],
    ['../upstream/spack.lock', resolve(base, '../upstream/spack.lock')],
    ['/data/site.yaml', '/data/site.yaml'],
    ['https://www.eessi.io/api_data/data/eessi_api_metadata_software.json', 'https://www.eessi.io/api_data/data/eessi_api_metadata_software.json'],
    ['HTTP://mirror.example.org/repology.json', 'HTTP://mirror.example.org/repology.json'],
  ])('when the location is %j, then it is %j', (input, location) => {
    expect(parse(input)).toEqual({ ok: true, value: location });
  });

  it.each([
    ['s3://bucket/x.json', 'unsupported URL scheme: use an http(s) URL or a local path'],
    ['file:///data/x.json', 'unsupported URL scheme: use an http(s) URL or a local path'],
    ['https://', 'is not a valid http(s) URL'],
    ['  ', 'must not be empty'],
    [['a'], 'must be a string (got a list)'],
  ])('when the location is %j, then it is refused', (input, message) => {
    expect(parse(input)).toEqual({ ok: false, message });
  });
});
