import type { ReadContext } from './load-document.js';
import { parseManifest } from './parse-manifest.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';

/** kind: manifest — the project's own YAML format (config/manifest.schema.json). */
export function readManifest(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  return readEachFile(ctx, locations, 'manifest', parseManifest);
}
