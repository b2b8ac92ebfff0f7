// What the pure planner produces. Field names are the public `plan --json` names where they
// surface there (see render functions).
import type { DesiredPackage, ActualPackage } from '../model.js';
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
}

export interface DeleteOperation {
  kind: 'delete';
  name: string;
  uuid: string;
}

export type Operation = CreateOperation | UpdateOperation | DeleteOperation;

export interface RefusedDelete {
  name: string;
  uuid: string;
  reason: string;
}

export interface PackageDrift {
  name: string;
  /** Upstream versions Waldur does not list. */
  missingVersions: string[];
  /** Versions Waldur lists that upstream no longer has. */
  extraVersions: string[];
  /** "version@family/microarch" present upstream, absent in Waldur (for versions both have). */
  missingTargets: string[];
  extraTargets: string[];
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
}

export interface Plan {
  create: CreateOperation[];
  update: UpdateOperation[];
  delete: DeleteOperation[];
  refusedDelete: RefusedDelete[];
  unchanged: number;
  versionDrift: VersionDrift;
}
