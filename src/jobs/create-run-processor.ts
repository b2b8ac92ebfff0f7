// The run job: one sync run of one source, as a BullMQ step job.
//   start/enqueue: take the source lock, prepare (read, list, plan), enqueue the operations as
//                  child jobs, then wait for them (waiting-children);
//   apply:         gather the children's results and ignored failures, write the report,
//                  release the lock and wake the follow-up run.
// The step is saved in the job, so a job redelivered after a crash resumes where it was.
import { DelayedError, WaitingChildrenError, WaitingError, type Job, type Processor, type Queue } from 'bullmq';
import type { SourceConfig } from '../config/types.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { Operation } from '../plan/types.js';
import { countPlan } from '../sync/count-plan.js';
import { buildRunEntry, type RunEntryInput } from './build-run-entry.js';
import type { PlanStore } from './create-plan-store.js';
import type { ReportStore } from './create-report-store.js';
import type { SourceLock } from './create-source-lock.js';
import { enqueueOperations, type OpRetryPolicy } from './enqueue-operations.js';
import { parseRunJobData } from './parse-run-job-data.js';
import type { OpJobData, OpJobResult, PrepareFn, RunHistoryEntry, RunJobData, RunJobResult, RunSummary } from './types.js';

export interface RunProcessorDeps {
  sources: () => SourceConfig[];
  runs: Queue<RunJobData, RunJobResult>;
  ops: Queue<OpJobData, OpJobResult>;
  lock: SourceLock;
  reports: ReportStore;
  /** Where the last plan of each source is kept for every replica's plan gauges. */
  plans?: PlanStore;
  prepare: PrepareFn;
  createRunId: (source: string, now: Date) => string;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'observeRun'>;
  opRetry: OpRetryPolicy;
  /** How often a queued follow-up checks the lock if nobody wakes it earlier. */
  followUpPollMs: number;
  now?: () => Date;
  /** Called with every recorded report (again if a redelivered job records it again); must not throw. */
  onRunFinished?: (entry: RunHistoryEntry) => Promise<void>;
}

type RunJob = Job<RunJobData, RunJobResult>;
type StartedData = RunEntryInput['data'];

export function createRunProcessor(deps: RunProcessorDeps): Processor<RunJobData, RunJobResult> {
  const now = deps.now ?? (() => new Date());

  /** Shutting down: the job goes back to the queue; another replica or a restart resumes it. */
  const handBack = async (job: RunJob, token: string): Promise<never> => {
    await job.moveToWait(token);
    throw new WaitingError();
  };

  const wakeFollowUp = async (source: string): Promise<void> => {
    const id = await deps.lock.followUp(source);
    const next = id ? await deps.runs.getJob(id) : undefined;
    // It may be running or promoted already; then there is nothing to wake.
    if (next && (await next.isDelayed())) await next.promote().catch(() => undefined);
  };

  const finish = async (job: RunJob, input: Omit<RunEntryInput, 'jobId' | 'finishedAt'>, log: Logger): Promise<RunJobResult> => {
    const entry = buildRunEntry({ ...input, jobId: job.id!, finishedAt: now() });
    // Recording is idempotent per run: a redelivered job does not count the run twice.
    if (await deps.reports.record(entry)) deps.metrics?.observeRun(entry);
    await deps.onRunFinished?.(entry);
    await deps.lock.release(entry.source, job.id!);
    await wakeFollowUp(entry.source);
    const { status, created, updated, deleted, failed, unchanged, duration_ms } = entry;
    log.info({ status, created, updated, deleted, failed, unchanged, duration_ms }, 'run finished');
    return { report: entry };
  };

  const gather = async (job: RunJob, data: StartedData, log: Logger): Promise<RunJobResult> => {
    const results = await job.getChildrenValues<OpJobResult>();
    const failures = await job.getIgnoredChildrenFailures();
    return finish(job, { data, results, failures }, log);
  };

  /** A trigger while the source is busy becomes the one follow-up run, or folds into it. */
  const queueBehind = async (job: RunJob, token: string, source: string): Promise<RunJobResult | null> => {
    const follow = await deps.lock.claimFollowUp(source, job.id!);
    if (!follow.claimed) return { coalesced: true, into: follow.holder };
    // The active run may have finished between the two checks; then run now.
    if ((await deps.lock.acquire(source, job.id!)).claimed) return null;
    await job.moveToDelayed(Date.now() + deps.followUpPollMs, token);
    throw new DelayedError();
  };

  const prepare = async (source: SourceConfig, data: StartedData, log: Logger, signal?: AbortSignal) => {
    const prepared = await deps.prepare(source, { runId: data.run, logger: log, ...(signal ? { signal } : {}) });
    // Gauges only: a lost write must not stop the run (its next plan writes again).
    await deps.plans
      ?.record(source.name, { run: data.run, planned_at: now().toISOString(), counts: countPlan(prepared.plan) })
      .catch((err: unknown) => log.warn({ err }, 'could not keep the plan counts in Redis; plan gauges lag until the next plan'));
    if (!prepared.catalog) throw new Error(`catalog ${source.catalog.name} ${source.catalog.version} was neither found nor created`);
    const operations: Operation[] = [...prepared.plan.create, ...prepared.plan.update, ...prepared.plan.delete];
    const summary: RunSummary = {
      catalog: prepared.catalog,
      unchanged: prepared.plan.unchanged,
      refusedDelete: prepared.plan.refusedDelete,
      operations: operations.length,
    };
    return { operations, summary };
  };

  return async (job, token, signal) => {
    const { data: received, source } = parseRunJobData(job.data, deps.sources());
    const jobId = job.id!;
    if (received.step === 'apply' && received.run && received.startedAt) {
      const data = received as StartedData;
      const log = deps.logger.child({ source: source.name, run: data.run, job: jobId });
      // Redelivered while its operations are still pending: go back to waiting for them.
      if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
      return gather(job, data, log);
    }

    if (!(await deps.lock.acquire(source.name, jobId)).claimed) {
      const queued = await queueBehind(job, token!, source.name);
      if (queued) return queued;
    }
    if (signal?.aborted) return handBack(job, token!);

    let data: StartedData;
    if (received.run && received.startedAt) {
      data = received as StartedData;
    } else {
      data = { ...received, step: 'enqueue', run: deps.createRunId(source.name, now()), startedAt: now().toISOString() };
      await job.updateData(data);
    }
    const log = deps.logger.child({ source: source.name, run: data.run, job: jobId });
    log.info({ reason: data.reason ?? 'queue' }, 'run started');

    let prepared: Awaited<ReturnType<typeof prepare>>;
    try {
      prepared = await prepare(source, data, log, signal);
    } catch (err) {
      if (signal?.aborted) return handBack(job, token!);
      log.error({ err }, 'run stopped before applying anything');
      return finish(job, { data, error: err }, log);
    }
    if (signal?.aborted) return handBack(job, token!);

    await enqueueOperations({
      ops: deps.ops,
      parent: { id: jobId, queue: job.queueQualifiedName },
      source: source.name,
      run: data.run,
      catalog: prepared.summary.catalog,
      operations: prepared.operations,
      retry: deps.opRetry,
    });
    data = { ...data, step: 'apply', summary: prepared.summary };
    await job.updateData(data);
    log.info({ operations: prepared.operations.length, unchanged: prepared.summary.unchanged }, 'operations enqueued');
    if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
    return gather(job, data, log);
  };
}
