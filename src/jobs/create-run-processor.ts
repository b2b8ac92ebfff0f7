// The run job: one sync run of one source, as a BullMQ step job.
//   start/enqueue: take the source lock, prepare (read, list, plan), save the plan's summary,
//                  enqueue the operations as batch jobs (children, all in one transaction), then
//                  wait for them (waiting-children);
//   apply:         gather the batches' records, write the report, release the lock and wake the
//                  follow-up run.
// The step is saved in the job, so a job redelivered after a crash resumes where it was: one
// that had enqueued its batches never plans again, and the lock is released only at the end.
import { DelayedError, WaitingChildrenError, WaitingError, type Job, type Processor, type Queue } from 'bullmq';
import type { SourceConfig } from '../config/types.js';
import { NotFoundError, StalePlan } from '../errors.js';
import type { Logger } from '../log/create-logger.js';
import type { SyncMetrics } from '../metrics/types.js';
import type { Operation } from '../plan/types.js';
import { operationsFromPlan } from '../plan-file/operations-from-plan.js';
import { refusedDeletesFromPlan } from '../plan-file/refused-deletes-from-plan.js';
import { countPlan } from '../sync/count-plan.js';
import { buildRunEntry, type RunEntryInput } from './build-run-entry.js';
import type { PendingPlans } from './create-pending-plans.js';
import type { PlanStore } from './create-plan-store.js';
import type { ReportStore } from './create-report-store.js';
import type { SourceLock } from './create-source-lock.js';
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';
import { enqueueOperations } from './enqueue-operations.js';
import { gatherBatchRecords } from './gather-batch-records.js';
import { holdForApproval } from './hold-for-approval.js';
import { omitOperations } from './omit-operations.js';
import { parseRunJobData } from './parse-run-job-data.js';
import { wakeFollowUp } from './wake-follow-up.js';
import type { CheckPlanFn, OpJobData, OpJobResult, PrepareFn, RunHistoryEntry, RunJobData, RunJobResult, RunSummary } from './types.js';

export interface RunProcessorDeps {
  sources: () => SourceConfig[];
  runs: Queue<RunJobData, RunJobResult>;
  ops: Queue<OpJobData, OpJobResult>;
  lock: SourceLock;
  reports: ReportStore;
  pending: PendingPlans;
  /** Where the last plan of each source is kept for every replica's plan gauges. */
  plans?: PlanStore;
  prepare: PrepareFn;
  /** Checks a held plan before an approve job applies it; without it approve jobs fail. */
  checkPlan?: CheckPlanFn;
  createRunId: (source: string, now: Date) => string;
  logger: Logger;
  metrics?: Pick<SyncMetrics, 'observeRun'>;
  redis: RedisConnection;
  keys: JobKeys;
  /** Operations per batch job (waldur.batch_size). */
  batchSize: number;
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

  const finish = async (job: RunJob, input: Omit<RunEntryInput, 'jobId' | 'finishedAt'>, log: Logger): Promise<RunJobResult> => {
    const entry = buildRunEntry({ ...input, jobId: job.id!, finishedAt: now() });
    // Recording is idempotent per run: a redelivered job does not count the run twice.
    if (await deps.reports.record(entry)) deps.metrics?.observeRun(entry);
    await deps.onRunFinished?.(entry);
    await deps.lock.release(entry.source, job.id!);
    await wakeFollowUp(deps.lock, deps.runs, entry.source);
    const { status, created, updated, deleted, failed, unchanged, duration_ms } = entry;
    log.info({ status, created, updated, deleted, failed, unchanged, duration_ms }, 'run finished');
    return { report: omitOperations(entry) };
  };

  const gather = async (job: RunJob, data: StartedData, log: Logger): Promise<RunJobResult> => {
    const { operations, errors } = await gatherBatchRecords({
      results: await job.getChildrenValues<OpJobResult>(),
      failures: await job.getIgnoredChildrenFailures(),
      ops: deps.ops,
      redis: deps.redis,
      keys: deps.keys,
    });
    for (const error of errors) log.error({ error }, 'operations missing from the report');
    return finish(job, { data, operations }, log);
  };

  /** True when this run's batches were enqueued before (the enqueue is all or nothing). */
  const hasEnqueued = async (job: RunJob): Promise<boolean> => {
    const counts = await job.getDependenciesCount();
    return Object.values(counts).some((n) => (n ?? 0) > 0);
  };

  /** Waits for the batches (the job returns here when they are done), or reports at once. */
  const awaitBatches = async (job: RunJob, token: string, data: StartedData, log: Logger): Promise<RunJobResult> => {
    if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
    return gather(job, data, log);
  };

  /** A trigger while the source is busy becomes the one follow-up run, or folds into it. */
  const queueBehind = async (job: RunJob, token: string, source: string): Promise<RunJobResult | null> => {
    // An approve job applies one exact plan: it never becomes, or folds into, a follow-up run.
    if (job.data.approve !== undefined) {
      await job.moveToDelayed(Date.now() + deps.followUpPollMs, token);
      throw new DelayedError();
    }
    const follow = await deps.lock.claimFollowUp(source, job.id!);
    if (!follow.claimed) {
      // A forced request never folds into a run that would keep the limit: it waits its turn.
      const holder = job.data.force === true ? await deps.runs.getJob(follow.holder) : undefined;
      if (holder && holder.data.force !== true) {
        await job.moveToDelayed(Date.now() + deps.followUpPollMs, token);
        throw new DelayedError();
      }
      return { coalesced: true, into: follow.holder };
    }
    // The active run may have finished between the two checks; then run now.
    if ((await deps.lock.acquire(source, job.id!)).claimed) return null;
    await job.moveToDelayed(Date.now() + deps.followUpPollMs, token);
    throw new DelayedError();
  };

  const prepare = async (source: SourceConfig, data: StartedData, log: Logger, signal?: AbortSignal) => {
    const approval = source.approval ?? 'none';
    const force = data.force === true;
    const prepared = await deps.prepare(source, { runId: data.run, logger: log, force, review: approval !== 'none', ...(signal ? { signal } : {}) });
    // Gauges only: a lost write must not stop the run (its next plan writes again).
    await deps.plans
      ?.record(source.name, { run: data.run, planned_at: now().toISOString(), counts: countPlan(prepared.plan) })
      .catch((err: unknown) => log.warn({ err }, 'could not keep the plan counts in Redis; plan gauges lag until the next plan'));
    let operations: Operation[] = [...prepared.plan.create, ...prepared.plan.update, ...prepared.plan.delete];
    let pendingApproval: RunSummary['pendingApproval'];
    if (approval !== 'none') {
      const planId = deps.createRunId('plan', now());
      ({ operations, pendingApproval } = await holdForApproval(prepared, source, { run: data.run, force, planId, now: now(), pending: deps.pending }));
      if (pendingApproval) log.info({ ...pendingApproval }, 'operations held for approval');
    }
    const summary: RunSummary = {
      catalog: prepared.catalog,
      unchanged: prepared.plan.unchanged,
      refusedDelete: prepared.plan.refusedDelete,
      operations: operations.length,
      ...(pendingApproval !== undefined ? { pendingApproval } : {}),
    };
    return { operations, summary, data };
  };

  /**
   * An approve job's "plan": the source's pending plan, if it is still the one approved and
   * nothing it touches changed since. It is taken from Redis (so it applies once) after it is
   * saved in the job (so a redelivered job applies the same plan).
   */
  const prepareApproved = async (job: RunJob, source: SourceConfig, received: StartedData, log: Logger, signal?: AbortSignal) => {
    let data = received;
    let approved = data.approved;
    if (!approved) {
      const pending = await deps.pending.get(source.name);
      if (!pending || pending.plan_id !== data.approve) {
        throw new NotFoundError(`plan ${data.approve} is not pending for ${source.name} (any more): it was approved, rejected or replaced by a newer run's plan`);
      }
      if (!deps.checkPlan) throw new Error('this daemon cannot check plans before applying them');
      const { catalog, stale } = await deps.checkPlan(pending.plan, { logger: log, ...(signal ? { signal } : {}) });
      if (stale.length > 0) {
        await deps.pending.take(source.name, pending.plan_id);
        throw new StalePlan(stale, `the pending plan was dropped; the next run of ${source.name} holds a fresh one (\`catalog-sync trigger --source ${source.name}\`)`);
      }
      if (!catalog) throw new NotFoundError(`the catalog of plan ${pending.plan_id} does not exist`);
      approved = { ...pending, catalog };
      data = { ...data, approved };
      await job.updateData(data);
      if (!(await deps.pending.take(source.name, pending.plan_id))) {
        throw new NotFoundError(`plan ${pending.plan_id} was rejected or replaced while it was being approved`);
      }
    }
    const operations = operationsFromPlan(approved.plan);
    const summary: RunSummary = {
      catalog: approved.catalog,
      unchanged: approved.plan.unchanged,
      refusedDelete: refusedDeletesFromPlan(approved.plan),
      operations: operations.length,
    };
    return { operations, summary, data };
  };

  return async (job, token, signal) => {
    const { data: received, source } = parseRunJobData(job.data, deps.sources());
    const jobId = job.id!;
    if (received.step === 'apply' && received.run && received.startedAt) {
      const data = received as StartedData;
      const log = deps.logger.child({ source: source.name, run: data.run, job: jobId });
      // Redelivered while its operations are still pending: go back to waiting for them.
      return awaitBatches(job, token!, data, log);
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
    const saved = data.summary;
    if (saved && (await hasEnqueued(job))) {
      // Redelivered after it enqueued its batches: resume with them, never plan a second set.
      data = { ...data, step: 'apply' };
      await job.updateData(data);
      log.info({ operations: saved.operations }, 'run resumed with the operations it enqueued');
      return awaitBatches(job, token!, data, log);
    }
    log.info({ reason: data.reason ?? 'queue', force: data.force === true, requested_by: data.requested_by ?? null }, 'run started');

    let prepared: Awaited<ReturnType<typeof prepare>>;
    try {
      prepared = data.approve !== undefined ? await prepareApproved(job, source, data, log, signal) : await prepare(source, data, log, signal);
      data = prepared.data;
    } catch (err) {
      if (signal?.aborted) return handBack(job, token!);
      log.error({ err }, 'run stopped before applying anything');
      return finish(job, { data, error: err }, log);
    }
    if (signal?.aborted) return handBack(job, token!);

    // The summary is saved first: a redelivered job that finds batches knows what they are.
    data = { ...data, step: 'enqueue', summary: prepared.summary };
    await job.updateData(data);
    const batches = await enqueueOperations({
      ops: deps.ops,
      parent: { id: jobId, queue: job.queueQualifiedName },
      source: source.name,
      run: data.run,
      catalog: prepared.summary.catalog,
      operations: prepared.operations,
      batchSize: deps.batchSize,
    });
    data = { ...data, step: 'apply', summary: { ...prepared.summary, batches } };
    await job.updateData(data);
    log.info({ operations: prepared.operations.length, batches, unchanged: prepared.summary.unchanged }, 'operations enqueued');
    return awaitBatches(job, token!, data, log);
  };
}
