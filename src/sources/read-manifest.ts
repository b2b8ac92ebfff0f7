import { loadDocument, type ReadContext } from './load-document.js';
import { parseManifest } from './parse-manifest.js';
import type { ReaderResult } from './reader-result.js';

/** kind: manifest — the project's own YAML format (config/manifest.schema.json). */
export async function readManifest(ctx: ReadContext): Promise<ReaderResult> {
  const doc = await loadDocument(ctx, ctx.source.location, 'manifest', parseManifest);
  return { packages: doc.value.packages, warnings: doc.value.warnings, documents: [doc] };
}
