// Spack names a target by its microarchitecture only (zen2, neoverse_v1, haswell); catalogs group
// targets by CPU family. This table covers the microarchitectures Spack environments commonly
// use, after archspec's families. A bare family name (`x86_64`, `aarch64`: a generic build)
// maps to itself with microarchitecture "generic", as EESSI writes `x86_64/generic`.

const FAMILIES: Record<string, string[]> = {
  x86_64: [
    'x86_64_v2', 'x86_64_v3', 'x86_64_v4', 'nocona', 'core2', 'nehalem', 'westmere', 'sandybridge',
    'ivybridge', 'haswell', 'broadwell', 'skylake', 'mic_knl', 'skylake_avx512', 'cannonlake',
    'cascadelake', 'icelake', 'sapphirerapids', 'emeraldrapids', 'graniterapids', 'alderlake',
    'raptorlake', 'meteorlake', 'arrowlake', 'arrowlake_s', 'k10', 'bulldozer', 'piledriver',
    'steamroller', 'excavator', 'zen', 'zen2', 'zen3', 'zen4', 'zen5',
  ],
  aarch64: [
    'armv8.1a', 'armv8.2a', 'armv8.3a', 'armv8.4a', 'armv8.5a', 'armv8.6a', 'armv9.0a', 'armv9.2a',
    'thunderx2', 'a64fx', 'cortex_a72', 'neoverse_n1', 'neoverse_n2', 'neoverse_v1', 'neoverse_v2',
    'neoverse_v3', 'neoverse_v3ae', 'graviton', 'graviton2', 'graviton3', 'graviton4', 'ampere1',
    'ampere1a', 'grace', 'm1', 'm2', 'm3', 'm4',
  ],
  ppc64le: ['power8le', 'power9le', 'power10le'],
  ppc64: ['power7', 'power8', 'power9', 'power10'],
  riscv64: ['u74mc', 'x60'],
};

const FAMILY_OF = new Map<string, string>(
  Object.entries(FAMILIES).flatMap(([family, names]) => names.map((name) => [name, family] as const)),
);

/** Family and microarchitecture of a Spack target name, or null when the table does not know it. */
export function spackTargetFamily(target: string): { cpuFamily: string; cpuMicroarchitecture: string } | null {
  if (Object.hasOwn(FAMILIES, target)) return { cpuFamily: target, cpuMicroarchitecture: 'generic' };
  const family = FAMILY_OF.get(target);
  return family ? { cpuFamily: family, cpuMicroarchitecture: target } : null;
}
