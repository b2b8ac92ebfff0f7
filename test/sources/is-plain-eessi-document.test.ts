import { describe, expect, it } from 'vitest';
import { eessiDocument } from '../../src/sources/eessi-schema.js';
import { isPlainEessiDocument } from '../../src/sources/is-plain-eessi-document.js';
import { createRandom, generateEessiJson } from '../support/generate-catalog.js';
import { tryVariants } from '../support/mutate-json.js';

const accepted = (value: unknown): boolean => eessiDocument.safeParse(value).success;
const small = (moduleShape: 'object' | 'string'): unknown => JSON.parse(generateEessiJson({ packages: 2, versionsPerPackage: 2, targetsPerVersion: 2, moduleShape, seed: 4 }));

describe('isPlainEessiDocument', () => {
  it('when the document is shaped as EESSI publishes it (object or string modules), then it is accepted without the schema', () => {
    expect(isPlainEessiDocument(small('object'))).toBe(true);
    expect(isPlainEessiDocument(small('string'))).toBe(true);
  });

  it.each([
    ['no software', { timestamp: 'x' }],
    ['software as a list', { software: [] }],
    ['a package without versions', { software: { A: { description: 'x' } } }],
    ['an entry without required_modules', { software: { A: { versions: [{ version: '1' }] } } }],
    ['a number in cpu_arch', { software: { A: { versions: [{ required_modules: [], cpu_arch: [1] }] } } }],
    ['a package named __proto__', JSON.parse('{"software": {"__proto__": {"versions": []}}}') as unknown],
  ])('when the document has %s, then the quick check leaves it to the schema', (_what, value) => {
    expect(isPlainEessiDocument(value)).toBe(false);
  });

  it('when 5,000 random variants of a document are tried, then every one the quick check accepts the schema accepts too', () => {
    const base = (i: number): unknown => small(i % 2 === 0 ? 'object' : 'string');

    const { quick, wronglyAccepted } = tryVariants({ base, quick: isPlainEessiDocument, accepted, count: 5_000, next: createRandom(6_11) });

    expect(wronglyAccepted.slice(0, 3)).toEqual([]);
    expect(quick).toBeGreaterThan(500);
  });
});
