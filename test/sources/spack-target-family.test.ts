import { describe, expect, it } from 'vitest';
import { spackTargetFamily } from '../../src/sources/spack-target-family.js';

describe('spackTargetFamily', () => {
  it.each([
    ['zen2', 'x86_64'],
    ['haswell', 'x86_64'],
    ['skylake_avx512', 'x86_64'],
    ['icelake', 'x86_64'],
    ['sapphirerapids', 'x86_64'],
    ['x86_64_v3', 'x86_64'],
    ['neoverse_n1', 'aarch64'],
    ['neoverse_v1', 'aarch64'],
    ['neoverse_v2', 'aarch64'],
    ['a64fx', 'aarch64'],
    ['graviton3', 'aarch64'],
    ['m1', 'aarch64'],
    ['power9le', 'ppc64le'],
    ['power9', 'ppc64'],
    ['u74mc', 'riscv64'],
  ])('when the target is %s, then the family is %s', (target, family) => {
    expect(spackTargetFamily(target)).toEqual({ cpuFamily: family, cpuMicroarchitecture: target });
  });

  it.each(['x86_64', 'aarch64', 'ppc64le', 'riscv64'])('when the target is the bare family %s, then the microarchitecture is generic', (family) => {
    expect(spackTargetFamily(family)).toEqual({ cpuFamily: family, cpuMicroarchitecture: 'generic' });
  });

  it.each(['weirdchip', 'Zen2', '', 'constructor', 'toString'])('when the target %j is unknown, then the result is null', (target) => {
    expect(spackTargetFamily(target)).toBeNull();
  });
});
