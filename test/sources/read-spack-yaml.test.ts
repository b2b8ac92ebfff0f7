import { describe, expect, it } from 'vitest';
import { parseSpackSpec } from '../../src/sources/parse-spack-spec.js';
import { readSource } from '../../src/sources/read-source.js';
import { specSatisfies } from '../../src/sources/spec-satisfies.js';
import { versionSatisfies } from '../../src/sources/spack-version-satisfies.js';
import { captureLogger, fixture, sourceConfig, sourceError } from './source-fixtures.js';

function read(location: string) {
  const source = sourceConfig({ name: 'spack-yaml-test', kind: 'spack-yaml', location: fixture(location) });
  return readSource(source, { logger: captureLogger().logger });
}

const failure = async (location: string) => (await sourceError(read(location))).message;

function versionsOf(catalog: Awaited<ReturnType<typeof read>>): Array<[string, string[]]> {
  return catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)]);
}

describe('parseSpackSpec', () => {
  it.each([
    ['swig@4.0.2-fortran', 'swig', '4.0.2-fortran'],
    ['openmpi@4:', 'openmpi', '4:'],
    ['wrf@4 build_type=dm+sm', 'wrf', '4'],
    ['gcc@12 +strip +binutils ^binutils@2.37', 'gcc', '12'],
    ['adios2@2.4.0%pgi@19.7 ~python ^pkgconf%gcc@4.8.5 ^bzip2%gcc@4.8.5\n^zfp%gcc@4.8.5', 'adios2', '2.4.0'],
    ['hdf5+mpi^openmpi', 'hdf5', null],
    ['macsio@1.1+scr ^scr@2.0.0~fortran', 'macsio', '1.1'],
    ['geant4 ~vtk ^[virtuals=qmake] qt', 'geant4', null],
    ['xyce +mpi ldflags="-fopenmp -O2"', 'xyce', null],
    ['builtin.hdf5@=1.14.3', 'hdf5', '=1.14.3'],
    ['wrf@4 %c,fortran=oneapi', 'wrf', '4'],
    ['@ 1.2 zlib', 'zlib', '1.2'],
    ['%gcc@4.8.5', null, null],
    ['+mpi', null, null],
    ['^mpich', null, null],
    ['target=zen3', null, null],
  ])('when the spec is %j, then the root is %j at %j', (spec, name, version) => {
    const { root } = parseSpackSpec(spec);

    expect([root.name, root.version]).toEqual([name, version]);
  });

  it('when a spec has dependencies with versions and variants, then they are edges, not the root version', () => {
    expect(parseSpackSpec('macsio@1.1+scr ^scr@2.0.0~fortran %gcc@12')).toEqual({
      root: { name: 'macsio', version: '1.1', flags: ['+scr'] },
      edges: [
        { name: 'scr', version: '2.0.0', flags: ['~fortran'] },
        { name: 'gcc', version: '12', flags: [] },
      ],
    });
  });
});

describe('versionSatisfies and specSatisfies (matrix exclude)', () => {
  it.each([
    ['9.1.0', '9:', true],
    ['8.1.1', '9:', false],
    ['12.3', '12', true],
    ['1.2', '1.2.5', false],
    ['=1.2', '=1.2', true],
    ['1.2', '=1.2', false],
    ['1.4.2', '1.2:1.4', true],
    ['1.5', '1.2:1.4', false],
    ['2.0', '1.0,2.0', true],
    ['develop', '1:', true],
    [null, '1', false],
    ['1', null, true],
  ])('when %j is checked against %j, then it is %j', (constraint, required, expected) => {
    expect(versionSatisfies(constraint, required)).toBe(expected);
  });

  it.each([
    ['amgx +mpi %gcc@9.1.0', 'amgx%gcc@9:', true],
    ['amgx +mpi %gcc@4.8.5', 'amgx%gcc@9:', false],
    ['fftw +mpi %pgi@19.7', 'fftw%pgi', true],
    ['fftw +mpi %pgi@19.7', '+mpi', true],
    ['fftw ~mpi %pgi@19.7', '+mpi', false],
    ['hdf5@1.8 ^zlib@1.3', 'hdf5 ^zlib@1:', true],
    ['hdf5@1.8', 'hdf5 ^zlib', false],
  ])('when %j is checked against the exclude %j, then it is %j', (spec, exclude, expected) => {
    expect(specSatisfies(parseSpackSpec(spec), parseSpackSpec(exclude))).toBe(expected);
  });
});

describe('readSource kind spack-yaml', () => {
  it('when specs are a plain list (comments, empty items, quoted values, dependencies), then the root packages and their @ constraints come out', async () => {
    const catalog = await read('spack-yaml/plain-list.spack.yaml');

    expect(versionsOf(catalog)).toEqual([
      ['adiosx', []],
      ['adiosx2', []],
      ['boostx', []],
      // "=1.12.2" is the exact version 1.12.2.
      ['hdf5x', ['1.12.2', '1.14']],
      // ^dyninstx@13.0.0 is a dependency's version, not hpctool's.
      ['hpctool', []],
      ['mpix', ['4:']],
      ['swigx', ['4.0.2-fortran']],
      ['xycex', []],
      ['zlibx', ['1.3']],
    ]);
    expect(catalog.packages.every((p) => p.description === '' && p.homepage === null && p.versions.every((v) => v.targets.length === 0))).toBe(true);
    expect(catalog.warnings).toEqual([]);
  });

  it('when specs come from nested definitions and matrices with exclude, then every combination left is read', async () => {
    const catalog = await read('spack-yaml/definitions-matrix.spack.yaml');

    expect(versionsOf(catalog)).toEqual([
      ['adios2x', ['2.4.0']],
      ['amgxx', []],
      ['emacsx', []],
      ['gnuplotx', ['5.0.1']],
      // gonex's only combination is excluded; oldlibx@1.2 is excluded with every compiler.
      ['oldlibx', ['1.3']],
      ['py-numpyx', []],
      ['py-scipyx', []],
      ['pythonx', ['3.7.0']],
      ['readlinex', []],
    ]);
  });

  it('when specs are in spec groups (specs or matrix, needs, explicit, override), then every group is read and anonymous specs are reported', async () => {
    const catalog = await read('spack-yaml/groups.spack.yaml');

    expect(versionsOf(catalog)).toEqual([
      ['armadillox', []],
      ['gccx', ['12']],
      ['geant4x', []],
      ['gromacsx', []],
      ['hdf5x', []],
      ['netlib-scalapackx', []],
      ['openmpix', ['4:']],
      ['py-scipyx', []],
      ['tclx', []],
      ['wrfx', ['4']],
      ['zlib-ngx', ['2.0.7', '2.2.4']],
    ]);
    expect(catalog.warnings).toEqual([{ message: '1 spec(s) without a package name skipped, e.g. "%gcc@12 +mpi"' }]);
  });

  it('when definitions have when: conditions, then they are read as true and a warning names them', async () => {
    const catalog = await read('spack-yaml/when.spack.yaml');

    expect(catalog.packages.map((p) => p.name)).toEqual(['celeritasx', 'rootx', 'vecgeomx', 'yodax']);
    expect(catalog.warnings).toEqual([
      {
        message:
          'definitions with "when:" conditions were all read as true: cuda_specs (when: env.get(\'SPACK_CI_TARGET\') == \'x86_64_v3\'); rocm_specs (when: platform == \'linux\')',
      },
    ]);
  });

  it('when the manifest is the old env: form with arch=, then it is read too', async () => {
    const catalog = await read('spack-yaml/legacy-env.spack.yaml');

    expect(versionsOf(catalog)).toEqual([['zlibx', ['1.2.11']]]);
  });

  it('when the environment has no specs, then it has no packages (legal data)', async () => {
    const catalog = await read('spack-yaml/no-specs.spack.yaml');

    expect(catalog.packages).toEqual([]);
  });
});

describe('readSource kind spack-yaml: malformed input', () => {
  it.each([
    [
      'undefined-refs.spack.yaml',
      ':8:8: spack.specs[0].matrix[0][0]: $gcc_specs, $gcc_compilers, $tools are not defined in this file (definitions from included files are not read: /global/spack_settings/compilers.yaml, /global/spack_settings/packages.yaml)',
    ],
    ['defined-later.spack.yaml', ':3:11: spack.definitions[0].all[0]: $later used before its definition (Spack requires definitions first)'],
    ['not-spack.yaml', ': expected a Spack environment manifest: a mapping with "spack:" (got a mapping without it)'],
    ['specs-mapping.spack.yaml', ':3:5: spack.specs: must be a list of specs (got a mapping)'],
    ['two-names.spack.yaml', ':3:5: spack.definitions[0]: must define exactly one list (found compilers, packages)'],
    ['row-not-list.spack.yaml', ':5:7: spack.specs[0].matrix[1]: must be a row: a list of specs (got a string)'],
    ['group-unknown-key.spack.yaml', ':5:15: spack.specs[0].requires: unknown key in a spec group'],
    ['number-spec.spack.yaml', ':4:5: spack.specs[1]: must be a spec string, a $reference or a {matrix: ...} (got a number)'],
    ['matrix-explosion.spack.yaml', ':4:5: spack.specs[0].matrix: expands to more than 100000 specs'],
  ])('when the file is %s, then the error names the file, the position and the problem', async (file, expected) => {
    const message = await failure(`spack-yaml/${file}`);

    expect(message).toBe(`source spack-yaml-test: ${fixture(`spack-yaml/${file}`)}${expected}`);
  });
});
