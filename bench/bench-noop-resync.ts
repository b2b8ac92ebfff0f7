// No-op resync: a 10,000-package catalog (3 versions x 5 targets each) already in sync with
// upstream. Counts what the run asks of Waldur (target: the catalog lookup plus the pages of one
// list call, no writes) and its wall and CPU time. The sandbox runs in its own process, so this
// process's CPU time is the sync's alone.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUpstreamCache } from '../src/sources/create-upstream-cache.js';
import { prepareRun } from '../src/sync/prepare-run.js';
import { runSync } from '../src/sync/run-sync.js';
import type { SyncDeps } from '../src/sync/types.js';
import { createWaldurClient, PAGE_SIZE } from '../src/waldur/create-waldur-client.js';
import { generateManifestJson } from '../test/support/generate-catalog.js';
import { benchSource, BENCH_CATALOG_VERSION } from './support/bench-source.js';
import { createBenchLogger } from './support/create-bench-logger.js';
import { spawnSandbox, type SandboxProcess } from './support/spawn-sandbox.js';

export interface NoopOptions {
  packages: number;
  /** Timed repetitions per case (after one untimed warm-up); the median is reported. */
  repeats: number;
  /** Added latency per request for each case. */
  latencies: number[];
}

export const DEFAULT_NOOP: NoopOptions = { packages: 10_000, repeats: 3, latencies: [0, 20] };

export interface NoopRow {
  what: string;
  latencyMs: number;
  /** Medians over the repeats. */
  wallMs: number;
  cpuMs: number;
  sandboxCpuMs: number;
  /** Requests of one run (the same in every repeat, or the row says otherwise). */
  catalogLookups: number;
  listPages: number;
  writes: number;
  otherRequests: number;
  outcome: string;
}

export interface NoopResult {
  options: NoopOptions;
  expectedPages: number;
  rows: NoopRow[];
}

const GENERATOR = { versionsPerPackage: 3, targetsPerVersion: 5, seed: 21 };
const CATALOG = 'Bench no-op';
const PACKAGES_ROUTE = '/api/marketplace-software-packages/';
const CATALOGS_ROUTE = '/api/marketplace-software-catalogs/';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measured {
  wallMs: number;
  cpuMs: number;
  sandboxCpuMs: number;
  requests: { catalogLookups: number; listPages: number; writes: number; other: number };
  outcome: string;
}

async function measure(sandbox: SandboxProcess, work: () => Promise<string>): Promise<Measured> {
  await sandbox.resetStats();
  const sandboxBefore = (await sandbox.stats()).cpuMs;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const stats = await sandbox.stats();
  const catalogLookups = stats.byRoute[`GET ${CATALOGS_ROUTE}`] ?? 0;
  const listPages = stats.byRoute[`GET ${PACKAGES_ROUTE}`] ?? 0;
  const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((n, m) => n + (stats.byMethod[m] ?? 0), 0);
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    sandboxCpuMs: stats.cpuMs - sandboxBefore,
    requests: { catalogLookups, listPages, writes, other: stats.total - catalogLookups - listPages - writes },
    outcome,
  };
}

function summarize(what: string, latencyMs: number, runs: Measured[]): NoopRow {
  const first = runs[0]!;
  const same = runs.every((r) => JSON.stringify(r.requests) === JSON.stringify(first.requests) && r.outcome === first.outcome);
  return {
    what,
    latencyMs,
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    sandboxCpuMs: median(runs.map((r) => r.sandboxCpuMs)),
    catalogLookups: first.requests.catalogLookups,
    listPages: first.requests.listPages,
    writes: first.requests.writes,
    otherRequests: first.requests.other,
    outcome: same ? first.outcome : `runs differed: ${runs.map((r) => r.outcome).join(' | ')}`,
  };
}

export async function benchNoopResync(options: NoopOptions = DEFAULT_NOOP): Promise<NoopResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-noop-'));
  const sandbox = await spawnSandbox({ latencyMs: 0 });
  try {
    const location = join(dir, 'upstream.json');
    await writeFile(location, generateManifestJson({ packages: options.packages, ...GENERATOR }));
    await sandbox.seed({
      catalog: { name: CATALOG, version: BENCH_CATALOG_VERSION, type: 'binary_runtime' },
      packages: options.packages,
      generator: GENERATOR,
    });
    const source = benchSource({ name: 'bench-noop', location, catalog: CATALOG });
    const { logger } = createBenchLogger({ level: 'warn' });
    const client = createWaldurClient({ url: sandbox.url, token: sandbox.token, connections: 18 });
    // Same deps as the `sync` command; a local file is read (and parsed) on every run.
    const deps: SyncDeps = { client, logger, upstreamCache: createUpstreamCache() };
    const sync = async (): Promise<string> => {
      const r = await runSync(source, deps, { runId: 'bench-noop', force: false, concurrency: 16, rateLimitPerSecond: null });
      return `${r.status}: ${r.unchanged} unchanged, ${r.created + r.updated + r.deleted} written, ${r.failed} failed`;
    };
    const plan = async (): Promise<string> => {
      const p = await prepareRun(source, deps, { runId: 'bench-noop', force: false, apply: false });
      const ops = p.plan.create.length + p.plan.update.length + p.plan.delete.length;
      return `${ops} operations, ${p.plan.unchanged} unchanged, ${p.plan.versionDrift.packages.length} packages with version drift`;
    };
    const rows: NoopRow[] = [];
    for (const latencyMs of options.latencies) {
      await sandbox.setLatency(latencyMs);
      for (const [what, work] of [['runSync (`sync`)', sync], ['prepareRun (`plan`)', plan]] as const) {
        await work(); // warm-up: JIT, connections, the sandbox's list cache
        const runs: Measured[] = [];
        for (let i = 0; i < options.repeats; i += 1) runs.push(await measure(sandbox, work));
        rows.push(summarize(what, latencyMs, runs));
      }
    }
    await client.close();
    return { options, expectedPages: Math.ceil(options.packages / PAGE_SIZE), rows };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
