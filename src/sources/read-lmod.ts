import type { ReadContext } from './load-document.js';
import { parseLmod } from './parse-lmod.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';

/** kind: lmod — Lmod spider output (software page or module database), one file per module tree. */
export function readLmod(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  return readEachFile(ctx, locations, 'lmod', parseLmod);
}
