// Write throughput against the API's limit: the sandbox (own process) adds a fixed latency to
// every request, so with N writes in flight the nominal limit is N / latency. The limit that
// counts is what an ideal client reaches against the same sandbox in the same run: N lanes of
// bare POSTs (pre-serialized bodies, responses not parsed). Creates a catalog of generated
// packages (a) with that ideal client, (b) through the daemon's queue, (c) in-process with
// runSync, (d) one POST at a time, the way a hand-written script would.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createQueues, type Queues } from '../src/jobs/create-queues.js';
import { enqueueRun } from '../src/jobs/enqueue-run.js';
import { waitForRun } from '../src/jobs/wait-for-run.js';
import { runSync } from '../src/sync/run-sync.js';
import type { RunReport } from '../src/model/run-report.js';
import { createWaldurClient } from '../src/waldur/create-waldur-client.js';
import { generateDesiredPackages, generateManifestJson } from '../test/support/generate-catalog.js';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.js';
import { benchSource, BENCH_CATALOG_VERSION } from './support/bench-source.js';
import { createBenchLogger, timeOfLine } from './support/create-bench-logger.js';
import { describePhases } from './support/describe-phases.js';
import { readProcessCpuMs } from './support/read-process-cpu.js';
import { spawnDaemon, type DaemonProcess } from './support/spawn-daemon.js';
import { spawnSandbox, type SandboxProcess } from './support/spawn-sandbox.js';

export interface ThroughputOptions {
  packages: number;
  /** The naive client is slow by design: it creates fewer packages and its rate is compared. */
  naivePackages: number;
  warmupPackages: number;
  /** Measured runs per path, interleaved (queue, in-process, queue, ...); the best is reported. */
  rounds: number;
  concurrency: number;
  latencyMs: number;
}

export interface ThroughputRow {
  path: string;
  packages: number;
  /** Trigger (or call) to report. */
  seconds: number;
  opsPerSecond: number;
  efficiency: number;
  /** ops/s of every round, the reported one included. */
  rounds: number[];
  /** The write phase alone (after planning), from the run's own log timestamps. */
  applyOpsPerSecond: number | null;
  /** Where the time went, from the run's log timestamps. */
  phases: string;
  /** CPU time of the process doing the sync (this one, or the daemon) and of the sandbox. */
  syncCpuMs: number | null;
  sandboxCpuMs: number;
  /** Requests the sandbox received and writes it applied. */
  requests: number;
  writes: number;
  /** What the catalog held afterwards. */
  check: string;
}

export interface ThroughputResult {
  options: ThroughputOptions;
  /** Writes per second the latency allows at this concurrency (nominal). */
  limit: number;
  /** Writes per second the ideal client reached (its best round): what efficiency is measured against. */
  ideal: number;
  rows: ThroughputRow[];
}

export const DEFAULT_THROUGHPUT: ThroughputOptions = {
  packages: 5_000,
  naivePackages: 500,
  warmupPackages: 500,
  // Five, not three: on a shared 2-core machine one round in three was often slowed by 2-3% by
  // something else; the best of five is steadier for every path alike.
  rounds: 5,
  concurrency: 16,
  latencyMs: 20,
};

const PATHS = {
  ideal: 'ideal client (bare POSTs, same concurrency)',
  queue: 'queue (daemon process, BullMQ)',
  inProcess: 'in-process (`sync`, runSync)',
  naive: 'naive sequential client (one POST at a time)',
};

interface Bench {
  sandbox: SandboxProcess;
  dir: string;
  options: ThroughputOptions;
  limit: number;
}

/** One measured run, before the sandbox is asked what it saw. */
interface Timed {
  path: string;
  packages: number;
  catalog: string;
  ms: number;
  applyMs: number | null;
  phases: string;
  syncCpuMs: number | null;
  sandboxCpuAtStart: number;
}

/** BENCH_PROFILE_DIR=dir: the sandbox and daemon processes write CPU profiles there. */
function profileArgs(): { nodeArgs?: string[] } {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] } : {};
}

async function writeManifest(dir: string, name: string, packages: number): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, generateManifestJson({ packages, seed: 11 }));
  return file;
}

const between = (from: number | null, to: number | null): number | null => (from !== null && to !== null ? to - from : null);

/** A run that did not create every package measured something else: stop rather than report it. */
function checkReport(path: string, report: RunReport, packages: number): void {
  if (report.status === 'succeeded' && report.created === packages) return;
  throw new Error(`${path}: the run did not create every package: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`);
}

/** Empties the sandbox and returns its CPU time so far. */
async function resetSandbox(b: Bench): Promise<number> {
  await b.sandbox.reset();
  return (await b.sandbox.stats()).cpuMs;
}

async function toRow(b: Bench, run: Timed): Promise<ThroughputRow> {
  const stats = await b.sandbox.stats();
  const held = await b.sandbox.catalog(run.catalog, BENCH_CATALOG_VERSION);
  if (held.packages !== run.packages || held.distinctNames !== run.packages) {
    throw new Error(`${run.path}: the catalog holds ${held.packages} packages (${held.distinctNames} names), expected ${run.packages}`);
  }
  const opsPerSecond = run.packages / (run.ms / 1000);
  return {
    path: run.path,
    packages: run.packages,
    seconds: run.ms / 1000,
    opsPerSecond,
    efficiency: opsPerSecond / b.limit,
    rounds: [opsPerSecond],
    applyOpsPerSecond: run.applyMs && run.applyMs > 0 ? run.packages / (run.applyMs / 1000) : null,
    phases: run.phases,
    syncCpuMs: run.syncCpuMs,
    sandboxCpuMs: stats.cpuMs - run.sandboxCpuAtStart,
    requests: stats.total,
    writes: stats.writesApplied,
    check: `${held.packages} packages, ${held.distinctNames} distinct names`,
  };
}

/** The best round, carrying every round's rate. */
function best(rows: ThroughputRow[]): ThroughputRow {
  const top = rows.reduce((a, b) => (b.opsPerSecond > a.opsPerSecond ? b : a));
  return { ...top, rounds: rows.map((r) => r.opsPerSecond) };
}

async function inProcessRun(b: Bench, location: string, packages: number, label: string): Promise<ThroughputRow> {
  const sandboxCpuAtStart = await resetSandbox(b);
  const bench = createBenchLogger({ secrets: [b.sandbox.token] });
  const client = createWaldurClient({ url: b.sandbox.url, token: b.sandbox.token, connections: b.options.concurrency + 2, logger: bench.logger });
  const catalog = `Bench ${label}`;
  const cpu = process.cpuUsage();
  const startedAt = Date.now();
  const started = performance.now();
  const report = await runSync(benchSource({ name: label, location, catalog }), { client, logger: bench.logger }, {
    runId: `${label}-run`,
    force: false,
    concurrency: b.options.concurrency,
    rateLimitPerSecond: null,
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await client.close();
  checkReport(PATHS.inProcess, report, packages);
  const planned = bench.timeOf('planned');
  const finished = bench.timeOf('run finished');
  return toRow(b, {
    path: PATHS.inProcess,
    packages,
    catalog,
    ms,
    applyMs: between(planned, finished),
    phases: describePhases(startedAt, [['read+list+plan', planned], ['apply', finished]]),
    syncCpuMs: (used.user + used.system) / 1000,
    sandboxCpuAtStart,
  });
}

interface QueueSession {
  /** Runs a source through the queue and measures it. */
  run(source: string, catalog: string, packages: number): Promise<ThroughputRow>;
  close(): Promise<void>;
}

/** A private redis-server and the real daemon command, syncing the given manifests on request. */
async function startQueueSession(b: Bench, manifests: Array<{ source: string; catalog: string; location: string }>): Promise<QueueSession> {
  const prefix = 'bench';
  let redis: RedisServer | null = null;
  let daemon: DaemonProcess | null = null;
  let queues: Queues | null = null;
  const close = async (): Promise<void> => {
    await queues?.close();
    await daemon?.stop();
    await redis?.stop();
  };
  try {
    redis = await startRedisServer();
    daemon = await spawnDaemon({
      dir: b.dir,
      waldurUrl: b.sandbox.url,
      token: b.sandbox.token,
      redisUrl: redis.url,
      prefix,
      concurrency: b.options.concurrency,
      sources: manifests.map((m) => benchSource({ name: m.source, location: m.location, catalog: m.catalog })),
      ...profileArgs(),
    });
    queues = createQueues({ url: redis.url, prefix, mode: 'client' });
  } catch (err) {
    await close();
    throw err;
  }
  const { runs } = queues;
  const { lines, pid } = daemon;
  return {
    close,
    async run(source, catalog, packages) {
      const sandboxCpuAtStart = await resetSandbox(b);
      const cpuAtStart = readProcessCpuMs(pid);
      const seen = lines.length;
      const startedAt = Date.now();
      const started = performance.now();
      // The public interface: a job on the runs queue, its report read back from the queue.
      const job = await enqueueRun(runs, { source, reason: 'trigger' });
      const report = await waitForRun(runs, job, { timeoutMs: 300_000, pollMs: 20 });
      const ms = performance.now() - started;
      const endedAt = Date.now();
      const cpuAtEnd = readProcessCpuMs(pid);
      checkReport(PATHS.queue, report, packages);
      const mine = lines.slice(seen).filter((line) => line.source === source);
      const at = (msg: string): number | null => timeOfLine(mine, msg);
      const [planned, enqueued, finished] = [at('planned'), at('operations enqueued'), at('run finished')];
      return toRow(b, {
        path: PATHS.queue,
        packages,
        catalog,
        ms,
        // From "planned" on: enqueueing the operation jobs is part of the queue's write cost.
        applyMs: between(planned, finished),
        phases: describePhases(startedAt, [
          ['pick-up+read+list+plan', planned],
          ['enqueue', enqueued],
          ['apply', finished],
          ['report seen', endedAt],
        ]),
        syncCpuMs: between(cpuAtStart, cpuAtEnd),
        sandboxCpuAtStart,
      });
    },
  };
}

/** The best a client can do here: N lanes of POSTs on a keep-alive pool, nothing else. */
async function idealRun(b: Bench, packages: number): Promise<ThroughputRow> {
  const sandboxCpuAtStart = await resetSandbox(b);
  const client = createWaldurClient({ url: b.sandbox.url, token: b.sandbox.token, connections: 1 });
  const name = 'Bench ideal';
  const catalog = await client.createCatalog({ name, version: BENCH_CATALOG_VERSION, catalogType: 'binary_runtime' });
  await client.close();
  const api = new URL(b.sandbox.url);
  const path = `${api.pathname}marketplace-software-packages/`;
  const headers = { authorization: `Token ${b.sandbox.token}`, 'content-type': 'application/json', accept: 'application/json' };
  const bodies = generateDesiredPackages(packages, { seed: 11 }).map((p) =>
    JSON.stringify({ catalog: catalog.url, name: p.name, description: p.description, homepage: p.homepage }),
  );
  const pool = new Pool(api.origin, { connections: b.options.concurrency, pipelining: 1 });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next]!;
      next += 1;
      const res = await pool.request({ method: 'POST', path, headers, body });
      await res.body.dump();
      if (res.statusCode !== 201) throw new Error(`ideal client: POST answered ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: b.options.concurrency }, lane));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await pool.close();
  return toRow(b, {
    path: PATHS.ideal,
    packages,
    catalog: name,
    ms,
    applyMs: ms,
    phases: '',
    syncCpuMs: (used.user + used.system) / 1000,
    sandboxCpuAtStart,
  });
}

async function naiveRun(b: Bench): Promise<ThroughputRow> {
  const sandboxCpuAtStart = await resetSandbox(b);
  const packages = generateDesiredPackages(b.options.naivePackages, { seed: 11 });
  const client = createWaldurClient({ url: b.sandbox.url, token: b.sandbox.token, connections: 1 });
  const name = 'Bench naive';
  const cpu = process.cpuUsage();
  const started = performance.now();
  const catalog = await client.createCatalog({ name, version: BENCH_CATALOG_VERSION, catalogType: 'binary_runtime' });
  for (const p of packages) {
    await client.createPackage({ catalog: catalog.url, name: p.name, description: p.description, homepage: p.homepage });
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await client.close();
  return toRow(b, {
    path: PATHS.naive,
    packages: packages.length,
    catalog: name,
    ms,
    applyMs: null,
    phases: '',
    syncCpuMs: (used.user + used.system) / 1000,
    sandboxCpuAtStart,
  });
}

export async function benchThroughput(options: ThroughputOptions = DEFAULT_THROUGHPUT): Promise<ThroughputResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-throughput-'));
  const sandbox = await spawnSandbox({ latencyMs: options.latencyMs, ...profileArgs() });
  const b: Bench = { sandbox, dir, options, limit: options.concurrency / (options.latencyMs / 1000) };
  try {
    const measured = { source: 'bench-queue', catalog: 'Bench queue', location: await writeManifest(dir, 'measured', options.packages) };
    const warmup = { source: 'warmup-queue', catalog: 'Warmup queue', location: await writeManifest(dir, 'warmup', options.warmupPackages) };
    const session = await startQueueSession(b, [measured, warmup]);
    const ideal: ThroughputRow[] = [];
    const queue: ThroughputRow[] = [];
    const inProcess: ThroughputRow[] = [];
    try {
      // Untimed warm-ups: the daemon is a long-running process, and the sandbox's JIT warms once.
      await idealRun(b, options.warmupPackages);
      await session.run(warmup.source, warmup.catalog, options.warmupPackages);
      await inProcessRun(b, warmup.location, options.warmupPackages, 'warmup-in-process');
      for (let round = 0; round < options.rounds; round += 1) {
        ideal.push(await idealRun(b, options.packages));
        queue.push(await session.run(measured.source, measured.catalog, options.packages));
        inProcess.push(await inProcessRun(b, measured.location, options.packages, 'bench-in-process'));
      }
    } finally {
      await session.close();
    }
    const rows = [best(ideal), best(queue), best(inProcess), await naiveRun(b)];
    const reached = rows[0]!.opsPerSecond;
    return { options, limit: b.limit, ideal: reached, rows: rows.map((r) => ({ ...r, efficiency: r.opsPerSecond / reached })) };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
