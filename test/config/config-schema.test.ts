// The YAML contract lives in three places: the zod schema (what is enforced), the JSON Schema
// for editors and the reference documentation. They must name the same keys.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema } from '../../src/config/config-schema.js';

const jsonSchema = JSON.parse(readFileSync(new URL('../../config/catalog-sync.schema.json', import.meta.url), 'utf8')) as unknown;
const reference = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
const { knownKeys } = buildConfigSchema('/');

function propertyNames(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => propertyNames(item, into));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value !== null && typeof value === 'object') Object.keys(value).forEach((k) => into.add(k));
      propertyNames(value, into);
    }
  }
  return into;
}

describe('config schema', () => {
  it('when the JSON Schema for editors is read, then it names exactly the keys the loader accepts', () => {
    expect([...propertyNames(jsonSchema)].sort()).toEqual([...knownKeys].sort());
  });

  it.each([...knownKeys].sort())('when the reference documentation is read, then it documents `%s`', (key) => {
    expect(reference).toMatch(new RegExp(`\`(?:[a-z_]+\\.)?${key}\``));
  });
});
