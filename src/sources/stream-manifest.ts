import { createStringPool } from '../create-string-pool.js';
import { isPlainManifestPackage } from './is-plain-manifest-package.js';
import { manifestPackage, manifestSchema, type ManifestPackage } from './manifest-schema.js';
import { mapManifestPackage } from './map-manifest-package.js';
import { streamJsonMembers } from './stream-json-members.js';
import type { RawDocument, RawPackage } from './types.js';

/**
 * A JSON manifest read as it arrives: each package is checked against the manifest schema and
 * mapped as soon as its bytes are complete, so a large manifest never sits in memory as text or
 * as a parse tree. Null when the bytes are not a valid JSON manifest (YAML, a syntax error, a
 * schema problem): parseManifest then reads the document whole and reports what is wrong, as
 * it always has, so both ways give the same packages or the same error.
 */
export async function streamManifest(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<RawDocument | null> {
  const pool = createStringPool();
  const packages: RawPackage[] = [];
  const document = await streamJsonMembers(chunks, 'packages', (value, index) => {
    let pkg: ManifestPackage;
    if (isPlainManifestPackage(value)) pkg = value;
    else {
      const checked = manifestPackage.safeParse(value);
      if (!checked.success) return false;
      pkg = checked.data;
    }
    packages.push(mapManifestPackage(pkg, index, pool));
    return true;
  });
  // The rest of the document (its `packages` stand in as []) must pass the same schema.
  if (!document?.streamed || !manifestSchema.safeParse(Object.fromEntries(document.members)).success) return null;
  return { packages, warnings: [] };
}
