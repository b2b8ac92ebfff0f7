// What the pure planner produces. Field names are the public `plan --json` names where they
// surface there (see render functions).
import type { DesiredPackage, ActualPackage, SkippedName } from '../model.js';
import type { PruneConfig } from '../config/types.js';

export type ManagedFieldName = 'description' | 'homepage';

export interface FieldChange {
  field: ManagedFieldName;
  old: string | null;
  new: string | null;
}

export interface CreateOperation {
  kind: 'create';
  name: string;
  description: string;
  homepage: string | null;
  isExtension?: boolean;
}

export interface UpdateOperation {
  kind: 'update';
  name: string;
  uuid: string;
  changes: FieldChange[];
  /**
   * Every managed field as upstream wants it (the planner always sets it): applying the update
   * recreates the package from these values when it vanished (404) in the meantime.
   */
  desired?: { description: string; homepage: string | null; isExtension?: boolean };
}

export interface DeleteOperation {
  kind: 'delete';
  name: string;
  uuid: string;
  /** Set when this is a second package with a name already kept (uuid of the kept one). */
  duplicateOf?: string;
}

export type Operation = CreateOperation | UpdateOperation | DeleteOperation;

/**
 * Why a delete was refused. `protected` is the operator's standing choice (the run still
 * succeeds); `empty_upstream` and `over_limit` are safety guards that make a run `refused`.
 */
export type RefusedDeleteCode = 'protected' | 'empty_upstream' | 'over_limit';

export interface RefusedDelete {
  name: string;
  uuid: string;
  reason: string;
  /** Always set by the planner. */
  code?: RefusedDeleteCode;
}

/** Versions are named by Waldur's key: module_version, else version (see versionKey). */
export interface PackageDrift {
  name: string;
  /** Upstream versions Waldur does not list. */
  missingVersions: string[];
  /** Versions Waldur lists that upstream no longer has. */
  extraVersions: string[];
  /** "versionkey@family/subtype" (e.g. "2024.4-foss-2023b@x86_64/amd/zen3") present upstream, absent in Waldur (for versions both have). */
  missingTargets: string[];
  extraTargets: string[];
}

/** An upstream package a reader skipped (bad name): it counts as present, so it is never deleted. */
export interface SkippedPackage {
  name: string;
  reason: string;
  /** uuids of Waldur packages with this exact name, kept because of it. */
  kept: string[];
}

export interface VersionDrift {
  packages: PackageDrift[];
  missingVersions: number;
  extraVersions: number;
  missingTargets: number;
  extraTargets: number;
}

export interface PlanPolicy {
  prune: PruneConfig;
  protect: string[];
  force: boolean;
}

export interface PlanInput {
  desired: DesiredPackage[];
  /** Packages of the configured catalog only. */
  actual: ActualPackage[];
  policy: PlanPolicy;
  /** Upstream packages the reader skipped: like protected names, they are never deleted. */
  skippedNames?: SkippedName[];
}

export interface Plan {
  create: CreateOperation[];
  update: UpdateOperation[];
  delete: DeleteOperation[];
  refusedDelete: RefusedDelete[];
  unchanged: number;
  versionDrift: VersionDrift;
  /**
   * Names in Waldur but not upstream that stay because prune is disabled. They are neither
   * deletes nor refused deletes (nothing was asked to delete them); the text plan mentions them.
   * Always set by the planner.
   */
  notPruned?: string[];
  /** Upstream packages that were skipped (bad names), with the Waldur packages they keep. Always set by the planner. */
  skipped?: SkippedPackage[];
}

/** What the renderers show for one source: the plan and the catalog it applies to. */
export interface SourcePlan {
  source: string;
  catalog: {
    name: string;
    version: string;
    type: string;
    /** null when the catalog does not exist yet. */
    uuid: string | null;
    /** The catalog is missing and `create: true`: applying the plan creates it first. */
    willCreate: boolean;
  };
  plan: Plan;
}
