import { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { PackageVersion, SourceWarning, Target } from '../model.js';
import { checkShape } from './check-shape.js';
import { formatPath } from '../config/format-path.js';
import { spackTargetFamily } from './spack-target-family.js';
import type { RawDocument, RawPackage } from './types.js';

const KNOWN_LOCKFILE_VERSIONS = { min: 2, max: 6 };

const lockDocument = z.object({
  _meta: z.object({ 'lockfile-version': z.number().int() }),
  roots: z.array(z.object({ hash: z.string(), spec: z.string().optional() })).optional(),
  concrete_specs: z.record(z.string(), z.record(z.string(), z.unknown())),
});

const specNode = z.object({
  name: z.string().optional(),
  version: z.string(),
  // `target` is a plain name (lockfile v2, v5) or an object with `name` (v3, v4).
  arch: z.object({ target: z.union([z.string(), z.object({ name: z.string() })]) }).nullable().optional(),
  external: z.object({ path: z.string().nullable().optional() }).nullable().optional(),
  prefix: z.string().nullable().optional(),
});

type SpecNode = z.infer<typeof specNode>;

export interface SpackEnvParseOptions {
  include: 'all' | 'roots';
}

/** Lockfile v2 wraps each node as `{name: {...}}`; later versions put `name` inside. */
function unwrap(hash: string, raw: Record<string, unknown>, file: string): { name: string; node: SpecNode } {
  if (typeof raw.name === 'string') {
    return { name: raw.name, node: checkShape(specNode, raw, file, { basePath: ['concrete_specs', hash] }) };
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    const where = formatPath(['concrete_specs', hash]);
    throw new ValidationError(`${where}: neither a spec with a name nor a {name: spec} wrapper`, {}, { file });
  }
  const name = keys[0]!;
  return { name, node: checkShape(specNode, raw[name], file, { basePath: ['concrete_specs', hash, name] }) };
}

function selectedHashes(doc: z.infer<typeof lockDocument>, options: SpackEnvParseOptions, file: string): string[] {
  if (options.include === 'all') return Object.keys(doc.concrete_specs);
  return (doc.roots ?? []).map((root, i) => {
    if (!Object.hasOwn(doc.concrete_specs, root.hash)) {
      throw new ValidationError(`${formatPath(['roots', i, 'hash'])}: no concrete spec with hash ${root.hash}`, {}, { file });
    }
    return root.hash;
  });
}

function targetOf(node: SpecNode, unknown: Set<string>): Target[] {
  const target = node.arch?.target;
  if (target === undefined) return [];
  const name = typeof target === 'string' ? target : target.name;
  const known = spackTargetFamily(name);
  if (!known) unknown.add(name);
  return [{ ...(known ?? { cpuFamily: 'unknown', cpuMicroarchitecture: name }), path: node.external?.path ?? node.prefix ?? '' }];
}

/**
 * A Spack environment lockfile (`spack.lock`, versions 2 to 6) -> one package per name, whose
 * versions are the distinct concrete versions and whose targets come from each spec's arch.
 * An environment without specs is legal and gives no packages.
 */
export function parseSpackEnv(value: unknown, file: string, options: SpackEnvParseOptions): RawDocument {
  const doc = checkShape(lockDocument, value, file);
  const lockfileVersion = doc._meta['lockfile-version'];
  const warnings: SourceWarning[] = [];
  if (lockfileVersion < KNOWN_LOCKFILE_VERSIONS.min) {
    throw new ValidationError(`_meta.lockfile-version: ${lockfileVersion} is not supported (versions 2 to 6 are)`, {}, { file });
  }
  if (lockfileVersion > KNOWN_LOCKFILE_VERSIONS.max) {
    warnings.push({
      item: '_meta.lockfile-version',
      message: `lockfile version ${lockfileVersion} is newer than the known 2 to 6; read like version 6`,
    });
  }
  const byName = new Map<string, PackageVersion[]>();
  const unknownTargets = new Set<string>();
  for (const hash of selectedHashes(doc, options, file)) {
    const { name, node } = unwrap(hash, doc.concrete_specs[hash]!, file);
    const versions = byName.get(name) ?? [];
    versions.push({ version: node.version, targets: targetOf(node, unknownTargets) });
    byName.set(name, versions);
  }
  for (const target of unknownTargets) {
    warnings.push({ item: target, message: `unknown Spack target ${JSON.stringify(target)}: listed with CPU family "unknown"` });
  }
  const packages: RawPackage[] = [...byName].map(([name, versions]) => ({ name, versions }));
  return { packages, warnings };
}
