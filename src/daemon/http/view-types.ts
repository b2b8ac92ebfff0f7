// Fields the status page shows when the run history and status carry them (per-operation records
// and pending approval plans); older entries simply lack them.
import type { SourceStatus } from '../../jobs/read-status.js';
import type { RunHistoryEntry } from '../../jobs/types.js';

export interface PendingApprovalView {
  plan_id: string;
  created_at: string;
  create: number;
  update: number;
  delete: number;
}

export interface OperationView {
  kind: string;
  name: string;
  uuid?: string | null;
  outcome: string;
  error?: string;
  changes?: unknown;
}

export type SourceStatusView = SourceStatus & { pending_approval?: PendingApprovalView | null };

export type RunView = RunHistoryEntry & { operations?: OperationView[]; operations_truncated?: number; forced?: boolean };
