import { z } from 'zod';
import { SourceError } from '../errors.js';
import { describeLocation } from './describe-location.js';
import type { ReadContext } from './load-document.js';
import { parseEessi } from './parse-eessi.js';
import { parseJsonText } from './parse-json-text.js';
import { parseSourceOptions } from './parse-source-options.js';
import type { ReaderResult } from './reader-result.js';
import { readEachFile } from './read-each-file.js';

const eessiOptions = z.object({
  eessi_version: z.string().min(1),
  include_extensions: z.boolean().optional(),
  extensions: z.array(z.string().min(1)).optional(),
});

/** kind: eessi — the main metadata files, plus the extension files when include_extensions is set. */
export async function readEessi(ctx: ReadContext, locations: readonly string[]): Promise<ReaderResult> {
  const options = parseSourceOptions(eessiOptions, ctx.source);
  const extensions = options.include_extensions ? (options.extensions ?? []) : [];
  if (options.include_extensions && extensions.length === 0) {
    throw new SourceError(
      `source ${ctx.source.name}: options.include_extensions needs options.extensions (locations of eessi_api_metadata_ext-*.json files)`,
      ctx.source.name,
      describeLocation(ctx.source.location),
    );
  }
  const eessiVersion = options.eessi_version;
  const parser = (isExtension: boolean) => (text: string, file: string) =>
    parseEessi(parseJsonText(text, file), file, { eessiVersion, isExtension });
  const main = await readEachFile(ctx, locations, `eessi:${eessiVersion}`, parser(false));
  if (extensions.length === 0) return main;
  const extension = await readEachFile(ctx, extensions, `eessi-ext:${eessiVersion}`, parser(true), 'extension');
  return {
    packages: [...main.packages, ...extension.packages],
    warnings: [...main.warnings, ...extension.warnings],
    itemErrors: [...main.itemErrors, ...extension.itemErrors],
    files: [...main.files, ...extension.files],
  };
}
