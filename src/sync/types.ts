// One sync run as plain functions, shared by the in-process `sync` command and the queue workers.
import type { CatalogRef } from '../model.js';
import type { Plan, Operation } from '../plan/types.js';

export type RunStatus = 'succeeded' | 'partial' | 'failed' | 'refused';

/** Printed by `sync --json`, written by the daemon, shown by `status`. A public shape. */
export interface RunReport {
  source: string;
  run: string;
  status: RunStatus;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
  refused_deletes: number;
  errors: string[];
  duration_ms: number;
  started_at: string;
  finished_at: string;
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
}

export type OperationOutcome = 'created' | 'updated' | 'deleted' | 'unchanged';

export interface OperationResult {
  outcome: OperationOutcome;
  /** Write requests sent (for the redundant-writes bound in fault tests). */
  writes: number;
}

export interface ApplyContext {
  /** Hyperlink URL of the catalog (the `catalog` field). */
  catalog: CatalogRef;
  /** True when this operation may have been attempted before (retry, redelivered job). */
  mayHaveRun: boolean;
  signal?: AbortSignal;
}

export type { Operation };
