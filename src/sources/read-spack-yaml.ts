import type { ReadContext } from './load-document.js';
import { parseSpackYaml } from './parse-spack-yaml.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';

/** kind: spack-yaml — Spack environment manifests (abstract specs; no versions are concretized). */
export function readSpackYaml(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  return readEachFile(ctx, locations, 'spack-yaml', parseSpackYaml);
}
