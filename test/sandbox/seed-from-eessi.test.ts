import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedFromEessi } from '../../src/sandbox/seed-from-eessi.js';

const loaderFixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/eessi/loader/${name}`, import.meta.url));
const json = (name: string): unknown => JSON.parse(readFileSync(loaderFixture(name), 'utf8'));

function convert(eessiVersion: string) {
  return seedFromEessi(json('eessi_api_metadata_software.json'), {
    eessiVersion,
    catalogName: 'EESSI site',
    extensions: [
      { type: 'python', document: json('eessi_api_metadata_ext-python.json') },
      { type: 'r', document: json('eessi_api_metadata_ext-r.json') },
    ],
  });
}

const doc = (software: Record<string, unknown>) => ({ software });
const entry = (fields: Record<string, unknown>) => ({
  required_modules: [{ module_name: 'EESSI', module_version: '2023.06' }],
  cpu_arch: ['x86_64/generic'],
  ...fields,
});

describe('seedFromEessi', () => {
  it('when the loader fixture is converted, then it equals the committed seed (the fixture and its seed stay in step)', () => {
    expect(convert('2023.06')).toEqual(json('loader-seed-2023.06.json'));
  });

  it('when a version repeats across toolchains, then each module version is a version row, and cpu_arch splits at the first slash', () => {
    const seed = convert('2023.06');

    const nova = seed.catalogs[0]!.packages!.find((p) => p.name === 'NovaMD')!;
    expect(nova.versions!.map((v) => [v.version, v.module_version])).toEqual([
      ['2024.1', '2024.1-foss-2023b'],
      ['2024.1', '2024.1-foss-2023a'],
      ['2024.1', '2024.1-foss-2023b-CUDA-12.4.0'],
    ]);
    const gpu = nova.versions![2]!.targets!.map((t) => ('target_name' in t ? [t.target_name, t.target_subtype, t.location, t.gpu_architectures] : t));
    expect(gpu).toEqual([
      ['x86_64', 'amd/zen3', '/cvmfs/software.eessi.io/versions/2023.06/software/linux/x86_64/amd/zen3', ['nvidia/cc80', 'nvidia/cc90']],
      ['x86_64', 'intel/sapphirerapids', '/cvmfs/software.eessi.io/versions/2023.06/software/linux/x86_64/intel/sapphirerapids', ['nvidia/cc80', 'nvidia/cc90']],
      ['aarch64', 'nvidia/grace', '/cvmfs/software.eessi.io/versions/2023.06/software/linux/aarch64/nvidia/grace', ['nvidia/cc80', 'nvidia/cc90']],
    ]);
  });

  it('when entries of one package share a key, then the later one wins, as in the loader\'s dict', () => {
    const seed = seedFromEessi(
      doc({ T: { versions: [entry({ version: '1', cpu_arch: ['x86_64/generic'] }), entry({ version: '1', cpu_arch: ['aarch64/generic'] })] } }),
      { eessiVersion: '2023.06', catalogName: 'c' },
    );

    const versions = seed.catalogs[0]!.packages![0]!.versions!;
    expect(versions).toHaveLength(1);
    expect(versions[0]!.targets!.map((t) => ('target_name' in t ? t.target_name : ''))).toEqual(['aarch64']);
  });

  it('when an extension has no parent among the main packages, then the loader skips it; one named like a main package adds versions to it', () => {
    const seed = seedFromEessi(doc({ Main: { versions: [entry({ version: '1', module: { module_version: '1-GCC' } })] } }), {
      eessiVersion: '2023.06',
      catalogName: 'c',
      extensions: [
        {
          type: 'python',
          document: doc({
            orphan: { versions: [entry({ version: '0.1', parent_software: { name: 'Elsewhere' } })] },
            Main: { versions: [entry({ version: '2', module: { module_version: '2-GCC' }, parent_software: { name: 'Main' } })] },
          }),
        },
      ],
    });

    const packages = seed.catalogs[0]!.packages!;
    expect(packages.map((p) => [p.name, p.is_extension, p.versions!.map((v) => v.module_version)])).toEqual([['Main', false, ['1-GCC', '2-GCC']]]);
  });

  it('when a cpu_arch has no slash, then it is the family with subtype "generic"', () => {
    const seed = seedFromEessi(doc({ T: { versions: [entry({ version: '1', cpu_arch: ['riscv64'] })] } }), { eessiVersion: '2023.06', catalogName: 'c' });

    expect(seed.catalogs[0]!.packages![0]!.versions![0]!.targets![0]).toMatchObject({ target_name: 'riscv64', target_subtype: 'generic' });
  });

  it('when an entry has a string module, then it fails as the loader does (it calls .get on it)', () => {
    expect(() => seedFromEessi(doc({ T: { versions: [entry({ version: '1', module: 'T/1' })] } }), { eessiVersion: '2023.06', catalogName: 'c' })).toThrow(
      /not an object stops Waldur's loader/,
    );
  });
});
