// Deterministic generators of large synthetic catalogs (same seed -> same output), in the shapes
// of the real formats, for tests and benchmarks.
import type { DesiredPackage, PackageVersion, Target } from '../../src/model.js';

/** mulberry32: tiny, fast and good enough to vary synthetic data reproducibly. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ro', 'su', 'ta', 'vi', 'xo', 'ze', 'bio', 'hpc', 'gen', 'mol', 'dyn', 'fft', 'lin', 'mat'];
const WORDS = ['fast', 'parallel', 'solver', 'library', 'toolkit', 'for', 'sparse', 'molecular', 'simulation', 'analysis', 'genome', 'mesh', 'data', 'numerical', 'quantum', 'climate'];

/** The CPU targets EESSI builds for, in its own `family[/vendor]/microarchitecture` form. */
export const EESSI_CPU_ARCHS = [
  'x86_64/generic', 'x86_64/amd/zen2', 'x86_64/amd/zen3', 'x86_64/amd/zen4', 'x86_64/intel/haswell',
  'x86_64/intel/skylake_avx512', 'x86_64/intel/cascadelake', 'x86_64/intel/icelake',
  'x86_64/intel/sapphirerapids', 'aarch64/generic', 'aarch64/a64fx', 'aarch64/neoverse_n1',
  'aarch64/neoverse_v1', 'aarch64/nvidia/grace', 'riscv64/generic',
];

const TOOLCHAINS = [
  { name: 'GCC', version: '12.3.0', suffix: 'GCC-12.3.0' },
  { name: 'foss', version: '2023a', suffix: 'foss-2023a' },
  { name: 'foss', version: '2023b', suffix: 'foss-2023b' },
  { name: 'GCCcore', version: '13.2.0', suffix: 'GCCcore-13.2.0' },
];

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A unique, pronounceable package name for index i. */
function packageName(random: () => number, i: number): string {
  const parts = [pick(random, SYLLABLES), pick(random, SYLLABLES)];
  if (random() < 0.3) parts.push(pick(random, SYLLABLES));
  const base = parts.join('');
  return `${random() < 0.4 ? base[0]!.toUpperCase() + base.slice(1) : base}-${i.toString(36)}`;
}

function sentence(random: () => number, words: number): string {
  const out = Array.from({ length: words }, () => pick(random, WORDS)).join(' ');
  return `${out[0]!.toUpperCase()}${out.slice(1)}.`;
}

function versionString(random: () => number, j: number): string {
  return `${1 + Math.floor(random() * 9)}.${j}.${Math.floor(random() * 20)}`;
}

function archsFor(count: number, offset: number): string[] {
  const n = Math.min(count, EESSI_CPU_ARCHS.length);
  return Array.from({ length: n }, (_, k) => EESSI_CPU_ARCHS[(offset + k) % EESSI_CPU_ARCHS.length]!);
}

export interface EessiGeneratorOptions {
  packages: number;
  versionsPerPackage?: number;
  /** At most the 15 EESSI CPU targets. */
  targetsPerVersion?: number;
  eessiVersion?: string;
  /** Every n-th package also gets an entry for this other EESSI version (never matched). */
  otherEessiVersion?: string;
  /** object (current files) or string (older files) required_modules. */
  moduleShape?: 'object' | 'string';
  /**
   * Share of the entries that belong to otherEessiVersion, chosen at random (the real file has
   * two EESSI versions about half and half). Absent: every 7th package gets one extra entry for it.
   */
  otherVersionShare?: number;
  /** Python extensions per entry. Absent: one for about a fifth of the entries. */
  extensionsPerEntry?: number;
  /** One line, as EESSI publishes it (default: pretty-printed). */
  compact?: boolean;
  seed?: number;
}

/** EESSI API metadata JSON (`eessi_api_metadata_software.json` shape), pretty-printed like upstream. */
export function generateEessiJson(options: EessiGeneratorOptions): string {
  const random = createRandom(options.seed ?? 1);
  const eessiVersion = options.eessiVersion ?? '2023.06';
  const other = options.otherEessiVersion ?? '2025.06';
  const perPackage = options.versionsPerPackage ?? 3;
  const targets = options.targetsPerVersion ?? 12;
  const moduleRef = (name: string, version: string) =>
    options.moduleShape === 'string' ? `${name}/${version}` : { full_module_name: `${name}/${version}`, module_name: name, module_version: version };
  const software: Record<string, unknown> = {};
  for (let i = 0; i < options.packages; i += 1) {
    const name = packageName(random, i);
    const description = sentence(random, 6 + Math.floor(random() * 12));
    const homepage = `https://${name.toLowerCase()}.example.org/`;
    const versions = [];
    const share = options.otherVersionShare;
    for (let j = 0; j < perPackage + (share === undefined && i % 7 === 0 ? 1 : 0); j += 1) {
      const toolchain = pick(random, TOOLCHAINS);
      const version = versionString(random, j);
      const moduleVersion = `${version}-${toolchain.suffix}`;
      const eessi = (share === undefined ? j === perPackage : random() < share) ? other : eessiVersion;
      const archs = archsFor(targets, i + j);
      versions.push({
        homepage,
        license: [],
        image: '',
        categories: [],
        identifier: '',
        toolchain: { name: toolchain.name, version: toolchain.version },
        toolchain_families_compatibility: [`${toolchain.version}_foss`],
        module: { full_module_name: `${name}/${moduleVersion}`, module_name: name, module_version: moduleVersion },
        required_modules: [
          moduleRef('EESSI', eessi),
          moduleRef('GCCcore', '12.3.0'),
          moduleRef(toolchain.name, toolchain.version),
          moduleRef(name, moduleVersion),
        ],
        cpu_arch: archs,
        gpu_arch: {},
        description,
        version,
        versionsuffix: '',
        extensions:
          options.extensionsPerEntry === undefined
            ? random() < 0.2 ? [{ type: 'python', name: `${name.toLowerCase()}-py`, version }] : []
            : Array.from({ length: options.extensionsPerEntry }, (_, k) => ({ type: 'python', name: `${name.toLowerCase()}-py${k}`, version: `${k}.${j}.0` })),
      });
    }
    software[name] = { versions, homepage, license: [], image: '', categories: [], identifier: '', description };
  }
  const architectures = Object.fromEntries(EESSI_CPU_ARCHS.map((a) => [a, a]));
  return JSON.stringify(
    {
      timestamp: '2026-01-01T00:00:00.000000Z',
      architectures_map: { [eessiVersion]: architectures, [other]: architectures },
      gpu_architectures_map: {},
      category_details: {},
      software,
    },
    null,
    options.compact ? undefined : 2,
  );
}

export interface ManifestGeneratorOptions {
  packages: number;
  versionsPerPackage?: number;
  targetsPerVersion?: number;
  seed?: number;
}

function targetsOf(archs: string[], base: string): Target[] {
  return archs.map((arch) => {
    const parts = arch.split('/');
    return { cpuFamily: parts[0]!, cpuMicroarchitecture: parts[parts.length - 1]!, path: `${base}/${arch}` };
  });
}

/** Synthetic packages (already normalized, sorted by name): desired input for planner tests. */
export function generateDesiredPackages(
  n: number,
  options: { versionsPerPackage?: number; targetsPerVersion?: number; seed?: number } = {},
): DesiredPackage[] {
  const random = createRandom(options.seed ?? 7);
  const packages: DesiredPackage[] = [];
  for (let i = 0; i < n; i += 1) {
    const name = packageName(random, i);
    const versions: PackageVersion[] = [];
    for (let j = 0; j < (options.versionsPerPackage ?? 1); j += 1) {
      const version = versionString(random, j);
      versions.push({ version, targets: targetsOf(archsFor(options.targetsPerVersion ?? 1, i + j), `/opt/software/${name}/${version}`) });
    }
    // Same order and uniqueness the readers guarantee.
    const unique = [...new Map(versions.map((v) => [v.version, v])).values()].sort((a, b) => compareText(a.version, b.version));
    for (const v of unique) {
      v.targets.sort((a, b) => compareText(a.cpuFamily, b.cpuFamily) || compareText(a.cpuMicroarchitecture, b.cpuMicroarchitecture));
    }
    packages.push({ name, description: sentence(random, 5 + Math.floor(random() * 10)), homepage: `https://${name.toLowerCase()}.example.org/`, versions: unique });
  }
  return packages.sort((a, b) => compareText(a.name, b.name));
}

/** A native YAML manifest (config/manifest.schema.json) built as text, fast even for 100,000 packages. */
export function generateManifestYaml(options: ManifestGeneratorOptions): string {
  const packages = generateDesiredPackages(options.packages, {
    versionsPerPackage: options.versionsPerPackage ?? 1,
    targetsPerVersion: options.targetsPerVersion ?? 1,
    seed: options.seed ?? 7,
  });
  const lines = ['# Synthetic site manifest (generated).', 'manifest_version: 1', 'packages:'];
  for (const pkg of packages) {
    lines.push(`  - name: ${JSON.stringify(pkg.name)}`, `    description: ${JSON.stringify(pkg.description)}`, `    homepage: ${pkg.homepage}`, '    versions:');
    for (const v of pkg.versions) {
      lines.push(`      - version: "${v.version}"`, '        targets:');
      for (const t of v.targets) {
        lines.push(`          - cpu_family: ${t.cpuFamily}`, `            cpu_microarchitecture: ${t.cpuMicroarchitecture}`, `            path: ${t.path}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The same manifest as generateManifestYaml, as JSON (the format large manifests should use). */
export function generateManifestJson(options: ManifestGeneratorOptions): string {
  const packages = generateDesiredPackages(options.packages, {
    versionsPerPackage: options.versionsPerPackage ?? 1,
    targetsPerVersion: options.targetsPerVersion ?? 1,
    seed: options.seed ?? 7,
  });
  return JSON.stringify({
    manifest_version: 1,
    packages: packages.map((p) => ({
      name: p.name,
      description: p.description,
      homepage: p.homepage,
      versions: p.versions.map((v) => ({
        version: v.version,
        targets: v.targets.map((t) => ({ cpu_family: t.cpuFamily, cpu_microarchitecture: t.cpuMicroarchitecture, path: t.path })),
      })),
    })),
  });
}
