import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig } from './source-fixtures.js';

const CVMFS = '/cvmfs/software.eessi.io/versions/2023.06/software/linux';

function eessi(location: string, options: Record<string, unknown> = { eessi_version: '2023.06' }) {
  return sourceConfig({ name: 'eessi-test', kind: 'eessi', location: fixture(location), options });
}

async function read(location: string, options?: Record<string, unknown>) {
  return readSource(eessi(location, options), { logger: captureLogger().logger });
}

describe('readSource kind eessi', () => {
  it('when modules are objects, then it reads the packages of the requested EESSI version only', async () => {
    // Act
    const catalog = await read('eessi/software-objects.json');

    // Assert: GammaNew is 2025.06 only; DeltaLib has EESSI/2023.06 but not as FIRST module.
    expect(catalog.packages.map((p) => p.name)).toEqual(['AlphaSolver', 'BetaViewer', 'EpsilonTool', 'ZetaPad']);
  });

  it('when a package has several builds of one version, then versions are keyed by module version with CVMFS paths', async () => {
    const catalog = await read('eessi/software-objects.json');

    const alpha = catalog.packages.find((p) => p.name === 'AlphaSolver')!;
    expect(alpha.versions).toEqual([
      {
        version: '2.1-foss-2023a',
        targets: [
          { cpuFamily: 'aarch64', cpuMicroarchitecture: 'neoverse_v1', path: `${CVMFS}/aarch64/neoverse_v1/software/AlphaSolver/2.1-foss-2023a` },
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: `${CVMFS}/x86_64/generic/software/AlphaSolver/2.1-foss-2023a` },
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'zen2', path: `${CVMFS}/x86_64/amd/zen2/software/AlphaSolver/2.1-foss-2023a` },
        ],
      },
      {
        version: '2.1-foss-2023b',
        targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'icelake', path: `${CVMFS}/x86_64/intel/icelake/software/AlphaSolver/2.1-foss-2023b` }],
      },
    ]);
  });

  it('when package-level text is padded or empty, then it is trimmed or taken from the first matching version', async () => {
    const catalog = await read('eessi/software-objects.json');

    const byName = new Map(catalog.packages.map((p) => [p.name, p]));
    expect(byName.get('AlphaSolver')).toMatchObject({ description: 'Solver for sparse linear systems.', homepage: 'https://alpha.example.org/' });
    expect(byName.get('BetaViewer')).toMatchObject({ description: 'Viewer for volumetric data.', homepage: 'https://beta.example.com/viewer' });
  });

  it('when an entry has no module, then its version and install path use the version field', async () => {
    const catalog = await read('eessi/software-objects.json');

    const epsilon = catalog.packages.find((p) => p.name === 'EpsilonTool')!;
    expect(epsilon.versions).toEqual([
      { version: '1.0', targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: `${CVMFS}/x86_64/generic/software/EpsilonTool/1.0` }] },
    ]);
  });

  it('when upstream has a bad homepage, a one-part cpu_arch and a name with a control character, then it warns and skips', async () => {
    const catalog = await read('eessi/software-objects.json');

    expect(catalog.packages.find((p) => p.name === 'EpsilonTool')!.homepage).toBeNull();
    expect(catalog.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: 'EpsilonTool', message: expect.stringContaining('"x86_64" is not family/microarchitecture') }),
        expect.objectContaining({ item: 'EpsilonTool', message: expect.stringContaining('homepage is not a valid URL') }),
      ]),
    );
    expect(catalog.itemErrors).toEqual([{ item: 'software["Eta\\u0007Bell"]', message: 'name contains control characters; package skipped' }]);
  });

  it('when modules are strings (older files), then the catalog is the same as with module objects', async () => {
    const objects = await read('eessi/software-objects.json');

    const strings = await read('eessi/software-strings.json');

    expect(strings.packages).toEqual(objects.packages);
    expect(strings.packages.length).toBe(4);
  });

  it('when the requested EESSI version has no entry, then it is an error naming the versions the file has', async () => {
    const error = await read('eessi/only-2025.json').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toBe(
      `source eessi-test: ${fixture('eessi/only-2025.json')}: no software for EESSI version 2023.06 (it has 2025.06)`,
    );
    expect(error).toMatchObject({ source: 'eessi-test', location: fixture('eessi/only-2025.json') });
  });

  it('when a field has the wrong type, then the error names its path', async () => {
    const error = await read('eessi/wrong-types.json').catch((err: unknown) => err);

    expect((error as Error).message).toBe(
      `source eessi-test: ${fixture('eessi/wrong-types.json')}: software.AlphaSolver.versions[0].cpu_arch: expected array, received string`,
    );
  });

  it('when the file is not JSON, then the error gives line and column', async () => {
    const error = await read('eessi/invalid.json').catch((err: unknown) => err);

    expect((error as Error).message).toBe(
      `source eessi-test: ${fixture('eessi/invalid.json')}:4:21: invalid JSON: unexpected "}", expected a value`,
    );
  });

  it('when eessi_version is missing, then the options error names the field', async () => {
    const error = await read('eessi/software-objects.json', {}).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/^source eessi-test: invalid options\.eessi_version: /);
  });

  describe.each([
    ['older string-based', 'eessi/ext-strings.json'],
    ['current object-based', 'eessi/ext-objects.json'],
  ])('with %s extension files', (_shape, extFile) => {
    it('when include_extensions is set, then extension packages are added with isExtension and their own versions', async () => {
      const catalog = await read('eessi/software-objects.json', {
        eessi_version: '2023.06',
        include_extensions: true,
        extensions: [fixture(extFile)],
      });

      const mock = catalog.packages.find((p) => p.name === 'mock-helper')!;
      expect(mock).toMatchObject({ isExtension: true, homepage: 'https://alphasolver.example.org' });
      expect(mock.versions.map((v) => v.version)).toEqual(['3.14.0', '3.8.2']);
      expect(mock.versions[1]!.targets[1]).toEqual({
        cpuFamily: 'x86_64',
        cpuMicroarchitecture: 'generic',
        path: `${CVMFS}/x86_64/generic/software/AlphaSolver/2.1-foss-2023a`,
      });
      expect(catalog.packages.some((p) => p.name === 'newer-only')).toBe(false);
      // An extension named like a main package merges into it and does not make it an extension.
      const alpha = catalog.packages.find((p) => p.name === 'AlphaSolver')!;
      expect(alpha.isExtension).toBeUndefined();
      expect(alpha.versions.map((v) => v.version)).toEqual(['2.1', '2.1-foss-2023a', '2.1-foss-2023b']);
      expect(catalog.warnings).toContainEqual({ item: 'AlphaSolver', message: '2 entries with this name; merged into one package' });
    });
  });

  it('when include_extensions is off, then extension files are not read', async () => {
    const catalog = await read('eessi/software-objects.json', {
      eessi_version: '2023.06',
      include_extensions: false,
      extensions: [fixture('eessi/does-not-exist.json')],
    });

    expect(catalog.packages.some((p) => p.isExtension)).toBe(false);
  });
});
