import type { SourceWarning } from '../model.js';
import { describeLocation } from './describe-location.js';
import { loadDocument, type ParseDocument, type ReadContext, type StreamDocument } from './load-document.js';
import { mergeFiles } from './merge-files.js';
import type { ReaderResult } from './reader-result.js';
import type { FileReport, RawDocument } from './types.js';

/**
 * Reads files of one kind, one after the other (each may be large, and memory matters more than
 * seconds here), and unites their packages by name. Any file that cannot be read or parsed fails
 * the whole read: a source is never synced from some of its files.
 */
export async function readEachFile(
  ctx: ReadContext,
  locations: readonly string[],
  parseKey: string,
  parse: ParseDocument<RawDocument>,
  role: FileReport['role'] = 'file',
  stream?: StreamDocument<RawDocument>,
): Promise<ReaderResult> {
  const files: FileReport[] = [];
  const documents: Array<{ file: string; value: RawDocument }> = [];
  for (const location of locations) {
    const doc = await loadDocument(ctx, location, parseKey, parse, stream);
    const file = describeLocation(location);
    documents.push({ file, value: doc.value });
    files.push({
      location: file,
      role,
      packages: doc.value.packages.length,
      versions: doc.value.packages.reduce((sum, p) => sum + p.versions.length, 0),
      warnings: doc.value.warnings,
      bytes: doc.bytes,
      notModified: doc.notModified,
    });
  }
  const merged = mergeFiles(documents.map((d) => ({ file: d.file, packages: d.value.packages })));
  const itemErrors: SourceWarning[] = documents.flatMap((d) => d.value.itemErrors ?? []);
  return {
    packages: merged.packages,
    warnings: [...documents.flatMap((d) => d.value.warnings), ...merged.warnings],
    itemErrors,
    files,
  };
}
