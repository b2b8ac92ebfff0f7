// One sync run as plain functions, shared by the in-process `sync` command and the queue workers.
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { ActualPackage, CatalogRef } from '../model.js';
import type { Plan, Operation } from '../plan/types.js';
import type { UpstreamCache } from '../sources/types.js';
import type { WaldurClient } from '../waldur/types.js';

/** What a sync run needs from the outside; the CLI and the daemon each build one. */
export interface SyncDeps {
  client: WaldurClient;
  logger: Logger;
  upstreamCache?: UpstreamCache;
  metrics?: SyncMetrics;
}

/** The result of reading upstream, resolving the catalog, listing it and planning. */
export interface PreparedRun {
  source: string;
  /** null when the catalog is missing and will be created by the apply step (plan only). */
  catalog: CatalogRef | null;
  catalogKey: { name: string; version: string; type: string; willCreate: boolean };
  plan: Plan;
  desiredCount: number;
  warnings: string[];
  /** True when this run created the missing catalog (apply mode, `create: true`). */
  catalogCreated?: boolean;
  /** Set when prepared with `review`: what a saved or held plan records beside the plan. */
  review?: ReviewBasis;
}

/** The facts a plan was computed from, so applying it later can check nothing changed since. */
export interface ReviewBasis {
  /** sha256 of the upstream catalog as read (see fingerprintCatalog). */
  upstreamSha256: string;
  upstreamPackages: number;
  /** The Waldur packages the plan updates or deletes, as listed. */
  touched: ActualPackage[];
}

/** A run prepared for applying: its catalog was found or created, so it always has one. */
export interface RunToApply extends PreparedRun {
  catalog: CatalogRef;
}

export type OperationOutcome = 'created' | 'updated' | 'deleted' | 'unchanged';

export interface OperationResult {
  outcome: OperationOutcome;
  /** Write requests sent (for the redundant-writes bound in fault tests). */
  writes: number;
  /** The package's uuid once applied (a create: the one Waldur gave or the one adopted). */
  uuid?: string;
}

/** Applies one operation once (no retries): applyOperation bound to a client, or a test double. */
export type ApplyFn = (op: Operation, ctx: ApplyContext) => Promise<OperationResult>;

export interface ApplyContext {
  /** Hyperlink URL of the catalog (the `catalog` field). */
  catalog: CatalogRef;
  /** True when this operation may have been attempted before (retry, redelivered job). */
  mayHaveRun: boolean;
  signal?: AbortSignal;
  /** The run's logger (source and run bound), for the client's request lines. */
  logger?: Logger;
}

/** Where a run is before its first write, for a progress line. */
export type PrepareStage =
  | { stage: 'reading' }
  | { stage: 'listing'; received: number; total: number | null }
  | { stage: 'planning' };

/** Progress of the apply step, for a progress line. */
export interface RunProgress {
  done: number;
  total: number;
  failed: number;
}

export type { Operation };
