import { z } from 'zod';
import { SourceError } from '../errors.js';
import { describeLocation } from './describe-location.js';
import { loadDocument, type LoadedDocument, type ReadContext } from './load-document.js';
import { parseEessi } from './parse-eessi.js';
import { parseJsonText } from './parse-json-text.js';
import { parseSourceOptions } from './parse-source-options.js';
import type { ReaderResult } from './reader-result.js';
import type { RawDocument } from './types.js';

const eessiOptions = z.object({
  eessi_version: z.string().min(1),
  include_extensions: z.boolean().optional(),
  extensions: z.array(z.string().min(1)).optional(),
});

/** kind: eessi — the main metadata file, plus the extension files when include_extensions is set. */
export async function readEessi(ctx: ReadContext): Promise<ReaderResult> {
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
  const documents: Array<LoadedDocument<RawDocument>> = [
    await loadDocument(ctx, ctx.source.location, `eessi:${eessiVersion}`, parser(false)),
  ];
  // One after the other: each document may be large, and memory matters more than seconds here.
  for (const location of extensions) {
    documents.push(await loadDocument(ctx, location, `eessi-ext:${eessiVersion}`, parser(true)));
  }
  return {
    packages: documents.flatMap((d) => d.value.packages),
    warnings: documents.flatMap((d) => d.value.warnings),
    documents,
  };
}
