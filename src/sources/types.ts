// Contracts of the upstream readers. Every kind turns its documents into RawPackage lists; one
// shared step (normalize-catalog) turns those into the DesiredCatalog the planner reads.
import type { SourceKind } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { DesiredCatalog, PackageVersion, SourceWarning } from '../model.js';

/** What one parsed upstream document yields, before names and fields are normalized. */
export interface RawPackage {
  name: string;
  description?: string | null;
  /** Anything upstream put there; normalization keeps only URLs Waldur accepts. */
  homepage?: unknown;
  isExtension?: boolean;
  versions: PackageVersion[];
  /** Where the entry sits in its document (e.g. `software["GROMACS"]`), for item errors. */
  origin?: string;
}

export interface RawDocument {
  packages: RawPackage[];
  warnings: SourceWarning[];
  /** Entries the reader had to skip (e.g. a file name it cannot split into name and version). */
  itemErrors?: SourceWarning[];
}

/**
 * What one file of a source contributed, as `validate` reports it. `file`: one of the source's
 * locations; `extension` and `index`: a file named in the kind's options (EESSI extension
 * files, a Spack index for spack-env).
 */
export interface FileReport {
  /** As it may be shown (relative path, masked URL). */
  location: string;
  role: 'file' | 'extension' | 'index';
  packages: number;
  versions: number;
  /** This file's own warnings (they are in the catalog's warnings too). */
  warnings: SourceWarning[];
  bytes: number;
  notModified: boolean;
}

/** What one companion catalog (`enrich:`) gave. */
export interface EnrichReport {
  kind: SourceKind;
  /** Its locations as they may be shown. */
  location: string;
  files: number;
  /** Packages in the companion. */
  packages: number;
  /** Empty descriptions and homepages of the source it filled in. */
  descriptions: number;
  homepages: number;
}

/** A source's catalog with the facts `validate` shows: per-file counts and enrichment. */
export interface SourceCatalog extends DesiredCatalog {
  files: FileReport[];
  enrichment: EnrichReport[];
}

/** One remembered upstream document: the validators of its last fetch and its parse result. */
export interface CachedDocument {
  etag: string | null;
  lastModified: string | null;
  value: unknown;
}

/**
 * In-process memory of upstream documents, so an unchanged URL costs one 304 and no parsing.
 * Keys combine the location with how it was parsed (kind and options), since two sources may
 * read the same URL differently.
 */
export interface UpstreamCache {
  get(key: string): CachedDocument | undefined;
  set(key: string, entry: CachedDocument): void;
  /** Counters for diagnostics and tests: documents parsed, and 304s answered from memory. */
  readonly stats: { parsed: number; notModified: number };
}

export interface ReadSourceDeps {
  logger: Logger;
  cache?: UpstreamCache;
  metrics?: SyncMetrics;
  signal?: AbortSignal;
  /**
   * Folder that relative local locations are resolved against. The config loader already makes
   * locations absolute, so this matters for embedded configs and tests; default: the cwd.
   */
  baseDir?: string;
}
