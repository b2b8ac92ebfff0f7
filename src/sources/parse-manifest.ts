import { createStringPool } from '../create-string-pool.js';
import { ValidationError } from '../errors.js';
import { checkShape } from './check-shape.js';
import { manifestSchema, type Manifest } from './manifest-schema.js';
import { mapManifestPackage } from './map-manifest-package.js';
import { parseJsonText } from './parse-json-text.js';
import { parseUpstreamYaml } from './parse-upstream-yaml.js';
import type { RawDocument } from './types.js';
import { formatBytes } from './upstream-problem.js';

/**
 * YAML parsing holds about 50 times the text in memory; beyond this a manifest must be JSON
 * (the same schema, parsed natively), so one huge file cannot exhaust the daemon's memory.
 */
export const MAX_YAML_MANIFEST_CHARS = 40 * 1024 * 1024;

function parseManifestDocument(text: string, file: string): Manifest {
  // YAML 1.2 contains JSON: a JSON manifest means the same, and JSON.parse is far cheaper.
  if (/^\s*\{/.test(text)) return checkShape(manifestSchema, parseJsonText(text, file), file);
  if (text.length > MAX_YAML_MANIFEST_CHARS) {
    throw new ValidationError(
      `YAML manifest larger than ${formatBytes(MAX_YAML_MANIFEST_CHARS)}: write it as JSON (same schema) or split it into several sources`,
      {},
      { file },
    );
  }
  const yaml = parseUpstreamYaml(text, file);
  // An empty file is not "no packages" (that is `packages: []`): it is a broken upstream.
  if (yaml.value === null || yaml.value === undefined) {
    throw new ValidationError('empty document; expected a mapping with "packages"', {}, { file });
  }
  return checkShape(manifestSchema, yaml.value, file, { positionOf: yaml.positionOf });
}

/**
 * A native manifest -> its packages. YAML is parsed strictly (see parse-upstream-yaml); type errors
 * name the field path and, for YAML, the line.
 */
export function parseManifest(text: string, file: string): RawDocument {
  const doc = parseManifestDocument(text, file);
  const pool = createStringPool();
  return { packages: doc.packages.map((pkg, i) => mapManifestPackage(pkg, i, pool)), warnings: [] };
}
