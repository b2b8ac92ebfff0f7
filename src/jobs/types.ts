// Shapes stored in Redis by the queue pipeline. Job data never holds a token or other secret:
// only source names, run ids, catalog references and the operations themselves.
import type { StalePlanItem } from '../errors.js';
import type { CatalogRef } from '../model.js';
import type { PlanSource } from '../plan-file/types.js';
import type { ChangesJson } from '../plan/changes-to-json.js';
import type { PendingApproval, PendingPlan } from './create-pending-plans.js';
import type { Operation, RefusedDelete } from '../plan/types.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { RunReport } from '../model/run-report.js';
import type { RunToApply } from '../sync/types.js';
import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';

/** Queue names under the configured prefix. `runs` is a public interface (see docs/queue-interface.md). */
export const RUNS_QUEUE = 'runs';
export const OPS_QUEUE = 'ops';

/**
 * Why a run was started. `queue` = a job added by another system through the public interface;
 * `api` = the HTTP API with its token; `webhook` = a signed Git hosting webhook.
 */
export type RunReason = 'schedule' | 'catch-up' | 'trigger' | 'queue' | 'api' | 'webhook' | 'cli' | 'approve' | 'reject';

/** Where the run job is in its steps (saved in the job so a redelivered job resumes correctly). */
export type RunStep = 'enqueue' | 'apply';

/** What the report needs from the plan, kept in the run job between its steps. */
export interface RunSummary {
  catalog: CatalogRef;
  unchanged: number;
  refusedDelete: RefusedDelete[];
  operations: number;
  /** Sources with approval: what the run held for approval (null: nothing). */
  pendingApproval?: PendingApproval | null;
  /** Batch jobs the operations were enqueued as. */
  batches?: number;
}

/** Data of a job on the runs queue. Other systems send only `{ source }`. */
export interface RunJobData {
  source: string;
  reason?: RunReason;
  /** ISO time of the cron slot a scheduled run belongs to. */
  slot?: string;
  /** Who asked for the run (free text, e.g. an API caller's name). */
  requested_by?: string;
  /** Lift the prune.max_delete limit for this run only, as `sync --force` does. */
  force?: boolean;
  /** An approve job: the id of the pending plan to apply (instead of planning). */
  approve?: string;
  /** Saved by an approve job once it took the plan, so a redelivered job applies the same one. */
  approved?: PendingPlan & { catalog: CatalogRef };
  step?: RunStep;
  run?: string;
  startedAt?: string;
  summary?: RunSummary;
}

/**
 * One operation of a run as the history keeps it (a public shape): the package, its uuid when
 * known (a create's is the one Waldur gave), how it ended and, for updates, the changed fields.
 */
export interface HistoryOperation {
  kind: 'create' | 'update' | 'delete';
  name: string;
  uuid?: string;
  outcome: 'applied' | 'failed' | 'skipped';
  error?: string;
  changes?: ChangesJson;
}

/** One entry of a source's run history: the run report plus how the run came about. */
export interface RunHistoryEntry extends RunReport {
  job: string;
  reason: RunReason;
  slot?: string;
  requested_by?: string;
  /** Present (true) when the run lifted the max_delete limit. */
  forced?: true;
  /** The reviewed plan the run applied (`apply FILE`, an approved plan) or rejected. */
  plan_id?: string;
  /** Sources with approval: the plan this run left waiting for approval, or null. */
  pending_approval?: PendingApproval | null;
  /** The run's operations in plan order, the first MAX_HISTORY_OPERATIONS of them. */
  operations?: HistoryOperation[];
  /** How many more operations the run had than `operations` keeps. */
  operations_truncated?: number;
}

/** A trigger that arrived while a run was active is folded into the pending follow-up run. */
export type RunJobResult = { report: RunHistoryEntry } | { coalesced: true; into: string };

/** An ops job: one batch of a run's operations, applied by the same engine as `sync`. */
export interface OpJobData {
  source: string;
  run: string;
  /** Position of the batch in the run (0-based): orders the report. */
  batch: number;
  ops: Operation[];
  catalog: CatalogRef;
}

export interface OpJobResult {
  batch: number;
  /** One per operation of the batch, in its order. */
  records: OperationRecord[];
}

/** Reads upstream, resolves the catalog, lists it and plans (creating the catalog if configured). */
export type PrepareFn = (
  source: SourceConfig,
  options: { runId: string; logger: Logger; force: boolean; review?: boolean; signal?: AbortSignal },
) => Promise<RunToApply>;

/** Lists the catalog a held plan names and compares it with what the plan was computed from. */
export type CheckPlanFn = (
  plan: PlanSource,
  options: { logger: Logger; signal?: AbortSignal },
) => Promise<{ catalog: CatalogRef | null; stale: StalePlanItem[] }>;
