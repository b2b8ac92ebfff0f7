import { changesToJson } from './changes-to-json.js';
import { renderJsonOutput } from '../render-json-output.js';
import type { SourcePlan } from './types.js';

/** One element of `plan --json`'s `plans` array (snake_case, a public shape). */
export function planToJson(view: SourcePlan): Record<string, unknown> {
  const { plan, catalog } = view;
  const drift = plan.versionDrift;
  return {
    source: view.source,
    catalog: {
      name: catalog.name,
      version: catalog.version,
      type: catalog.type,
      uuid: catalog.uuid,
      will_create: catalog.willCreate,
    },
    create: plan.create.map((op) => ({
      name: op.name,
      description: op.description,
      homepage: op.homepage,
      is_extension: op.isExtension ?? false,
    })),
    update: plan.update.map((op) => ({
      name: op.name,
      uuid: op.uuid,
      changes: changesToJson(op.changes),
    })),
    delete: plan.delete.map((op) => (op.duplicateOf ? { name: op.name, uuid: op.uuid, duplicate_of: op.duplicateOf } : { name: op.name, uuid: op.uuid })),
    refused_delete: plan.refusedDelete.map((r) => ({ name: r.name, uuid: r.uuid, reason: r.reason, code: r.code ?? null })),
    unchanged: plan.unchanged,
    skipped: (plan.skipped ?? []).map((s) => ({ name: s.name, reason: s.reason, kept: s.kept })),
    version_drift: {
      missing_versions: drift.missingVersions,
      extra_versions: drift.extraVersions,
      missing_targets: drift.missingTargets,
      extra_targets: drift.extraTargets,
      packages: drift.packages.map((p) => ({
        name: p.name,
        missing_versions: p.missingVersions,
        extra_versions: p.extraVersions,
        missing_targets: p.missingTargets,
        extra_targets: p.extraTargets,
      })),
    },
  };
}

export interface PlanFailure {
  source: string;
  error: string;
}

/**
 * `plan --json`: `{"format_version": 1, "plans": [...]}`. Sources that could not be planned are listed under
 * `errors` (present only when there are some), so the plans array keeps one shape.
 */
export function renderPlanJson(views: SourcePlan[], failures: PlanFailure[] = []): string {
  const body: Record<string, unknown> = { plans: views.map(planToJson) };
  if (failures.length > 0) body.errors = failures;
  return renderJsonOutput(body);
}
