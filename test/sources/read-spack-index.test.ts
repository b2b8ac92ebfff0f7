import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig } from './source-fixtures.js';

function read(location: string) {
  const source = sourceConfig({ name: 'spack-index-test', kind: 'spack-index', location: fixture(location) });
  return readSource(source, { logger: captureLogger().logger });
}

describe('readSource kind spack-index', () => {
  it('when reading repology.json, then summary, first homepage and versions make the packages', async () => {
    const catalog = await read('spack/repology.json');

    expect(catalog.packages.map((p) => [p.name, p.description, p.homepage, p.versions.map((v) => v.version)])).toEqual([
      ['alphasolver', 'Solver for sparse linear systems.', 'https://alpha.example.org/', ['2.1', 'main']],
      ['betaviewer', 'Viewer for volumetric data.', null, ['1.4']],
      ['cmake', 'A cross-platform build system.', 'ftp://cmake.example.org/', ['3.27.9']],
      ['zlib', 'A compression library.', 'http://zlib.example.org', ['1.2.11', '1.3']],
    ]);
    expect(catalog.packages.every((p) => p.versions.every((v) => v.targets.length === 0))).toBe(true);
  });

  it('when a homepage is ftp://, then it is kept without a warning (Waldur accepts ftp and ftps)', async () => {
    const catalog = await read('spack/repology.json');

    expect(catalog.packages.find((p) => p.name === 'cmake')!.homepage).toBe('ftp://cmake.example.org/');
    expect(catalog.warnings).toEqual([]);
  });

  it('when homepages is a string instead of a list, then the error names the field path', async () => {
    const error = await read('spack/repology-wrong-types.json').catch((err: unknown) => err);

    expect((error as Error).message).toBe(
      `source spack-index-test: ${fixture('spack/repology-wrong-types.json')}: packages.alphasolver.homepages: expected array, received string`,
    );
  });
});
