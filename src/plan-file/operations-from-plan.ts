import type { FieldChange, ManagedFieldName, Operation } from '../plan/types.js';
import type { PlanSource } from './types.js';

/** The planner's operations a saved or held plan stands for, in the plan's order. */
export function operationsFromPlan(plan: PlanSource): Operation[] {
  return plan.operations.map((op): Operation => {
    switch (op.kind) {
      case 'create':
        return { kind: 'create', name: op.name, description: op.new.description, homepage: op.new.homepage, isExtension: op.new.is_extension };
      case 'update': {
        const changes: FieldChange[] = (Object.entries(op.changes) as Array<[ManagedFieldName, { old: string | null; new: string | null }]>)
          .map(([field, change]) => ({ field, old: change.old, new: change.new }));
        return { kind: 'update', name: op.name, uuid: op.uuid, changes, desired: { ...op.new } };
      }
      case 'delete':
        return { kind: 'delete', name: op.name, uuid: op.uuid, ...(op.duplicate_of ? { duplicateOf: op.duplicate_of } : {}) };
    }
  });
}
