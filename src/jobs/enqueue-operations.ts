// Adds a run's operations to the ops queue as children of the run job.
import type { JobsOptions, Queue } from 'bullmq';
import type { CatalogRef } from '../model.js';
import type { Operation } from '../plan/types.js';
import type { OpJobData, OpJobResult } from './types.js';

export interface OpRetryPolicy {
  attempts: number;
  backoffMs: number;
  /** Rate-limit pauses one operation may wait out before its 429s spend attempts (default 20). */
  maxRateLimitWaits?: number;
}

export const DEFAULT_OP_RETRY: OpRetryPolicy = { attempts: 5, backoffMs: 1_000 };

const CHUNK = 500;

/**
 * Deterministic per run and operation, so re-enqueueing after a crash is a no-op for operations
 * already queued. BullMQ ids may not contain ':'; encodeURIComponent escapes it.
 */
export function opJobId(run: string, op: Operation): string {
  return `${run}-${op.kind}-${encodeURIComponent(op.name)}`;
}

/** The operation an ops job id (or job key: `<prefix>:ops:<id>`) stands for, or null. */
export function parseOpJobId(run: string, jobIdOrKey: string): { kind: Operation['kind']; name: string } | null {
  const id = jobIdOrKey.slice(jobIdOrKey.lastIndexOf(':') + 1);
  const match = /^(create|update|delete)-(.*)$/.exec(id.startsWith(`${run}-`) ? id.slice(run.length + 1) : '');
  if (!match) return null;
  return { kind: match[1] as Operation['kind'], name: decodeURIComponent(match[2]!) };
}

export async function enqueueOperations(input: {
  ops: Queue<OpJobData, OpJobResult>;
  parent: { id: string; queue: string };
  source: string;
  run: string;
  catalog: CatalogRef;
  operations: Operation[];
  retry: OpRetryPolicy;
}): Promise<void> {
  const { ops, parent, source, run, catalog, operations, retry } = input;
  const opts: JobsOptions = {
    parent,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs, jitter: 0.5 },
    // A failed operation must not block its run: the run reads ignored failures for its report.
    ignoreDependencyOnFailure: true,
    removeOnComplete: { age: 3_600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
  };
  // Chunked so a 9,000-package first sync does not block Redis in one transaction; a crash
  // between chunks is repaired by the redelivered run job enqueueing again with the same ids.
  for (let start = 0; start < operations.length; start += CHUNK) {
    await ops.addBulk(
      operations.slice(start, start + CHUNK).map((op) => ({
        name: op.kind,
        data: { source, run, op, catalog },
        opts: { ...opts, jobId: opJobId(run, op) },
      })),
    );
  }
}
