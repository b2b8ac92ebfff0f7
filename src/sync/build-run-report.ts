import { describeError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { RunReport, RunStatus } from '../model/run-report.js';

const EFFECT_OF_KIND = { create: 'created', update: 'updated', delete: 'deleted' } as const;

/** Reports stay small: the first errors are enough to act on, the log has the rest. */
export const MAX_REPORT_ERRORS = 20;

export interface RunReportInput {
  source: string;
  runId: string;
  startedAt: Date | number;
  finishedAt: Date | number;
  /** null when the run stopped before planning (source unreadable, catalog missing). */
  plan: Plan | null;
  operations: OperationRecord[];
  /** The error that stopped the run, if any. */
  error?: unknown;
}

/**
 * failed: the run stopped (unreadable source, missing catalog) or no operation was applied;
 * partial: some operations failed or were skipped (a rejected token stops the rest); refused: nothing failed but a safety guard refused deletes
 * (empty upstream, over max_delete) — protected names alone do not count, they are the
 * operator's standing choice; succeeded otherwise.
 */
export function decideRunStatus(input: Pick<RunReportInput, 'plan' | 'operations' | 'error'>): RunStatus {
  if (input.error !== undefined || input.plan === null) return 'failed';
  const failed = input.operations.filter((o) => o.outcome !== 'applied').length;
  if (failed > 0) return failed === input.operations.length ? 'failed' : 'partial';
  return input.plan.refusedDelete.some((r) => r.code !== 'protected') ? 'refused' : 'succeeded';
}

/** The RunReport of one run, the same shape for the in-process runner and the daemon. */
export function buildRunReport(input: RunReportInput): RunReport {
  const effects = { created: 0, updated: 0, deleted: 0, failed: 0 };
  for (const op of input.operations) {
    if (op.outcome === 'applied') effects[op.effect ?? EFFECT_OF_KIND[op.kind]] += 1;
    else effects.failed += 1;
  }
  const errors: string[] = [];
  if (input.error !== undefined) errors.push(describeError(input.error));
  for (const op of input.operations) {
    if (op.outcome !== 'applied') errors.push(`${op.kind} ${op.name}: ${op.error ?? op.outcome}`);
  }
  const shown = errors.length > MAX_REPORT_ERRORS ? [...errors.slice(0, MAX_REPORT_ERRORS), `... and ${errors.length - MAX_REPORT_ERRORS} more errors`] : errors;
  const started = new Date(input.startedAt);
  const finished = new Date(input.finishedAt);
  return {
    source: input.source,
    run: input.runId,
    status: decideRunStatus(input),
    created: effects.created,
    updated: effects.updated,
    deleted: effects.deleted,
    unchanged: input.plan?.unchanged ?? 0,
    failed: effects.failed,
    refused_deletes: input.plan?.refusedDelete.length ?? 0,
    errors: shown,
    duration_ms: Math.max(0, finished.getTime() - started.getTime()),
    started_at: started.toISOString(),
    finished_at: finished.toISOString(),
  };
}
