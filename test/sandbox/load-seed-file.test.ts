import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { applySeed } from '../../src/sandbox/apply-seed.js';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { loadSeedFile } from '../../src/sandbox/load-seed-file.js';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

describe('loadSeedFile', () => {
  it('when the example YAML seed is loaded, then its catalogs, packages, versions and targets land in the state stripped', async () => {
    const seed = await loadSeedFile(here('../../config/examples/sandbox-seed.yaml'));
    const sandbox = createSandbox({ token: 'seed-test-token', seed });

    const catalog = sandbox.state.findCatalog('Example site modules', '2026.1', 'binary_runtime')!;
    const gromacs = sandbox.state.findPackage(catalog.uuid, 'GROMACS')!;
    const openfoam = sandbox.state.findPackage(catalog.uuid, 'OpenFOAM')!;

    expect(sandbox.state.listCatalogs()).toHaveLength(2);
    expect(sandbox.state.packageCount(catalog.uuid)).toBe(3);
    expect(gromacs.versions[0]!.targets.map((t) => `${t.cpuFamily}/${t.cpuMicroarchitecture}`)).toEqual(['x86_64/zen3', 'aarch64/neoverse_v1']);
    expect(openfoam.description).toBe('Computational fluid dynamics toolbox.');
    expect(openfoam.homepage).toBeNull();
  });

  it('when a JSON seed is loaded, then it is read like YAML (path defaults to "")', async () => {
    const seed = await loadSeedFile(here('fixtures/seed.json'));
    const sandbox = createSandbox({ token: 'seed-test-token' });
    applySeed(sandbox.state, seed);
    const [pkg] = sandbox.state.listPackages();
    expect(pkg).toMatchObject({ name: 'numpy', homepage: 'https://numpy.org' });
    expect(pkg!.versions[0]!.targets[0]).toMatchObject({ cpuFamily: 'x86_64', path: '' });
  });

  it('when a seed uses Waldur\'s newer names (module_version, module, target_*), then the store holds them as given', async () => {
    const seed = await loadSeedFile(here('fixtures/seed-new-fields.yaml'));
    const sandbox = createSandbox({ token: 'seed-test-token', seed });

    const [pkg] = sandbox.state.listPackages();
    const [build] = pkg!.versions;
    expect(build).toMatchObject({ version: '2024.4', moduleVersion: '2024.4-foss-2023b', module: { module_name: 'GROMACS', module_version: '2024.4-foss-2023b' } });
    expect(build!.targets.map((t) => [t.type, t.cpuFamily, t.cpuMicroarchitecture, t.path, t.gpuArchitectures])).toEqual([
      ['cpu_architecture', 'x86_64', 'amd/zen3', '/cvmfs/x', ['nvidia/cc80']],
      ['build_variant', 'cuda', '', '', []],
      ['cpu_architecture', 'aarch64', 'neoverse_v1', '/opt/a', []],
    ]);
  });

  it('when a field is invalid, then ValidationError names the file, the field and the line', async () => {
    const err = await loadSeedFile(here('fixtures/seed-bad-type.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).file).toMatch(/seed-bad-type\.yaml$/);
    expect((err as ValidationError).line).toBe(4);
    expect((err as Error).message).toContain('catalogs.0.catalog_type');
  });

  it('when the file does not exist, then ValidationError naming it', async () => {
    await expect(loadSeedFile(here('fixtures/missing.yaml'))).rejects.toThrow(/cannot read seed file/);
  });
});
