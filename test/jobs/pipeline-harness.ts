// A pipeline on the test Redis with a fake "Waldur": a set of package names per source that the
// fake prepare plans against and the fake apply writes to. It exercises the real queues, workers
// and locks without HTTP.
import { randomBytes } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import type { SourceConfig } from '../../src/config/types.js';
import { createLogger, type Logger } from '../../src/log/create-logger.js';
import type { CatalogRef } from '../../src/model.js';
import type { Operation } from '../../src/plan/types.js';
import type { RetryPolicy } from '../../src/model/retry-policy.js';
import type { ApplyContext, OperationResult, RunToApply } from '../../src/sync/types.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { startPipeline, type Pipeline } from '../../src/jobs/start-pipeline.js';
import type { WorkerSettings } from '../../src/jobs/start-workers.js';

export const CATALOG: CatalogRef = {
  uuid: 'c'.repeat(32),
  url: 'http://127.0.0.1:9/api/marketplace-software-catalogs/cccccccccccccccccccccccccccccccc/',
  name: 'site modules',
  version: '2026.1',
  catalogType: 'binary_runtime',
};

export function testSource(name: string, overrides: Partial<SourceConfig> = {}): SourceConfig {
  return {
    name,
    kind: 'manifest',
    location: `/nonexistent/${name}.yaml`,
    options: {},
    catalog: { name: CATALOG.name, version: CATALOG.version, type: 'binary_runtime', create: true },
    schedule: null,
    timezone: null,
    prune: { enabled: false, maxDelete: { kind: 'count', value: 0 }, allowEmpty: false },
    protect: [],
    fetch: { maxBytes: 1 << 20, timeoutMs: 5_000, maxRedirects: 3 },
    ...overrides,
  };
}

export function uniquePrefix(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export interface ApplyCall {
  op: Operation;
  mayHaveRun: boolean;
}

export interface HarnessOptions {
  /** Desired package names per source. */
  desired: Record<string, string[]>;
  /** Called before each apply; may throw to fail it. */
  beforeApply?: (call: ApplyCall, attempt: number) => void | Promise<void>;
  /** Called at the start of each prepare. */
  beforePrepare?: (source: string) => void | Promise<void>;
  applyDelayMs?: number;
  settings?: Partial<WorkerSettings>;
  /** Retry policy of the operations (default: 3 attempts, millisecond backoff). */
  retry?: Partial<RetryPolicy>;
  batchSize?: number;
  /** Extra operations planned after the creates (e.g. deletes), per source. */
  extraOperations?: Record<string, Operation[]>;
  followUpPollMs?: number;
  prefix?: string;
  logger?: Logger;
}

export interface Harness {
  queues: Queues;
  pipeline: Pipeline;
  /** Package names written per source. */
  world: Map<string, Set<string>>;
  applied: ApplyCall[];
  prepares: string[];
  /** The options of each prepare, in order. */
  prepareOptions: Array<{ force: boolean }>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const logger = options.logger ?? createLogger({ level: 'silent', format: 'json' });
  const queues = createQueues({ url: inject('redisUrl'), prefix: options.prefix ?? uniquePrefix('jobs'), mode: 'daemon', logger });
  const sources = Object.keys(options.desired).map((name) => testSource(name));
  const world = new Map(sources.map((s) => [s.name, new Set<string>()]));
  const applied: ApplyCall[] = [];
  const prepares: string[] = [];
  const prepareOptions: Array<{ force: boolean }> = [];
  const attempts = new Map<string, number>();

  const prepare = async (source: SourceConfig, given: { force: boolean }): Promise<RunToApply> => {
    prepares.push(source.name);
    prepareOptions.push({ force: given.force });
    await options.beforePrepare?.(source.name);
    const have = world.get(source.name)!;
    const desired = options.desired[source.name]!;
    const create = desired
      .filter((name) => !have.has(name))
      .map((name): Operation => ({ kind: 'create', name, description: `${name} package`, homepage: null }));
    return {
      source: source.name,
      catalog: CATALOG,
      catalogKey: { name: CATALOG.name, version: CATALOG.version, type: 'binary_runtime', willCreate: false },
      plan: {
        create: create as Extract<Operation, { kind: 'create' }>[],
        update: [],
        delete: (options.extraOperations?.[source.name] ?? []).filter((op) => op.kind === 'delete'),
        refusedDelete: [],
        unchanged: desired.length - create.length,
        versionDrift: { packages: [], missingVersions: 0, extraVersions: 0, missingTargets: 0, extraTargets: 0 },
      },
      desiredCount: desired.length,
      warnings: [],
    };
  };

  const apply = async (op: Operation, ctx: ApplyContext): Promise<OperationResult> => {
    const call = { op, mayHaveRun: ctx.mayHaveRun };
    applied.push(call);
    const attempt = (attempts.get(op.name) ?? 0) + 1;
    attempts.set(op.name, attempt);
    await options.beforeApply?.(call, attempt);
    if (options.applyDelayMs) await sleep(options.applyDelayMs);
    for (const [source, names] of world) {
      if (options.desired[source]!.includes(op.name)) names.add(op.name);
    }
    return { outcome: op.kind === 'delete' ? 'deleted' : op.kind === 'update' ? 'updated' : 'created', writes: 1 };
  };

  const pipeline = await startPipeline({
    queues,
    sources: () => sources,
    prepare,
    apply,
    logger,
    settings: {
      writeConcurrency: 4,
      rateLimitPerSecond: null,
      runConcurrency: 2,
      lockDurationMs: 5_000,
      stalledIntervalMs: 5_000,
      ...options.settings,
    },
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, ...options.retry },
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    followUpPollMs: options.followUpPollMs ?? 1_000,
  });
  return {
    queues,
    pipeline,
    world,
    applied,
    prepares,
    prepareOptions,
    close: async () => {
      await pipeline.workers.close(5_000);
      await queues.close();
    },
  };
}

/** Starts harnesses that are closed after each test. */
export function useHarness(): (options: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.close();
  });
  return async (options) => {
    const harness = await startHarness(options);
    open.push(harness);
    return harness;
  };
}
