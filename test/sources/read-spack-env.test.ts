import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig } from './source-fixtures.js';

function read(location: string, options: Record<string, unknown> = {}) {
  const source = sourceConfig({ name: 'spack-env-test', kind: 'spack-env', location: fixture(location), options });
  return readSource(source, { logger: captureLogger().logger });
}

describe('readSource kind spack-env', () => {
  it('when the lockfile is version 2 (nodes wrapped as {name: {...}}), then names come from the wrapper and externals give the path', async () => {
    const catalog = await read('spack/lock-v2.json');

    expect(catalog.packages).toEqual([
      { name: 'alphasolver', description: '', homepage: null, versions: [{ version: '2.1', targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'haswell', path: '' }] }] },
      {
        name: 'netcdf-c',
        description: '',
        homepage: null,
        versions: [{ version: '4.6.1', targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'haswell', path: '/opt/vendor/netcdf/4.6.1' }] }],
      },
    ]);
  });

  it('when the lockfile is version 3 (object targets), then one package per name has the distinct versions', async () => {
    const catalog = await read('spack/lock-v3.json');

    const zen2 = [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'zen2', path: '' }];
    expect(catalog.packages.map((p) => p.name)).toEqual(['betaviewer', 'zlib']);
    expect(catalog.packages[1]!.versions).toEqual([
      { version: '1.2.11', targets: zen2 },
      { version: '1.3', targets: zen2 },
    ]);
    // Two builds of zlib 1.3 (variants) are one version, not a duplicate package.
    expect(catalog.warnings).toEqual([]);
  });

  it('when the lockfile is version 5 with a bare family target, then it maps to that family and "generic"', async () => {
    const catalog = await read('spack/lock-v5.json');

    expect(catalog.packages.map((p) => [p.name, p.versions[0]!.targets[0]])).toEqual([
      ['alphasolver', { cpuFamily: 'aarch64', cpuMicroarchitecture: 'neoverse_v1', path: '' }],
      ['cmake', { cpuFamily: 'aarch64', cpuMicroarchitecture: 'generic', path: '' }],
    ]);
  });

  it('when the lockfile is version 6 with an install prefix and an unknown target, then the prefix is the path and the target is reported', async () => {
    const catalog = await read('spack/lock-v6.json');

    expect(catalog.packages.map((p) => [p.name, p.versions[0]!.targets[0]])).toEqual([
      ['gammasim', { cpuFamily: 'x86_64', cpuMicroarchitecture: 'sapphirerapids', path: '/opt/spack/linux-sapphirerapids/gammasim-0.3.0-f6root' }],
      ['oddtool', { cpuFamily: 'unknown', cpuMicroarchitecture: 'weirdchip', path: '' }],
    ]);
    expect(catalog.warnings).toEqual([{ item: 'weirdchip', message: 'unknown Spack target "weirdchip": listed with CPU family "unknown"' }]);
  });

  it.each([
    ['spack/lock-v2.json', ['alphasolver']],
    ['spack/lock-v3.json', ['betaviewer']],
    ['spack/lock-v5.json', ['alphasolver']],
  ])('when include is roots (%s), then only the environment roots are packages', async (location, names) => {
    const catalog = await read(location, { include: 'roots' });

    expect(catalog.packages.map((p) => p.name)).toEqual(names);
  });

  it('when an index is given, then descriptions and homepages come from it', async () => {
    const catalog = await read('spack/lock-v3.json', { index: fixture('spack/repology.json') });

    expect(catalog.packages.map((p) => [p.name, p.description, p.homepage])).toEqual([
      ['betaviewer', 'Viewer for volumetric data.', null],
      ['zlib', 'A compression library.', 'http://zlib.example.org'],
    ]);
  });

  it('when some packages are missing from the index, then one warning counts them', async () => {
    const catalog = await read('spack/lock-v6.json', { index: fixture('spack/repology.json') });

    expect(catalog.warnings).toContainEqual({ message: '2 package(s) not in the Spack index: no description or homepage' });
  });

  it('when the environment has no specs, then the catalog is empty (legal data)', async () => {
    const catalog = await read('spack/lock-empty.json');

    expect(catalog.packages).toEqual([]);
    expect(catalog.itemErrors).toEqual([]);
  });

  it('when the lockfile version is 1, then it is refused with the supported range', async () => {
    const error = await read('spack/lock-v1.json').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('_meta.lockfile-version: 1 is not supported (versions 2 to 6 are)');
  });
});
