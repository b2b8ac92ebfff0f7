// Redis keys of the pipeline's own state (locks, reports, schedule claims). They live under the
// same prefix as the BullMQ queues so that a prefix in braces (e.g. `{catalog-sync}`) keeps every
// key in one Redis Cluster slot, which the Lua scripts below rely on.

export interface JobKeys {
  /** Job id of the run that currently owns the source. */
  active(source: string): string;
  /** Job id of the one run queued behind the active one. */
  followUp(source: string): string;
  /** List of run history entries, newest first. */
  reports(source: string): string;
  /** Marker that a run's report was recorded (makes recording idempotent). */
  reported(run: string): string;
  /** Epoch ms of the last succeeded run. */
  lastSuccess(source: string): string;
  /** Claim of one cron slot by one replica. */
  slot(source: string, slotMs: number): string;
  /** Claim of the start-up catch-up run by one replica. */
  catchUp(source: string): string;
  /** Lease of a CLI run holding a source's lock (it expires when the CLI process dies). */
  cliLease(holder: string): string;
  /** The source's plan waiting for approval (JSON). */
  pendingPlan(source: string): string;
  /** Why a run stopped (a rejected token): its later batches skip their operations. */
  stopped(run: string): string;
  /** Hash of a batch job's finished operations and spent attempts, for a retried batch. */
  journal(batchJobId: string): string;
  /** The write pace shared by every replica's batches (next free slot, rate-limit pause). */
  pace(): string;
  /** Hash of the last plan's counts by source (one key, so one read serves every source). */
  plans(): string;
}

export function createJobKeys(prefix: string): JobKeys {
  const base = `${prefix}:sources`;
  return {
    active: (source) => `${base}:${source}:active`,
    followUp: (source) => `${base}:${source}:follow-up`,
    reports: (source) => `${base}:${source}:reports`,
    reported: (run) => `${prefix}:reported:${run}`,
    lastSuccess: (source) => `${base}:${source}:last-success`,
    slot: (source, slotMs) => `${base}:${source}:slot:${slotMs}`,
    catchUp: (source) => `${base}:${source}:catch-up`,
    cliLease: (holder) => `${prefix}:cli-leases:${holder}`,
    pendingPlan: (source) => `${base}:${source}:pending-plan`,
    stopped: (run) => `${prefix}:stopped:${run}`,
    journal: (batchJobId) => `${prefix}:journal:${batchJobId}`,
    pace: () => `${prefix}:pace`,
    plans: () => `${prefix}:plans`,
  };
}
