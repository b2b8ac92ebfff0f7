import type { DeleteLimit, SourceConfig } from '../config/types.js';
import type { ActualPackage } from '../model.js';
import { changesToJson } from '../plan/changes-to-json.js';
import type { Operation } from '../plan/types.js';
import type { PreparedRun } from '../sync/types.js';
import type { PlannedOperation, PlanSource, WaldurValues } from './types.js';

function describeLimit(limit: DeleteLimit): number | string {
  return limit.kind === 'count' ? limit.value : `${limit.value}%`;
}

function waldurValues(pkg: ActualPackage | undefined): WaldurValues {
  // prepareRun(review) keeps every package an update or delete touches; a missing one would be
  // a bug, and an empty record makes the plan stale rather than apply blindly.
  return { description: pkg?.description ?? '', homepage: pkg?.homepage ?? null, modified: pkg?.modified ?? null };
}

function toPlanned(op: Operation, touched: Map<string, ActualPackage>): PlannedOperation {
  switch (op.kind) {
    case 'create':
      return { kind: 'create', name: op.name, new: { description: op.description, homepage: op.homepage, is_extension: op.isExtension ?? false } };
    case 'update': {
      const current = touched.get(op.uuid);
      // The planner always sets `desired`; without it, the changed fields on top of Waldur's values.
      const desired = op.desired ?? {
        description: (op.changes.find((c) => c.field === 'description')?.new ?? current?.description) ?? '',
        homepage: op.changes.find((c) => c.field === 'homepage')?.new ?? current?.homepage ?? null,
      };
      return {
        kind: 'update',
        name: op.name,
        uuid: op.uuid,
        new: { description: desired.description, homepage: desired.homepage },
        changes: changesToJson(op.changes),
        waldur: waldurValues(current),
      };
    }
    case 'delete':
      return {
        kind: 'delete',
        name: op.name,
        uuid: op.uuid,
        ...(op.duplicateOf ? { duplicate_of: op.duplicateOf } : {}),
        waldur: waldurValues(touched.get(op.uuid)),
      };
  }
}

/**
 * One source's part of a saved or held plan, from a run prepared with `review`. `operations`
 * defaults to the whole plan; a daemon holding only its deletes passes those.
 */
export function buildPlanSource(
  prepared: PreparedRun,
  source: SourceConfig,
  options: { force: boolean; operations?: readonly Operation[] },
): PlanSource {
  const { plan, review } = prepared;
  if (!review) throw new Error('buildPlanSource needs a run prepared with review: true');
  const touched = new Map(review.touched.map((pkg) => [pkg.uuid, pkg]));
  const operations = options.operations ?? [...plan.create, ...plan.update, ...plan.delete];
  return {
    source: prepared.source,
    catalog: {
      name: prepared.catalogKey.name,
      version: prepared.catalogKey.version,
      type: source.catalog.type,
      uuid: prepared.catalog?.uuid ?? null,
      will_create: prepared.catalogKey.willCreate,
    },
    upstream: { sha256: review.upstreamSha256, packages: review.upstreamPackages },
    guards: {
      prune: { enabled: source.prune.enabled, max_delete: describeLimit(source.prune.maxDelete), allow_empty: source.prune.allowEmpty },
      protect: [...source.protect],
      force: options.force,
    },
    operations: operations.map((op) => toPlanned(op, touched)),
    refused_delete: plan.refusedDelete.map((r) => ({ name: r.name, uuid: r.uuid, reason: r.reason, code: r.code ?? null })),
    unchanged: plan.unchanged,
  };
}
