// What the other layers report; src/metrics/ turns it into Prometheus metrics. Every method is
// cheap and synchronous. Layers receive it as an optional dependency.
import type { RunReport } from '../model/run-report.js';

/**
 * The counts of one plan: pending operations and refused deletes. Optional extras: refused
 * deletes by RefusedDeleteCode (protected | empty_upstream | over_limit), so alerts can ignore
 * the operator's standing `protect` choices, and the plan's read-only version drift totals
 * (Plan.versionDrift fits as it is). Daemons keep the last one per source in Redis.
 */
export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  refusedDelete: number;
  refusedByReason?: Partial<Record<string, number>>;
  versionDrift?: { missingVersions: number; extraVersions: number; missingTargets: number; extraTargets: number };
}

export interface SyncMetrics {
  /** One HTTP request to Waldur. */
  observeRequest(info: { method: string; status: number | null; durationMs: number }): void;
  /** Upstream fetch of a source: bytes read (0 on 304) and whether it was a 304. */
  observeFetch(source: string, info: { bytes: number; notModified: boolean }): void;
  /** The plan of a run. */
  observePlan(source: string, planned: PlanCounts): void;
  /** One operation of a source's run that ended (after its last retry). result: succeeded | failed */
  observeOperation(source: string, kind: 'create' | 'update' | 'delete', result: 'succeeded' | 'failed'): void;
  /** A finished run (also sets the last-success timestamp when it succeeded). */
  observeRun(report: RunReport): void;
  /** Job counts of a queue (waiting, active, delayed, failed, completed...). */
  observeQueue(queue: string, counts: Record<string, number>): void;
}
