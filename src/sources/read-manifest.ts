import type { ReadContext } from './load-document.js';
import { parseManifest } from './parse-manifest.js';
import { readEachFile } from './read-each-file.js';
import { streamManifest } from './stream-manifest.js';
import type { ReaderResult } from './reader-result.js';

/**
 * kind: manifest — the project's own YAML format (config/manifest.schema.json), or the same as
 * JSON, which is streamed (a large site catalog never sits in memory whole).
 */
export function readManifest(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  return readEachFile(ctx, locations, 'manifest', parseManifest, 'file', streamManifest);
}
