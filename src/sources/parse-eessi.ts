import { ValidationError } from '../errors.js';
import type { PackageVersion, SourceWarning, Target } from '../model.js';
import { normalizeText } from '../normalize.js';
import { checkShape } from './check-shape.js';
import { eessiDocument, type EessiModuleRef, type EessiVersionEntry } from './eessi-schema.js';
import { isPlainEessiDocument } from './is-plain-eessi-document.js';
import { formatPath } from '../config/format-path.js';
import type { RawDocument, RawPackage } from './types.js';

export interface EessiParseOptions {
  /** e.g. "2023.06" */
  eessiVersion: string;
  /** An eessi_api_metadata_ext-*.json file: entries are extensions inside a parent module. */
  isExtension: boolean;
}

interface ModuleId {
  name: string;
  version: string;
}

function splitModule(full: string): ModuleId {
  const slash = full.indexOf('/');
  return slash < 0 ? { name: full, version: '' } : { name: full.slice(0, slash), version: full.slice(slash + 1) };
}

function moduleId(ref: EessiModuleRef | undefined): ModuleId | null {
  if (ref === undefined) return null;
  if (typeof ref === 'string') return splitModule(ref);
  const full = ref.full_module_name !== undefined ? splitModule(ref.full_module_name) : null;
  const name = ref.module_name ?? full?.name;
  return name ? { name, version: ref.module_version ?? full?.version ?? '' } : null;
}

/** The EESSI version an entry belongs to: its FIRST required module must be EESSI/<version>. */
function eessiVersionOf(entry: EessiVersionEntry): string | null {
  const first = moduleId(entry.required_modules[0]);
  return first?.name === 'EESSI' ? first.version : null;
}

function cvmfsPath(eessiVersion: string, cpuArch: string, module: ModuleId): string {
  return `/cvmfs/software.eessi.io/versions/${eessiVersion}/software/linux/${cpuArch}/software/${module.name}/${module.version}`;
}

/**
 * Waldur's loader splits cpu_arch at the FIRST "/": family, then the rest as the subtype with the
 * vendor prefix kept (x86_64/amd/zen3 -> x86_64, amd/zen3); a bare family is "generic".
 */
function splitCpuArch(arch: string): CpuArch | null {
  const slash = arch.indexOf('/');
  const family = slash < 0 ? arch : arch.slice(0, slash);
  const subtype = slash < 0 ? 'generic' : arch.slice(slash + 1);
  if (family.trim() === '' || subtype.trim() === '' || subtype.split('/').some((p) => p.trim() === '')) return null;
  return { family, subtype };
}

interface CpuArch {
  family: string;
  subtype: string;
}

/** What one document's entries share: its few distinct cpu_arch values, each split once (and their parts stored once). */
interface ParseContext extends EessiParseOptions {
  cpuArchs: Map<string, CpuArch | null>;
}

function targetsOf(entry: EessiVersionEntry, module: ModuleId, name: string, options: ParseContext, warnings: SourceWarning[]): Target[] {
  const targets: Target[] = [];
  for (const arch of entry.cpu_arch ?? []) {
    let split = options.cpuArchs.get(arch);
    if (split === undefined) options.cpuArchs.set(arch, (split = splitCpuArch(arch)));
    if (!split) {
      warnings.push({ item: name, message: `cpu_arch ${JSON.stringify(arch)} is not family/microarchitecture; target skipped` });
      continue;
    }
    targets.push({ cpuFamily: split.family, cpuMicroarchitecture: split.subtype, path: cvmfsPath(options.eessiVersion, arch, module) });
  }
  return targets;
}

/** Waldur's module_version: the `module` object's module_version only (an older `modulename` string has none). */
function moduleVersionOf(entry: EessiVersionEntry): string {
  return typeof entry.module === 'object' ? (entry.module.module_version ?? '') : '';
}

function versionOf(entry: EessiVersionEntry, name: string, options: ParseContext, warnings: SourceWarning[]): PackageVersion | null {
  const module = moduleId(entry.module) ?? (entry.modulename !== undefined ? splitModule(entry.modulename) : null);
  // Like Waldur's loader: `version` is the entry's own (it repeats across toolchains) and
  // module_version tells the builds apart. Extension entries carry their parent's module.
  const moduleVersion = moduleVersionOf(entry);
  const version = entry.version || module?.version;
  if (!version) {
    warnings.push({ item: name, message: 'an entry without module_version or version was skipped' });
    return null;
  }
  const installed = module && module.version !== '' ? module : { name, version };
  const result: PackageVersion = { version, targets: targetsOf(entry, installed, name, options, warnings) };
  if (moduleVersion !== '') result.moduleVersion = moduleVersion;
  return result;
}

function firstText(values: Array<string | null | undefined>): string | null {
  for (const value of values) if (normalizeText(value) !== '') return value!;
  return null;
}

function firstHomepage(values: unknown[]): unknown {
  return values.find((v) => v !== null && v !== undefined && !(typeof v === 'string' && normalizeText(v) === ''));
}

/**
 * EESSI API metadata (main or extension file) -> the packages of one EESSI version. A main file
 * with no entry for that version is an error: an empty result must never read as "all removed".
 * An extension file without one is normal (extensions lag behind a new stack): it contributes
 * nothing and a warning.
 */
export function parseEessi(value: unknown, file: string, options: EessiParseOptions): RawDocument {
  const doc = isPlainEessiDocument(value) ? value : checkShape(eessiDocument, value, file);
  const context: ParseContext = { ...options, cpuArchs: new Map() };
  const packages: RawPackage[] = [];
  const warnings: SourceWarning[] = [];
  const seenVersions = new Set<string>();
  for (const [name, pkg] of Object.entries(doc.software)) {
    const matching = pkg.versions.filter((entry) => {
      const v = eessiVersionOf(entry);
      if (v !== null) seenVersions.add(v);
      return v === options.eessiVersion;
    });
    if (matching.length === 0) continue;
    const versions = matching.map((entry) => versionOf(entry, name, context, warnings)).filter((v) => v !== null);
    packages.push({
      name,
      description: firstText([pkg.description, ...matching.map((e) => e.description)]),
      homepage: firstHomepage([pkg.homepage, ...matching.map((e) => e.homepage)]),
      isExtension: options.isExtension,
      versions,
      origin: formatPath(['software', name]),
    });
  }
  if (packages.length === 0) {
    const found = seenVersions.size > 0 ? `it has ${[...seenVersions].sort().join(', ')}` : 'it lists no EESSI software';
    if (options.isExtension) {
      const message = `extension file has no software for EESSI version ${options.eessiVersion} (${found}); it adds nothing`;
      return { packages: [], warnings: [{ item: file, message }] };
    }
    throw new ValidationError(
      `no software for EESSI version ${options.eessiVersion} (${found})`,
      { eessi_version: [options.eessiVersion] },
      { file },
    );
  }
  return { packages, warnings };
}
