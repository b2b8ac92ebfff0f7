import type { ManifestPackage } from './manifest-schema.js';

// A quick yes for the commonest manifest entries, so a large manifest is not validated through
// the schema library one object at a time (at 100,000 packages that was a fifth of the read).
// It may only ever be STRICTER than manifestPackage in manifest-schema.ts: whatever it does not
// accept goes through the schema, which decides (and words the error). A test holds it to that.

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isTextOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

function isPlainTarget(target: unknown): boolean {
  if (!isFields(target)) return false;
  for (const key in target) {
    if (key === 'cpu_family' || key === 'cpu_microarchitecture') {
      if (!isName(target[key])) return false;
    } else if (key !== 'path' || typeof target.path !== 'string') {
      return false;
    }
  }
  return 'cpu_family' in target && 'cpu_microarchitecture' in target;
}

function isPlainVersion(version: unknown): boolean {
  if (!isFields(version)) return false;
  for (const key in version) {
    const value = version[key];
    if (key === 'version') {
      if (!isName(value)) return false;
    } else if (key === 'release_date') {
      // A date must match the schema's date format: the schema checks those.
      if (value !== null) return false;
    } else if (key !== 'targets' || !Array.isArray(value) || !value.every(isPlainTarget)) {
      return false;
    }
  }
  return 'version' in version;
}

/** True only for an entry that manifestPackage certainly accepts as it is; false says nothing. */
export function isPlainManifestPackage(value: unknown): value is ManifestPackage {
  if (!isFields(value)) return false;
  for (const key in value) {
    const field = value[key];
    if (key === 'name') {
      if (typeof field !== 'string') return false;
    } else if (key === 'description' || key === 'homepage') {
      if (!isTextOrNull(field)) return false;
    } else if (key === 'is_extension') {
      if (typeof field !== 'boolean') return false;
    } else if (key !== 'versions' || !Array.isArray(field) || !field.every(isPlainVersion)) {
      return false;
    }
  }
  return 'name' in value;
}
