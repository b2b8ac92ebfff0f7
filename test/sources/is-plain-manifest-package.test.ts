import { describe, expect, it } from 'vitest';
import { isPlainManifestPackage } from '../../src/sources/is-plain-manifest-package.js';
import { manifestPackage } from '../../src/sources/manifest-schema.js';

const accepted = (value: unknown): boolean => manifestPackage.safeParse(value).success;

function plainPackage(): Record<string, unknown> {
  return {
    name: 'GROMACS',
    description: 'Molecular dynamics.',
    homepage: 'https://www.gromacs.org/',
    is_extension: false,
    versions: [
      { version: '2024.4', release_date: null, targets: [{ cpu_family: 'x86_64', cpu_microarchitecture: 'zen3', path: '/opt/gromacs/2024.4' }] },
      { version: '2023.3', targets: [{ cpu_family: 'aarch64', cpu_microarchitecture: 'generic' }] },
    ],
  };
}

/** Small deterministic random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [null, '', ' ', 'x'.repeat(300), 0, 1.5, true, [], {}, ['a'], { a: 1 }, '2025-13-40', '2025-01-31', 'not a date'];
const ODD_KEYS = ['names', 'extra', '__proto__', 'constructor', 'release_date', 'targets', 'path', 'version', 'name', 'cpu_family'];

/** One random change somewhere in the tree: a value replaced, a key added or removed. */
function mutate(value: unknown, next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.2) return [...value, pick(ODD_VALUES)];
    const copy = [...value];
    const at = Math.floor(next() * copy.length);
    copy[at] = mutate(copy[at], next);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const keys = Object.keys(copy);
    const roll = next();
    if (roll < 0.15 || keys.length === 0) Object.defineProperty(copy, pick(ODD_KEYS), { value: pick(ODD_VALUES), enumerable: true, writable: true, configurable: true });
    else if (roll < 0.3) delete copy[pick(keys)];
    else {
      const key = pick(keys);
      copy[key] = mutate(copy[key], next);
    }
    return copy;
  }
  return pick(ODD_VALUES);
}

describe('isPlainManifestPackage', () => {
  it('when a package is the common shape (release_date null or absent), then it is accepted without the schema', () => {
    expect(isPlainManifestPackage(plainPackage())).toBe(true);
    expect(isPlainManifestPackage({ name: 'minimal' })).toBe(true);
  });

  it.each([
    ['not an object', []],
    ['no name', { description: 'x' }],
    ['a number as name', { name: 1 }],
    ['an unknown key', { name: 'a', homepages: [] }],
    ['an empty version', { name: 'a', versions: [{ version: '' }] }],
    ['an empty cpu_family', { name: 'a', versions: [{ version: '1', targets: [{ cpu_family: '', cpu_microarchitecture: 'zen2' }] }] }],
    ['a target without cpu_microarchitecture', { name: 'a', versions: [{ version: '1', targets: [{ cpu_family: 'x86_64' }] }] }],
    ['is_extension null', { name: 'a', is_extension: null }],
    ['a "__proto__" key', JSON.parse('{"name": "a", "__proto__": {}}') as unknown],
  ])('when the package has %s, then the quick check leaves it to the schema', (_what, value) => {
    expect(isPlainManifestPackage(value)).toBe(false);
  });

  it('when a release date is given, then the schema checks it (the quick check never judges dates)', () => {
    const dated = { name: 'a', versions: [{ version: '1', release_date: '2025-01-31' }] };

    expect(isPlainManifestPackage(dated)).toBe(false);
    expect(accepted(dated)).toBe(true);
  });

  it('when 20,000 random variants of a package are tried, then every one the quick check accepts the schema accepts too', () => {
    const next = random(20_26);
    const wronglyAccepted: unknown[] = [];
    let quick = 0;
    for (let i = 0; i < 20_000; i += 1) {
      let variant: unknown = plainPackage();
      for (let changes = 1 + Math.floor(next() * 3); changes > 0; changes -= 1) variant = mutate(variant, next);
      if (!isPlainManifestPackage(variant)) continue;
      quick += 1;
      if (!accepted(variant)) wronglyAccepted.push(variant);
    }

    expect(wronglyAccepted.slice(0, 3)).toEqual([]);
    // The variants must exercise the quick path, or the test proves nothing.
    expect(quick).toBeGreaterThan(1000);
  });
});
