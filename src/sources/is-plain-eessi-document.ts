import type { EessiDocument } from './eessi-schema.js';

// A quick yes for EESSI metadata as EESSI publishes it, so a plan does not run the whole file
// through the schema library (a cold schema pass was the largest step of reading the full file).
// It may only ever be STRICTER than eessiDocument in eessi-schema.ts: whatever it does not
// accept goes through the schema, which decides and words the error. A test holds it to that.

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalText = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isOptionalTextOrNull = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

function isModuleRef(ref: unknown): boolean {
  if (typeof ref === 'string') return true;
  return isFields(ref) && isOptionalText(ref.full_module_name) && isOptionalText(ref.module_name) && isOptionalText(ref.module_version);
}

function isPlainEntry(entry: unknown): boolean {
  return (
    isFields(entry) &&
    isOptionalText(entry.version) &&
    (entry.module === undefined || isModuleRef(entry.module)) &&
    isOptionalText(entry.modulename) &&
    Array.isArray(entry.required_modules) &&
    entry.required_modules.every(isModuleRef) &&
    (entry.cpu_arch === undefined || (Array.isArray(entry.cpu_arch) && entry.cpu_arch.every((arch) => typeof arch === 'string'))) &&
    isOptionalTextOrNull(entry.description)
  );
}

/** True only for a document that eessiDocument certainly accepts as it is; false says nothing. */
export function isPlainEessiDocument(value: unknown): value is EessiDocument {
  if (!isFields(value) || !isFields(value.software)) return false;
  for (const name in value.software) {
    // A package named like a prototype key is left to the schema, and to its way of reading it.
    if (name === '__proto__') return false;
    const pkg = value.software[name];
    if (!isFields(pkg) || !isOptionalTextOrNull(pkg.description) || !Array.isArray(pkg.versions) || !pkg.versions.every(isPlainEntry)) return false;
  }
  return true;
}
