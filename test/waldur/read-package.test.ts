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

describe('readTarget', () => {
  it('when the new schema has a 3-part target_name, then family is the first part and subtype the microarchitecture', () => {
    expect(readTarget({ target_type: 'cpu_architecture', target_name: 'x86_64/amd/zen2', target_subtype: 'zen2', location: '/p' })).toEqual({
      cpuFamily: 'x86_64',
      cpuMicroarchitecture: 'zen2',
      path: '/p',
    });
  });

  it('when the new schema has no subtype, then the last part of target_name is the microarchitecture', () => {
    expect(readTarget({ target_type: 'cpu_architecture', target_name: 'aarch64/neoverse_v1', target_subtype: '', location: '' })).toEqual({
      cpuFamily: 'aarch64',
      cpuMicroarchitecture: 'neoverse_v1',
      path: '',
    });
  });

  it('when a new-schema target is not a CPU architecture, then it is skipped', () => {
    expect(readTarget({ target_type: 'platform', target_name: 'linux', location: '' })).toBeNull();
  });

  it('when the old schema is used, then its fields map directly', () => {
    expect(readTarget({ cpu_family: 'x86_64', cpu_microarchitecture: 'generic', path: '/g' })).toEqual({
      cpuFamily: 'x86_64',
      cpuMicroarchitecture: 'generic',
      path: '/g',
    });
  });
});
