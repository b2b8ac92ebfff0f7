import type { ReadContext } from './load-document.js';
import { parseJsonText } from './parse-json-text.js';
import { parseSpackIndex } from './parse-spack-index.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';

/** kind: spack-index — a packages.spack.io repology.json. */
export function readSpackIndex(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  return readEachFile(ctx, locations, 'spack-index', (text, file) => parseSpackIndex(parseJsonText(text, file), file));
}
