import { describe, expect, it } from 'vitest';
import { normalizeCatalog } from '../../src/sources/normalize-catalog.js';
import type { RawPackage } from '../../src/sources/types.js';

function raw(name: string, extra: Partial<RawPackage> = {}): RawPackage {
  return { name, description: 'd', homepage: null, versions: [], ...extra };
}

describe('normalizeCatalog', () => {
  it('when names differ in case and script, then packages are sorted in code-unit order, not locale order', () => {
    const result = normalizeCatalog([raw('éclair'), raw('beta'), raw('Zeta'), raw('alpha'), raw('Alpha')]);

    expect(result.packages.map((p) => p.name)).toEqual(['Alpha', 'Zeta', 'alpha', 'beta', 'éclair']);
  });

  it('when a name is padded, then it is stripped like Waldur strips it (including \\x1c-\\x1f, keeping a BOM)', () => {
    const result = normalizeCatalog([raw(' \u001c tool \t'), raw('\ufeffbom')]);

    expect(result.packages.map((p) => p.name)).toEqual(['tool', '\ufeffbom']);
  });

  it('when a name has 200 characters, then it is kept; with 201 it is an item error', () => {
    const result = normalizeCatalog([raw('a'.repeat(200)), raw('b'.repeat(201), { origin: 'packages[1]' })]);

    expect(result.packages.map((p) => p.name.length)).toEqual([200]);
    expect(result.itemErrors).toEqual([{ item: 'packages[1]', message: 'name longer than 200 characters (201); package skipped' }]);
  });

  it('when a name has 200 characters outside the BMP, then it is kept (Waldur counts code points, not UTF-16 units)', () => {
    const result = normalizeCatalog([raw('\u{1f600}'.repeat(200)), raw('\u{1f600}'.repeat(201), { origin: 'packages[1]' })]);

    expect(result.packages.map((p) => [...p.name].length)).toEqual([200]);
    expect(result.itemErrors).toEqual([{ item: 'packages[1]', message: 'name longer than 200 characters (201); package skipped' }]);
  });

  it('when a name is empty or has a control character inside, then it is an item error and the rest survive', () => {
    const result = normalizeCatalog([raw(''), raw('new\nline'), raw('del\u007f'), raw('ok')]);

    expect(result.packages.map((p) => p.name)).toEqual(['ok']);
    expect(result.itemErrors.map((e) => e.message)).toEqual([
      'empty name; package skipped',
      'name contains control characters; package skipped',
      'name contains control characters; package skipped',
    ]);
  });

  it.each([
    ['https://example.org/x', 'https://example.org/x', 0],
    ['  http://example.org  ', 'http://example.org', 0],
    // Waldur's URLValidator accepts ftp and ftps: dropping them would PATCH valid data to null.
    ['ftp://example.org/', 'ftp://example.org/', 0],
    ['FTPS://files.example.org/pub', 'FTPS://files.example.org/pub', 0],
    ['sftp://example.org/', null, 1],
    // A bracketed host must be a valid IPv6 address, else Waldur answers 400.
    ['http://[1:2:3]/', null, 1],
    ['http://[2001:db8::1]/', 'http://[2001:db8::1]/', 0],
    // Django 4.2 retries a non-ASCII host in IDNA form: astral hosts pass.
    ['https://\u{1f600}.example.org/', 'https://\u{1f600}.example.org/', 0],
    ['example.org', null, 1],
    ['javascript:alert(1)', null, 1],
    [`https://example.org/${'p'.repeat(181)}`, null, 1],
    // Django's URLValidator forbids Python whitespace anywhere; \x1c-\x1f and \x85 are Python
    // whitespace but not JS \s, and \ufeff is the other way round.
    ['https://example.org/a\u001fb', null, 1],
    ['https://example.org/a\u0085b', null, 1],
    ['https://example.org/a\ufeffb', 'https://example.org/a\ufeffb', 0],
    // Waldur's 200 is a count of characters (code points), not of UTF-16 code units.
    [`https://example.org/${'\u{1f600}'.repeat(100)}`, `https://example.org/${'\u{1f600}'.repeat(100)}`, 0],
    [42, null, 1],
    ['', null, 0],
    [null, null, 0],
  ])('when the homepage is %j, then it becomes %j with %d warning(s)', (homepage, expected, warnings) => {
    const result = normalizeCatalog([raw('pkg', { homepage })]);

    expect(result.packages[0]!.homepage).toBe(expected);
    expect(result.warnings).toHaveLength(warnings);
  });

  it('when descriptions contain NUL and padding, then they are sent as Waldur stores them', () => {
    const result = normalizeCatalog([raw('pkg', { description: '  multi\nline\u0000 text \n' })]);

    expect(result.packages[0]!.description).toBe('multi\nline text');
  });

  it('when versions and targets repeat in any order, then they are deduplicated and sorted', () => {
    const t = (f: string, m: string) => ({ cpuFamily: f, cpuMicroarchitecture: m, path: '' });
    const result = normalizeCatalog([
      raw('pkg', {
        versions: [
          { version: '2.0', targets: [t('x86_64', 'zen2'), t('aarch64', 'generic')] },
          { version: ' 1.0 ', targets: [] },
          { version: '2.0', targets: [t('aarch64', 'generic'), t('x86_64', 'haswell')] },
          { version: '  ', targets: [] },
        ],
      }),
    ]);

    expect(result.packages[0]!.versions).toEqual([
      { version: '1.0', targets: [] },
      { version: '2.0', targets: [t('aarch64', 'generic'), t('x86_64', 'haswell'), t('x86_64', 'zen2')] },
    ]);
    expect(result.warnings).toEqual([{ item: 'pkg', message: 'a version with an empty version string was skipped' }]);
  });

  it('when builds share a version but not a module version, then each module version is its own version, keyed and sorted by it', () => {
    const t = (f: string, m: string) => ({ cpuFamily: f, cpuMicroarchitecture: m, path: '' });
    const result = normalizeCatalog([
      raw('GROMACS', {
        versions: [
          { version: '2024.4', moduleVersion: '2024.4-foss-2023b', targets: [t('x86_64', 'amd/zen3')] },
          { version: '2024.4', moduleVersion: ' 2024.4-foss-2023a ', targets: [t('aarch64', 'neoverse_v1')] },
          { version: '2024.4', moduleVersion: '2024.4-foss-2023b', targets: [t('x86_64', 'intel/icelake')] },
          { version: '2023.3', moduleVersion: '', targets: [] },
        ],
      }),
    ]);

    expect(result.packages[0]!.versions).toEqual([
      { version: '2023.3', targets: [] },
      { version: '2024.4', moduleVersion: '2024.4-foss-2023a', targets: [t('aarch64', 'neoverse_v1')] },
      { version: '2024.4', moduleVersion: '2024.4-foss-2023b', targets: [t('x86_64', 'amd/zen3'), t('x86_64', 'intel/icelake')] },
    ]);
  });

  it('when names are skipped, then their names are kept (stripped like Waldur) with the reason, for the planner', () => {
    const long = 'n'.repeat(201);
    const result = normalizeCatalog([raw(' Bad\u0007Name '), raw(long), raw('good')]);

    expect(result.packages.map((p) => p.name)).toEqual(['good']);
    expect(result.skippedNames).toEqual([
      { name: 'Bad\u0007Name', reason: 'name contains control characters' },
      { name: long, reason: 'name longer than 200 characters (201)' },
    ]);
  });

  it('when a duplicate name mixes an extension and a main package, then the merged package is not an extension', () => {
    const result = normalizeCatalog([raw('dup', { isExtension: true, description: '' }), raw('dup', { description: 'second' }), raw('ext', { isExtension: true })]);

    expect(result.packages).toEqual([
      { name: 'dup', description: 'second', homepage: null, versions: [] },
      { name: 'ext', description: 'd', homepage: null, isExtension: true, versions: [] },
    ]);
  });

  it('when the input is a cached parse result, then normalizing does not modify it', () => {
    const input = [raw(' pkg ', { versions: [{ version: ' 1 ', targets: [{ cpuFamily: ' x86_64', cpuMicroarchitecture: 'zen2 ', path: '' }] }] })];
    const before = structuredClone(input);

    normalizeCatalog(input);

    expect(input).toEqual(before);
  });

  it('when clean targets arrive out of order, then the output is sorted and the input keeps its own order', () => {
    const t = (f: string, m: string) => ({ cpuFamily: f, cpuMicroarchitecture: m, path: '' });
    const input = [raw('pkg', { versions: [{ version: '1', targets: [t('x86_64', 'zen2'), t('aarch64', 'generic'), t('x86_64', 'zen2')] }] })];
    const before = structuredClone(input);

    const result = normalizeCatalog(input);

    expect(result.packages[0]!.versions[0]!.targets).toEqual([t('aarch64', 'generic'), t('x86_64', 'zen2')]);
    expect(input).toEqual(before);
  });

  it('when a package lists many versions with repeats, then each key is still one version with its targets merged', () => {
    const t = (m: string) => ({ cpuFamily: 'x86_64', cpuMicroarchitecture: m, path: '' });
    const versions = Array.from({ length: 60 }, (_, i) => ({ version: `1.${i % 30}`, targets: [t(i < 30 ? 'generic' : 'zen2')] }));

    const result = normalizeCatalog([raw('pkg', { versions })]);

    expect(result.packages[0]!.versions).toHaveLength(30);
    expect(result.packages[0]!.versions.every((v) => v.targets.map((x) => x.cpuMicroarchitecture).join() === 'generic,zen2')).toBe(true);
  });
});
