// A saved plan (`plan --out FILE`, `apply FILE`) and a plan held for approval share one shape: a
// public, documented JSON format (docs/plan-and-sync.md, "Saved plans"). snake_case throughout.
import type { CatalogType } from '../model.js';
import type { ChangesJson } from '../plan/changes-to-json.js';
import type { RefusedDeleteCode } from '../plan/types.js';

/** Bumped on any change an older `apply` could misread. */
export const PLAN_FORMAT_VERSION = 1;

/** A package's managed fields as Waldur held them when the plan was computed, with its `modified` time. */
export interface WaldurValues {
  description: string;
  homepage: string | null;
  /** null when the server did not send one. */
  modified: string | null;
}

export interface PlannedCreate {
  kind: 'create';
  name: string;
  new: { description: string; homepage: string | null; is_extension: boolean };
}

export interface PlannedUpdate {
  kind: 'update';
  name: string;
  uuid: string;
  /** Every managed field as upstream wants it. */
  new: { description: string; homepage: string | null };
  /** The fields that change: what the PATCH sends. */
  changes: ChangesJson;
  waldur: WaldurValues;
}

export interface PlannedDelete {
  kind: 'delete';
  name: string;
  uuid: string;
  /** Set when this is a second package with a name already kept (uuid of the kept one). */
  duplicate_of?: string;
  waldur: WaldurValues;
}

export type PlannedOperation = PlannedCreate | PlannedUpdate | PlannedDelete;

/** One source's part of a plan. */
export interface PlanSource {
  source: string;
  /** The catalog the plan was computed against; uuid null when it did not exist (will_create). */
  catalog: { name: string; version: string; type: CatalogType; uuid: string | null; will_create: boolean };
  /** What was read upstream: sha256 of the normalized catalog (see fingerprintCatalog) and its size. */
  upstream: { sha256: string; packages: number };
  /** The delete guards the plan was computed with. */
  guards: { prune: { enabled: boolean; max_delete: number | string; allow_empty: boolean }; protect: string[]; force: boolean };
  /** Creates and updates in name order, deletes last: the order they are applied in. */
  operations: PlannedOperation[];
  refused_delete: Array<{ name: string; uuid: string; reason: string; code: RefusedDeleteCode | null }>;
  unchanged: number;
}

export interface PlanFile {
  format_version: typeof PLAN_FORMAT_VERSION;
  plan_id: string;
  created_at: string;
  /** user@host of whoever computed it (the daemon's host for a held plan). */
  created_by: string;
  /** The Waldur API root the plan was computed against. */
  waldur_url: string;
  sources: PlanSource[];
}
