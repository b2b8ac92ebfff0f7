// Fields the status page shows when the run history carries them (per-operation records); older
// entries simply lack them.
import type { PendingApproval } from '../../jobs/create-pending-plans.js';
import type { SourceStatus } from '../../jobs/read-status.js';
import type { RunHistoryEntry } from '../../jobs/types.js';

export type PendingApprovalView = PendingApproval;

export interface OperationView {
  kind: string;
  name: string;
  uuid?: string | null;
  outcome: string;
  error?: string;
  changes?: unknown;
}

export type SourceStatusView = SourceStatus;

export type RunView = RunHistoryEntry & { operations?: OperationView[]; operations_truncated?: number; forced?: boolean };
