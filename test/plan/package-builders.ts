// Small builders for planner inputs: only what a test cares about is spelled out.
import type { DeleteLimit } from '../../src/config/types.js';
import type { ActualPackage, DesiredPackage, PackageVersion } from '../../src/model.js';
import type { PlanPolicy } from '../../src/plan/types.js';

export const CATALOG_URL = 'http://waldur.test/api/marketplace-software-catalogs/c0ffee00c0ffee00c0ffee00c0ffee00/';

/** A version with CPU targets written like EESSI's cpu_arch: "x86_64/amd/zen3" is family x86_64, subtype amd/zen3. */
export function version(v: string, ...targets: string[]): PackageVersion {
  return {
    version: v,
    targets: targets.map((t) => {
      const slash = t.indexOf('/');
      return { cpuFamily: t.slice(0, slash), cpuMicroarchitecture: t.slice(slash + 1), path: `/opt/${v}/${t}` };
    }),
  };
}

/** A version with a module version (Waldur's module_version), e.g. module('2024.4', '2024.4-foss-2023b', 'x86_64/generic'). */
export function module(v: string, moduleVersion: string, ...targets: string[]): PackageVersion {
  return { ...version(v, ...targets), moduleVersion };
}

export function desired(name: string, fields: Partial<DesiredPackage> = {}): DesiredPackage {
  return { name, description: `${name} tool`, homepage: `https://${name.toLowerCase()}.example.org`, versions: [], ...fields };
}

let counter = 0;
export function actual(name: string, fields: Partial<ActualPackage> = {}): ActualPackage {
  counter += 1;
  const uuid = fields.uuid ?? counter.toString(16).padStart(32, '0');
  return {
    uuid,
    url: `http://waldur.test/api/marketplace-software-packages/${uuid}/`,
    catalog: CATALOG_URL,
    name,
    description: `${name} tool`,
    homepage: `https://${name.toLowerCase()}.example.org`,
    isExtension: false,
    versions: [],
    ...fields,
  };
}

export function policy(
  options: { prune?: boolean; maxDelete?: DeleteLimit | number | `${number}%`; allowEmpty?: boolean; protect?: string[]; force?: boolean } = {},
): PlanPolicy {
  const raw = options.maxDelete ?? 100;
  const maxDelete: DeleteLimit =
    typeof raw === 'number'
      ? { kind: 'count', value: raw }
      : typeof raw === 'string'
        ? { kind: 'percent', value: Number(raw.slice(0, -1)) }
        : raw;
  return {
    prune: { enabled: options.prune ?? true, maxDelete, allowEmpty: options.allowEmpty ?? false },
    protect: options.protect ?? [],
    force: options.force ?? false,
  };
}
