import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/sources/read-source.js';
import { splitEasyconfigName } from '../../src/sources/split-easyconfig-name.js';
import { captureLogger, fixture, sourceConfig, sourceError } from './source-fixtures.js';

function read(location: string, options: Record<string, unknown> = {}) {
  const source = sourceConfig({ name: 'easystack-test', kind: 'easystack', location: fixture(location), options });
  return readSource(source, { logger: captureLogger().logger });
}

const failure = async (location: string) => (await sourceError(read(location))).message;

describe('splitEasyconfigName', () => {
  it.each([
    ['Python-bundle-PyPI-2023.06-GCCcore-12.3.0.eb', 'Python-bundle-PyPI', '2023.06-GCCcore-12.3.0'],
    ['R-bundle-Bioconductor-3.18-foss-2023a-R-4.3.2.eb', 'R-bundle-Bioconductor', '3.18-foss-2023a-R-4.3.2'],
    ['4ti2-1.6.10-GCC-13.2.0.eb', '4ti2', '1.6.10-GCC-13.2.0'],
    ['CUDA-12.1.1.eb', 'CUDA', '12.1.1'],
    ['cuDNN-8.9.2.26-CUDA-12.1.1.eb', 'cuDNN', '8.9.2.26-CUDA-12.1.1'],
    ['UCX-CUDA-1.14.1-GCCcore-12.3.0-CUDA-12.1.1.eb', 'UCX-CUDA', '1.14.1-GCCcore-12.3.0-CUDA-12.1.1'],
    ['LAMMPS-2Aug2023_update2-foss-2023a-kokkos-CUDA-12.1.1.eb', 'LAMMPS', '2Aug2023_update2-foss-2023a-kokkos-CUDA-12.1.1'],
    ['RStudio-Server-2024.09.0+375-foss-2023b-Java-11-R-4.4.1.eb', 'RStudio-Server', '2024.09.0+375-foss-2023b-Java-11-R-4.4.1'],
    ['ImageMagick-7.1.1-38-GCCcore-13.3.0.eb', 'ImageMagick', '7.1.1-38-GCCcore-13.3.0'],
    ['BWA-0.7.17-20220923-GCCcore-12.3.0.eb', 'BWA', '0.7.17-20220923-GCCcore-12.3.0'],
    ['OpenFOAM-v2306-foss-2023a.eb', 'OpenFOAM', 'v2306-foss-2023a'],
    ['buildenv-default-foss-2023a.eb', 'buildenv', 'default-foss-2023a'],
    ['foss-2026.1.eb', 'foss', '2026.1'],
    ['intel-compilers-2023.1.0.eb', 'intel-compilers', '2023.1.0'],
    ['Python-3.10.8-GCCcore-12.2.0-bare', 'Python', '3.10.8-GCCcore-12.2.0-bare'],
    ['RE2-2023-03-01-GCCcore-12.2.0.eb', 'RE2', '2023-03-01-GCCcore-12.2.0'],
    ['iccifort-2019.1.144-GCC-8.2.0-2.31.1.eb', 'iccifort', '2019.1.144-GCC-8.2.0-2.31.1'],
    ['/srv/easyconfigs/e/enchant-2/enchant-2-2.6.5-GCCcore-12.3.0.eb', 'enchant-2', '2.6.5-GCCcore-12.3.0'],
  ])('when the file is %s, then the name is %s and the version %s, without doubt', (file, name, version) => {
    expect(splitEasyconfigName(file)).toEqual({ ok: true, name, version });
  });

  it('when a known name is given, then it wins over the grammar', () => {
    expect(splitEasyconfigName('enchant-2-2.6.5-GCCcore-12.3.0.eb', ['enchant', 'enchant-2'])).toEqual({
      ok: true,
      name: 'enchant-2',
      version: '2.6.5-GCCcore-12.3.0',
    });
  });
});

describe('readSource kind easystack', () => {
  it('when items are strings and single-key maps with options (with or without .eb), then every name and module version comes out', async () => {
    const catalog = await read('easystack/mixed.yml');

    expect(catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ['4ti2', ['1.6.10-GCC-13.2.0']],
      ['BLAST+', ['2.14.1-gompi-2023a']],
      ['GCC', ['12.3.0']],
      ['ImageMagick', ['7.1.1-38-GCCcore-13.3.0']],
      ['LAMMPS', ['2Aug2023_update2-foss-2023a-kokkos-CUDA-12.1.1']],
      ['LLVM', ['18.1.8-GCCcore-13.3.0-minimal']],
      ['OpenFOAM', ['v2306-foss-2023a']],
      ['Python-bundle-PyPI', ['2023.06-GCCcore-12.3.0']],
      ['R-bundle-Bioconductor', ['3.18-foss-2023a-R-4.3.2']],
      ['RStudio-Server', ['2024.09.0+375-foss-2023b-Java-11-R-4.4.1']],
      ['SeqView', ['0.12.1-Java-17']],
      // Two toolchains of one version are two module versions.
      ['Seqkit', ['2.14.1-foss-2023b', '2.14.1-gompi-2023a']],
      ['UCX-CUDA', ['1.14.1-GCCcore-12.3.0-CUDA-12.1.1']],
      ['buildenv', ['default-foss-2023a']],
      ['cuDNN', ['8.9.2.26-CUDA-12.1.1']],
      ['foss', ['2026.1']],
      ['iccifort', ['2019.1.144-GCC-8.2.0-2.31.1']],
      ['intel-compilers', ['2023.1.0']],
      ['zlibx', ['1.3-GCCcore-12.3.0']],
    ]);
    expect(catalog.packages.every((p) => p.description === '' && p.homepage === null)).toBe(true);
    expect(catalog.warnings).toEqual([]);
    expect(catalog.itemErrors).toEqual([]);
  });

  it('when items are absolute paths to installed easyconfigs, then the folder gives the name, even one the grammar cannot split', async () => {
    const catalog = await read('easystack/paths.yml');

    expect(catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ['GROMACS', ['2024.1-foss-2023b']],
      ['enchant-2', ['2.6.5-GCCcore-12.3.0']],
    ]);
    expect(catalog.warnings).toEqual([]);
  });

  it('when a name cannot be split unambiguously, then the guess is a warning and an unsplittable entry is skipped and reported', async () => {
    const catalog = await read('easystack/ambiguous.yml');

    expect(catalog.packages.map((p) => p.name)).toEqual(['SiteTool-extend', 'enchant']);
    expect(catalog.warnings).toEqual([
      {
        item: 'enchant-2-2.6.5-GCCcore-12.3.0.eb',
        message: 'read as name "enchant", version "2-2.6.5-GCCcore-12.3.0"; if the name is longer, list it in options.names',
      },
      {
        item: 'SiteTool-extend-easybuild.eb',
        message: 'no numeric version: read as name "SiteTool-extend", version "easybuild"; if that is wrong, list the name in options.names',
      },
    ]);
    expect(catalog.itemErrors).toEqual([
      { item: 'easyconfigs[2] "nothing.eb"', message: 'cannot tell name from version (no "-<version>" part); list the name in options.names; entry skipped' },
      { item: 'easyconfigs[3] ".eb"', message: 'no file name; entry skipped' },
    ]);
  });

  it('when options.names lists the names, then they are split as given, without warnings', async () => {
    const catalog = await read('easystack/ambiguous.yml', { names: ['enchant-2', 'SiteTool', 'nothing'] });

    expect(catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ['SiteTool', ['extend-easybuild']],
      ['enchant-2', ['2.6.5-GCCcore-12.3.0']],
    ]);
    expect(catalog.warnings).toEqual([]);
  });

  it('when the list is empty, then the source has no packages (legal data)', async () => {
    const catalog = await read('easystack/empty-list.yml');

    expect(catalog.packages).toEqual([]);
  });
});

describe('readSource kind easystack: malformed input', () => {
  it.each([
    [
      'legacy-software.yml',
      ':2:3: software: this is the "software:" format of EasyBuild before 4.7, which EasyBuild no longer reads: list the easyconfig files under "easyconfigs:" instead',
    ],
    ['empty.yml', ': empty document; expected a mapping with "easyconfigs"'],
    ['easyconfigs-mapping.yml', ':2:3: easyconfigs: must be a list of easyconfig files (got a mapping)'],
    ['two-keys.yml', ':3:5: easyconfigs[1]: must be an easyconfig file name or a mapping {<easyconfig>: {options: ...}} with one key (got a mapping)'],
    ['item-list.yml', ':3:5: easyconfigs[1]: must be an easyconfig file name or a mapping {<easyconfig>: {options: ...}} with one key (got a list)'],
    ['unknown-item-key.yml', ':5:16: easyconfigs[0]["GROMACS-2024.1-foss-2023b.eb"].version: unknown key (only "options" is allowed here)'],
    ['options-string.yml', ':3:16: easyconfigs[0]["GROMACS-2024.1-foss-2023b.eb"].options: must be a mapping of EasyBuild options (got a string)'],
    ['bad-indent.yml', ':3:1: invalid YAML: A block sequence may not be used as an implicit map key'],
    ['alias-bomb.yml', ':2:8: YAML expands too many aliases (more than 100): refusing a possible alias bomb'],
  ])('when the file is %s, then the error names the file, the position and the problem', async (file, expected) => {
    const message = await failure(`easystack/${file}`);

    expect(message).toBe(`source easystack-test: ${fixture(`easystack/${file}`)}${expected}`);
  });
});
