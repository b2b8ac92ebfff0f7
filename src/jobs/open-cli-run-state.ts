// The daemon's run state for a CLI `sync` or `apply` when the config names a Redis: the same
// per-source lock as the daemon's runs (so a CLI run never overlaps one) and the same history.
import { setTimeout as delay } from 'node:timers/promises';
import type { RedisConfig } from '../config/types.js';
import { SourceBusy, describeError } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import { CLI_LEASE_MS, cliHolderId, writeCliLease } from './cli-lease.js';
import { createRunState } from './create-run-state.js';
import { openClientQueues, RedisUnavailable } from './open-client-queues.js';
import { toHistoryOperations } from './to-history-operations.js';
import { wakeFollowUp } from './wake-follow-up.js';
import type { OperationRecord } from '../model/operation-record.js';
import type { RunReport } from '../model/run-report.js';

export interface CliRunState {
  /**
   * Takes the source's lock for the CLI run `run`, waiting up to `waitMs` for an active run of
   * the source to end (`onWait` is told once what it waits for). Throws SourceBusy after that.
   */
  hold(source: string, run: string, options: { waitMs: number; signal?: AbortSignal; onWait?: (active: string) => void }): Promise<void>;
  /**
   * Records the finished run in the source's history (reason `cli`) and releases the lock. Never
   * rejects: the run is done whatever Redis says, and a lost record is logged.
   */
  finish(report: RunReport, extra?: { forced?: boolean; planId?: string; operations?: readonly OperationRecord[] }): Promise<void>;
  /** Releases a lock taken by `hold` when nothing ran. */
  release(source: string, run: string): Promise<void>;
  close(): Promise<void>;
}

const POLL_MS = 1_000;

export async function openCliRunState(redis: RedisConfig, options: { logger: Logger; requestedBy: string }): Promise<CliRunState> {
  let queues;
  try {
    queues = await openClientQueues(redis, options.logger);
  } catch (err) {
    if (!(err instanceof RedisUnavailable)) throw err;
    throw new RedisUnavailable(
      `${err.message}. With redis in the config, sync and apply take the daemon's per-source lock and record their runs there: start Redis, or pass --no-redis to run without them`,
    );
  }
  const { redis: connection, keys } = queues;
  const state = createRunState(queues);
  const renewals = new Map<string, NodeJS.Timeout>();
  /** Locks held now, holder -> source: closing releases what a failed command left held. */
  const held = new Map<string, string>();

  const describeActive = async (holder: string): Promise<string> => {
    const lease = await state.cliLease(holder);
    if (lease) return `a CLI run ${lease.run} by ${lease.requested_by}`;
    const job = await queues.runs.getJob(holder);
    return job?.data.run ? `run ${job.data.run} (job ${holder}, ${job.data.reason ?? 'queue'})` : `the run of job ${holder}`;
  };
  const stopRenewing = async (holder: string): Promise<void> => {
    clearInterval(renewals.get(holder));
    renewals.delete(holder);
    await connection.del(keys.cliLease(holder));
  };
  const release = async (source: string, holder: string): Promise<void> => {
    held.delete(holder);
    await state.lock.release(source, holder);
    await stopRenewing(holder);
    // A daemon run that queued behind this one starts now, not at its next poll.
    await wakeFollowUp(state.lock, queues.runs, source);
  };

  return {
    hold: async (source, run, { waitMs, signal, onWait }) => {
      const holder = cliHolderId(run);
      const lease = { run, requested_by: options.requestedBy, started_at: new Date().toISOString() };
      const deadline = Date.now() + waitMs;
      let told = false;
      for (;;) {
        // The lease first: whoever finds this holder on the lock must see it alive.
        await writeCliLease(connection, keys, holder, lease);
        const claim = await state.lock.acquire(source, holder);
        if (claim.claimed) break;
        const active = await describeActive(claim.holder);
        if (Date.now() + POLL_MS > deadline) {
          await connection.del(keys.cliLease(holder));
          throw new SourceBusy(
            `source ${source} is busy: ${active} is active${waitMs > 0 ? ` and did not end within ${Math.round(waitMs / 1000)}s` : ''}; nothing was done for it: try again when it ends, or raise --lock-timeout`,
          );
        }
        if (!told) onWait?.(active);
        told = true;
        await delay(POLL_MS, undefined, signal ? { signal } : {});
      }
      const timer = setInterval(() => {
        writeCliLease(connection, keys, holder, lease).catch((err: unknown) =>
          options.logger.warn({ source, run, error: describeError(err) }, 'could not renew the lock lease in Redis'));
      }, CLI_LEASE_MS / 3);
      timer.unref();
      renewals.set(holder, timer);
      held.set(holder, source);
    },
    finish: async (report, extra = {}) => {
      const holder = cliHolderId(report.run);
      try {
        await state.reports.record({
          ...report,
          job: holder,
          reason: 'cli',
          requested_by: options.requestedBy,
          ...(extra.forced ? { forced: true as const } : {}),
          ...(extra.planId ? { plan_id: extra.planId } : {}),
          ...toHistoryOperations(extra.operations ?? []),
        });
      } catch (err) {
        options.logger.warn({ source: report.source, run: report.run, error: describeError(err) }, 'could not record the run in the history in Redis');
      }
      // A lock left behind is freed by its lease expiring.
      await release(report.source, holder).catch(() => undefined);
    },
    release: (source, run) => release(source, cliHolderId(run)),
    close: async () => {
      for (const [holder, source] of [...held]) await release(source, holder).catch(() => undefined);
      for (const timer of renewals.values()) clearInterval(timer);
      await queues.close();
    },
  };
}
