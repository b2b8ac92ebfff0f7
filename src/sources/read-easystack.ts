import { z } from 'zod';
import type { ReadContext } from './load-document.js';
import { parseEasystack } from './parse-easystack.js';
import { parseSourceOptions } from './parse-source-options.js';
import { readEachFile } from './read-each-file.js';
import type { ReaderResult } from './reader-result.js';

const easystackOptions = z.object({ names: z.array(z.string().min(1)).optional() });

/** kind: easystack — EasyBuild easystack files; names and versions from the easyconfig file names. */
export async function readEasystack(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  const names = parseSourceOptions(easystackOptions, ctx.source).names ?? [];
  // The split depends on the names given: they are part of how a cached file was parsed.
  return readEachFile(ctx, locations, `easystack:${JSON.stringify(names)}`, (text, file) => parseEasystack(text, file, { names }));
}
