import { loadDocument, type ReadContext } from './load-document.js';
import { parseJsonText } from './parse-json-text.js';
import { parseSpackIndex } from './parse-spack-index.js';
import type { ReaderResult } from './reader-result.js';

/** kind: spack-index — a packages.spack.io repology.json. */
export async function readSpackIndex(ctx: ReadContext): Promise<ReaderResult> {
  const doc = await loadDocument(ctx, ctx.source.location, 'spack-index', (text, file) => parseSpackIndex(parseJsonText(text, file), file));
  return { packages: doc.value.packages, warnings: doc.value.warnings, documents: [doc] };
}
