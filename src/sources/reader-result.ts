import type { SourceWarning } from '../model.js';
import type { ReadContext } from './load-document.js';
import type { FileReport, RawPackage } from './types.js';

/** What one kind's reader hands to the shared normalization. */
export interface ReaderResult {
  packages: RawPackage[];
  warnings: SourceWarning[];
  itemErrors: SourceWarning[];
  /** Every document read, in order: per-file counts, and the fetch metrics. */
  files: FileReport[];
}

/** Reads the given files (globs already expanded) of `ctx.source`, as its kind says. */
export type Reader = (ctx: ReadContext, locations: readonly string[]) => Promise<ReaderResult>;
