import { describe, expect, it } from 'vitest';
import { isPlainManifestPackage } from '../../src/sources/is-plain-manifest-package.js';
import { manifestPackage } from '../../src/sources/manifest-schema.js';
import { createRandom } from '../support/generate-catalog.js';
import { tryVariants } from '../support/mutate-json.js';

const accepted = (value: unknown): boolean => manifestPackage.safeParse(value).success;

function plainPackage(): Record<string, unknown> {
  return {
    name: 'GROMACS',
    description: 'Molecular dynamics.',
    homepage: 'https://www.gromacs.org/',
    is_extension: false,
    versions: [
      { version: '2024.4', release_date: null, targets: [{ cpu_family: 'x86_64', cpu_microarchitecture: 'zen3', path: '/opt/gromacs/2024.4' }] },
      { version: '2023.3', targets: [{ cpu_family: 'aarch64', cpu_microarchitecture: 'generic' }] },
    ],
  };
}

describe('isPlainManifestPackage', () => {
  it('when a package is the common shape (release_date null or absent), then it is accepted without the schema', () => {
    expect(isPlainManifestPackage(plainPackage())).toBe(true);
    expect(isPlainManifestPackage({ name: 'minimal' })).toBe(true);
  });

  it.each([
    ['not an object', []],
    ['no name', { description: 'x' }],
    ['a number as name', { name: 1 }],
    ['an unknown key', { name: 'a', homepages: [] }],
    ['an empty version', { name: 'a', versions: [{ version: '' }] }],
    ['an empty cpu_family', { name: 'a', versions: [{ version: '1', targets: [{ cpu_family: '', cpu_microarchitecture: 'zen2' }] }] }],
    ['a target without cpu_microarchitecture', { name: 'a', versions: [{ version: '1', targets: [{ cpu_family: 'x86_64' }] }] }],
    ['is_extension null', { name: 'a', is_extension: null }],
    ['a "__proto__" key', JSON.parse('{"name": "a", "__proto__": {}}') as unknown],
  ])('when the package has %s, then the quick check leaves it to the schema', (_what, value) => {
    expect(isPlainManifestPackage(value)).toBe(false);
  });

  it('when a release date is given, then the schema checks it (the quick check never judges dates)', () => {
    const dated = { name: 'a', versions: [{ version: '1', release_date: '2025-01-31' }] };

    expect(isPlainManifestPackage(dated)).toBe(false);
    expect(accepted(dated)).toBe(true);
  });

  it('when 20,000 random variants of a package are tried, then every one the quick check accepts the schema accepts too', () => {
    const { quick, wronglyAccepted } = tryVariants({ base: plainPackage, quick: isPlainManifestPackage, accepted, count: 20_000, next: createRandom(20_26) });

    expect(wronglyAccepted.slice(0, 3)).toEqual([]);
    // The variants must exercise the quick path, or the test proves nothing.
    expect(quick).toBeGreaterThan(1000);
  });
});
