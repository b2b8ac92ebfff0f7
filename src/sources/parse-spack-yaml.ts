import { describeValue } from '../config/describe-value.js';
import { ValidationError } from '../errors.js';
import type { SourceWarning } from '../model.js';
import { expandSpackSpecs, type SpecLists } from './expand-spack-specs.js';
import { formatPath } from '../config/format-path.js';
import { parseSpackSpec } from './parse-spack-spec.js';
import { parseUpstreamYaml } from './parse-upstream-yaml.js';
import type { RawDocument, RawPackage } from './types.js';

// Spack manifests use anchors in `packages:` and `ci:` sections more than config files do.
const MAX_ALIAS_COUNT = 1000;
const CONDITIONS_SHOWN = 5;

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

function unresolved(lists: SpecLists, includes: unknown, file: string, positionOf: (path: PropertyKey[]) => { line: number; column: number } | undefined): ValidationError {
  const names = [...new Set(lists.missing.map((m) => m.name))];
  const later = names.filter((name) => lists.definitions.has(name));
  const undefinedNames = names.filter((name) => !lists.definitions.has(name));
  const first = lists.missing[0]!;
  const at = positionOf(first.path);
  const parts: string[] = [];
  if (undefinedNames.length > 0) {
    const files = Array.isArray(includes) ? includes.filter((i): i is string => typeof i === 'string') : [];
    const from = files.length > 0 ? ` (definitions from included files are not read: ${files.join(', ')})` : '';
    parts.push(`${undefinedNames.map((n) => `$${n}`).join(', ')} ${undefinedNames.length === 1 ? 'is' : 'are'} not defined in this file${from}`);
  }
  if (later.length > 0) parts.push(`${later.map((n) => `$${n}`).join(', ')} used before ${later.length === 1 ? 'its definition' : 'their definitions'} (Spack requires definitions first)`);
  return new ValidationError(`${formatPath(first.path)}: ${parts.join('; ')}`, {}, { file, line: at?.line, column: at?.column });
}

/**
 * A Spack environment manifest (`spack.yaml`) -> one package per root package name of its specs,
 * whose versions are the specs' `@` constraints (`@=1.2` as 1.2; a spec without one adds no
 * version). `when:` conditions of definitions cannot be evaluated here (they are Python): they
 * are read as true, with a warning naming them. A `$reference` that the file does not define
 * (it lives in an included file) fails the file.
 */
export function parseSpackYaml(text: string, file: string): RawDocument {
  const yaml = parseUpstreamYaml(text, file, { maxAliasCount: MAX_ALIAS_COUNT });
  const doc = yaml.value;
  // Very old Spack wrote the environment under "env:".
  const root = isMapping(doc) ? ['spack', 'spack:', 'env'].find((key) => Object.hasOwn(doc, key)) : undefined;
  if (!isMapping(doc) || root === undefined) {
    throw new ValidationError(`expected a Spack environment manifest: a mapping with "spack:" (got ${describeValue(doc)}${isMapping(doc) ? ' without it' : ''})`, {}, { file });
  }
  const spack = doc[root];
  if (!isMapping(spack)) {
    const at = yaml.positionOf([root]);
    throw new ValidationError(`${root}: must be a mapping (got ${describeValue(spack)})`, {}, { file, line: at?.line, column: at?.column });
  }
  const { specs, lists } = expandSpackSpecs(spack, root, yaml, file);
  if (lists.missing.length > 0) throw unresolved(lists, spack.include, file, yaml.positionOf);
  const warnings: SourceWarning[] = [];
  if (lists.conditions.length > 0) {
    const shown = lists.conditions.slice(0, CONDITIONS_SHOWN).map((c) => `${c.name} (when: ${c.when})`);
    const more = lists.conditions.length > CONDITIONS_SHOWN ? ` and ${lists.conditions.length - CONDITIONS_SHOWN} more` : '';
    warnings.push({ message: `definitions with "when:" conditions were all read as true: ${shown.join('; ')}${more}` });
  }
  const byName = new Map<string, RawPackage>();
  const anonymous: string[] = [];
  for (const spec of specs) {
    const { root: node } = parseSpackSpec(spec);
    if (node.name === null) {
      anonymous.push(spec);
      continue;
    }
    let pkg = byName.get(node.name);
    if (!pkg) byName.set(node.name, (pkg = { name: node.name, description: null, homepage: null, versions: [] }));
    const version = node.version?.replace(/^=/, '') ?? '';
    if (version !== '' && !pkg.versions.some((v) => v.version === version)) pkg.versions.push({ version, targets: [] });
  }
  if (anonymous.length > 0) {
    warnings.push({ message: `${anonymous.length} spec(s) without a package name skipped, e.g. ${JSON.stringify(anonymous[0])}` });
  }
  return { packages: [...byName.values()], warnings };
}
