import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { readPackage, readTarget } from '../../src/waldur/read-package.js';

const base = {
  uuid: 'a'.repeat(32),
  url: 'https://w.example.org/api/marketplace-software-packages/aaaa/',
  catalog: 'https://w.example.org/api/marketplace-software-catalogs/bbbb/',
  name: 'GROMACS',
};

describe('readPackage', () => {
  it('when description is null and homepage is "" or padded, then they read back normalized', () => {
    expect(readPackage({ ...base, description: null, homepage: '' })).toMatchObject({ description: '', homepage: null });
    expect(readPackage({ ...base, description: ' d\u001f', homepage: ' https://x.org ' })).toMatchObject({ description: 'd', homepage: 'https://x.org' });
  });

  it('when a required field is missing, then ValidationError naming it', () => {
    expect(() => readPackage({ ...base, name: undefined })).toThrow(ValidationError);
    expect(() => readPackage({ ...base, name: undefined })).toThrow(/name/);
  });
});

describe('readPackage versions', () => {
  const target = { uuid: 'c'.repeat(32), target_type: 'cpu_architecture', target_name: 'x86_64', target_subtype: 'amd/zen3', location: '/l' };

  it('when a version carries module_version (Waldur 8.0.9+), then it is the module version, over the copy in module', () => {
    const pkg = readPackage({
      ...base,
      versions: [{ version: '2024.4', module_version: '2024.4-foss-2023b', module: { module_version: 'ignored' }, targets: [target] }],
    });

    expect(pkg.versions).toEqual([
      { version: '2024.4', moduleVersion: '2024.4-foss-2023b', targets: [{ cpuFamily: 'x86_64', cpuMicroarchitecture: 'amd/zen3', path: '/l' }] },
    ]);
  });

  it('when a version has only module.module_version (older servers), then that is the module version', () => {
    const pkg = readPackage({ ...base, versions: [{ version: '2024.4', module: { module_name: 'GROMACS', module_version: '2024.4-foss-2023a' }, targets: [] }] });

    expect(pkg.versions[0]).toMatchObject({ version: '2024.4', moduleVersion: '2024.4-foss-2023a' });
  });

  it('when a version has neither (an empty module object, or none), then the module version is empty', () => {
    const pkg = readPackage({ ...base, versions: [{ version: '1.0', module: {}, targets: [] }, { version: '2.0', targets: [] }] });

    expect(pkg.versions.map((v) => v.moduleVersion)).toEqual(['', '']);
  });
});

describe('readTarget', () => {
  it('when the new schema is used, then target_name is the family and target_subtype the full subtype, vendor prefix kept', () => {
    expect(readTarget({ target_type: 'cpu_architecture', target_name: 'x86_64', target_subtype: 'intel/sapphirerapids', location: '/p' })).toEqual({
      cpuFamily: 'x86_64',
      cpuMicroarchitecture: 'intel/sapphirerapids',
      path: '/p',
    });
  });

  it('when target_name holds a whole cpu_arch, then it is split like the loader splits cpu_arch (family, then the rest)', () => {
    expect(readTarget({ target_type: 'cpu_architecture', target_name: 'x86_64/amd/zen2', target_subtype: 'zen2', location: '' })).toEqual({
      cpuFamily: 'x86_64',
      cpuMicroarchitecture: 'amd/zen2',
      path: '',
    });
  });

  it.each([['build_variant'], ['platform'], ['external'], ['build_system']])('when a new-schema target has type %s, then it is not a CPU target and is skipped', (type) => {
    expect(readTarget({ target_type: type, target_name: 'linux', target_subtype: '', location: '' })).toBeNull();
  });

  it('when the old schema is used, then its fields map directly, vendor prefix kept', () => {
    expect(readTarget({ cpu_family: 'x86_64', cpu_microarchitecture: 'amd/zen3', path: '/g' })).toEqual({
      cpuFamily: 'x86_64',
      cpuMicroarchitecture: 'amd/zen3',
      path: '/g',
    });
  });
});
