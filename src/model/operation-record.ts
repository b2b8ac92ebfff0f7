// How one planned operation of a run ended: the input of run reports, the queue's job results,
// the audit trail and run history. Both apply paths (in-process and queue) produce exactly this.
import type { FieldChange } from '../plan/types.js';

export type OperationKind = 'create' | 'update' | 'delete';

/**
 * applied: Waldur holds what the operation wanted; failed: every attempt failed or the failure
 * was permanent; skipped: never sent, because the run stopped first (rejected token, cancel).
 */
export type OperationRecordOutcome = 'applied' | 'failed' | 'skipped';

export interface OperationRecord {
  kind: OperationKind;
  name: string;
  /** The package's uuid: the planned one (update, delete) or the one Waldur gave (create), when known. */
  uuid?: string;
  outcome: OperationRecordOutcome;
  /** Short, token-free description of the last error (failed and skipped operations). */
  error?: string;
  /** Field changes of an update, as planned. */
  changes?: FieldChange[];
  /**
   * What applying did, when it differs from `kind`: a create that found the package already there
   * and patched it is `updated`; an update whose package had vanished is `created` again.
   */
  effect?: 'created' | 'updated' | 'deleted';
}
