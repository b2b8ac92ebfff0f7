import type { SourceWarning } from '../model.js';
import type { LoadedDocument, ReadContext } from './load-document.js';
import type { RawPackage } from './types.js';

/** What one kind's reader hands to the shared normalization. */
export interface ReaderResult {
  packages: RawPackage[];
  warnings: SourceWarning[];
  /** Every document read, for the fetch metrics. */
  documents: Array<Pick<LoadedDocument<unknown>, 'bytes' | 'notModified'>>;
}

export type Reader = (ctx: ReadContext) => Promise<ReaderResult>;
