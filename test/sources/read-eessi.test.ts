import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { versionKey } from '../../src/model.js';
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

  it('when a package has several builds of one version, then each build is a version with its module version, targets split like Waldur', async () => {
    const catalog = await read('eessi/software-objects.json');

    const alpha = catalog.packages.find((p) => p.name === 'AlphaSolver')!;
    expect(alpha.versions).toEqual([
      {
        version: '2.1',
        moduleVersion: '2.1-foss-2023a',
        targets: [
          { cpuFamily: 'aarch64', cpuMicroarchitecture: 'neoverse_v1', path: `${CVMFS}/aarch64/neoverse_v1/software/AlphaSolver/2.1-foss-2023a` },
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen2', path: `${CVMFS}/x86_64/amd/zen2/software/AlphaSolver/2.1-foss-2023a` },
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: `${CVMFS}/x86_64/generic/software/AlphaSolver/2.1-foss-2023a` },
        ],
      },
      {
        version: '2.1',
        moduleVersion: '2.1-foss-2023b',
        targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'intel/icelake', path: `${CVMFS}/x86_64/intel/icelake/software/AlphaSolver/2.1-foss-2023b` }],
      },
    ]);
  });

  it('when package-level text is padded or empty, then it is trimmed or taken from the first matching version', async () => {
    const catalog = await read('eessi/software-objects.json');

    const byName = new Map(catalog.packages.map((p) => [p.name, p]));
    expect(byName.get('AlphaSolver')).toMatchObject({ description: 'Solver for sparse linear systems.', homepage: 'https://alpha.example.org/' });
    expect(byName.get('BetaViewer')).toMatchObject({ description: 'Viewer for volumetric data.', homepage: 'https://beta.example.com/viewer' });
  });

  it('when an entry has no module, then it has no module version and its install path uses the version field; a bare family is "generic"', async () => {
    const catalog = await read('eessi/software-objects.json');

    const epsilon = catalog.packages.find((p) => p.name === 'EpsilonTool')!;
    expect(epsilon.versions).toEqual([
      {
        version: '1.0',
        targets: [
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: `${CVMFS}/x86_64/generic/software/EpsilonTool/1.0` },
          { cpuFamily: 'x86_64', cpuMicroarchitecture: 'generic', path: `${CVMFS}/x86_64/software/EpsilonTool/1.0` },
        ],
      },
    ]);
  });

  it('when upstream has a bad homepage, a cpu_arch without a family and a name with a control character, then it warns and skips', async () => {
    const catalog = await read('eessi/software-objects.json');

    expect(catalog.packages.find((p) => p.name === 'EpsilonTool')!.homepage).toBeNull();
    expect(catalog.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: 'EpsilonTool', message: expect.stringContaining('"/zen2" is not family/microarchitecture') }),
        expect.objectContaining({ item: 'EpsilonTool', message: expect.stringContaining('homepage is not a valid URL') }),
      ]),
    );
    expect(catalog.itemErrors).toEqual([{ item: 'software["Eta\\u0007Bell"]', message: 'name contains control characters; package skipped' }]);
    expect(catalog.skippedNames).toEqual([{ name: 'Eta\u0007Bell', reason: 'name contains control characters' }]);
  });

  it('when modules are strings (older files), then packages are the same, but builds of one version are one version, as Waldur keys them', async () => {
    const objects = await read('eessi/software-objects.json');

    const strings = await read('eessi/software-strings.json');

    const fields = (c: typeof objects) => c.packages.map(({ versions: _, ...rest }) => rest);
    expect(fields(strings)).toEqual(fields(objects));
    const alpha = strings.packages.find((p) => p.name === 'AlphaSolver')!;
    expect(alpha.versions.map((v) => [v.version, v.moduleVersion, v.targets.map((t) => `${t.cpuFamily}/${t.cpuMicroarchitecture}`)])).toEqual([
      ['2.1', undefined, ['aarch64/neoverse_v1', 'x86_64/amd/zen2', 'x86_64/generic', 'x86_64/intel/icelake']],
    ]);
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
    // Newer extension files carry the parent's module: its module_version is the key, as in Waldur.
    ['current object-based', 'eessi/ext-objects.json', ['2.1-foss-2023a', '2023.07-foss-2023a'], ['2.1-foss-2023a', '2.1-foss-2023b']],
    // Older ones have only `modulename`: no module version, so the version is the key.
    ['older string-based', 'eessi/ext-strings.json', ['3.14.0', '3.8.2'], ['2.1', '2.1-foss-2023a', '2.1-foss-2023b']],
  ])('with %s extension files', (_shape, extFile, mockKeys, alphaKeys) => {
    it('when include_extensions is set, then extension packages are added with isExtension and their own versions', async () => {
      const catalog = await read('eessi/software-objects.json', {
        eessi_version: '2023.06',
        include_extensions: true,
        extensions: [fixture(extFile)],
      });

      const mock = catalog.packages.find((p) => p.name === 'mock-helper')!;
      expect(mock).toMatchObject({ isExtension: true, homepage: 'https://alphasolver.example.org' });
      expect(mock.versions.map(versionKey)).toEqual(mockKeys);
      const v382 = mock.versions.find((v) => v.version === '3.8.2')!;
      expect(v382.targets).toContainEqual({
        cpuFamily: 'x86_64',
        cpuMicroarchitecture: 'generic',
        path: `${CVMFS}/x86_64/generic/software/AlphaSolver/2.1-foss-2023a`,
      });
      expect(catalog.packages.some((p) => p.name === 'newer-only')).toBe(false);
      // An extension named like a main package merges into it and does not make it an extension.
      const alpha = catalog.packages.find((p) => p.name === 'AlphaSolver')!;
      expect(alpha.isExtension).toBeUndefined();
      expect(alpha.versions.map(versionKey)).toEqual(alphaKeys);
      expect(catalog.warnings).toContainEqual({ item: 'AlphaSolver', message: '2 entries with this name; merged into one package' });
    });
  });

  it('when an extension file has no entry for the EESSI version, then it adds nothing and a warning, and the main file is read as usual', async () => {
    const alone = await read('eessi/software-objects.json', { eessi_version: '2025.06' });

    const catalog = await read('eessi/software-objects.json', {
      eessi_version: '2025.06',
      include_extensions: true,
      extensions: [fixture('eessi/ext-only-2023.json')],
    });

    expect(catalog.packages).toEqual(alone.packages);
    expect(catalog.packages.map((p) => p.name)).toEqual(['AlphaSolver', 'GammaNew']);
    expect(catalog.warnings).toContainEqual({
      item: fixture('eessi/ext-only-2023.json'),
      message: 'extension file has no software for EESSI version 2025.06 (it has 2023.06); it adds nothing',
    });
  });

  it('when an extension file cannot be read, then the whole source fails (so nothing is deleted)', async () => {
    const error = await read('eessi/software-objects.json', {
      eessi_version: '2023.06',
      include_extensions: true,
      extensions: [fixture('eessi/does-not-exist.json')],
    }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toContain('does-not-exist.json');
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
