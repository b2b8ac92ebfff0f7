// How `trigger` and `approve` wait for what they queued: a daemon replica must take runs (none
// within a grace period, or none for a while during the wait, ends it with NoLiveReplica and exit
// 3, instead of a long timeout), and each run's report is read from its job.
import type { Queues } from '../jobs/create-queues.js';
import { describeRedis } from '../jobs/describe-redis.js';
import { readReplicas } from '../jobs/read-replicas.js';
import type { RunHistoryEntry } from '../jobs/types.js';
import { NO_REPLICA_EXIT_CODE, NoLiveReplica, waitForReplica } from '../jobs/wait-for-replica.js';
import { waitForRun } from '../jobs/wait-for-run.js';
import { watchReplicas } from '../jobs/watch-replicas.js';
import type { CliContext } from './context.js';
import type { CliSetup } from './load-cli-config.js';

/** A replica that is starting or reconnecting to Redis gets this long to show up. */
const START_GRACE_MS = 5_000;
/** While waiting: how often replicas are checked, and how long none may run (a rolling restart). */
const CHECK_EVERY_MS = 5_000;
const WAIT_GRACE_MS = 30_000;

export interface RunWaiter {
  /**
   * Before queueing. With `wait`, a replica must take runs (else NoLiveReplica naming `retry`, the
   * way to queue without waiting); without it, a note on stderr when none does.
   */
  check(wait: boolean, retry: string): Promise<void>;
  /** The reports of the runs of these jobs (a folded request: of the run it joined). */
  wait(jobs: string[], timeoutMs: number): Promise<RunHistoryEntry[]>;
  /** Runs the command's work; no live replica ends it with the reason on stderr and exit 3. */
  guard(work: () => Promise<void>): Promise<void>;
}

export function createRunWaiter(ctx: CliContext, queues: Queues, setup: CliSetup): RunWaiter {
  const where = `${describeRedis(setup.config.redis)} with prefix ${setup.config.redis.prefix}`;
  // A replica with a worker on the runs queue; where Redis cannot list its clients, assume one.
  const alive = async (): Promise<boolean> => {
    const replicas = await readReplicas([queues.runs]);
    return replicas === null || replicas.length > 0;
  };
  return {
    check: async (wait, retry) => {
      if (wait) {
        const reason = `no daemon replica takes runs from ${where}: start \`catalog-sync daemon\` with this config, or ${retry} (nothing was queued)`;
        await waitForReplica(alive, { graceMs: START_GRACE_MS, reason });
      } else if (!(await alive())) {
        ctx.stderr.write('catalog-sync: note: no daemon replica is running; the run starts when one does\n');
      }
    },
    guard: async (work) => {
      try {
        await work();
      } catch (err) {
        if (!(err instanceof NoLiveReplica)) throw err;
        ctx.stderr.write(`catalog-sync: ${err.message}\n`);
        ctx.exitCode = NO_REPLICA_EXIT_CODE;
      }
    },
    wait: async (jobs, timeoutMs) => {
      const stop = new AbortController();
      try {
        return await Promise.race([
          Promise.all(jobs.map((job) => waitForRun(queues.runs, job, { timeoutMs, signal: stop.signal }))),
          watchReplicas(alive, {
            everyMs: CHECK_EVERY_MS,
            graceMs: WAIT_GRACE_MS,
            reason: `no daemon replica has taken runs from ${where} for ${WAIT_GRACE_MS / 1000}s: stopped waiting; the run stays queued and starts when a daemon does`,
            signal: stop.signal,
          }),
        ]);
      } finally {
        stop.abort();
      }
    },
  };
}
