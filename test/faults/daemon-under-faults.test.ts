// A 2,000-package sync through two daemon replicas while Waldur misbehaves (10% of requests fail,
// 5% are rate-limited, 2% of writes are applied but their response is lost), one replica is
// killed with SIGKILL and Redis is restarted (losing every queue). Once the faults stop, one more
// run must leave the catalog exactly as desired, with a bounded number of redundant writes,
// nothing outside the catalog touched and the token in no log line and no Redis value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import type { DesiredPackage } from '../../src/model.js';
import { NO_FAULTS } from '../../src/sandbox/create-sandbox.js';
import type { StoredCatalog } from '../../src/sandbox/types.js';
import { runCli, type CliResult } from '../daemon/daemon-harness.js';
import { uniquePrefix, waitUntil } from '../jobs/pipeline-harness.js';
import { generateDesiredPackages, generateManifestJson } from '../support/generate-catalog.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startTestSandbox, type TestSandbox } from '../support/start-sandbox.js';
import { dumpRedis, type RedisDump } from './dump-redis.js';
import { spawnDaemonProcess, type DaemonChild } from './spawn-daemon-process.js';

const PACKAGES = 2_000;
const CONCURRENCY = 8;
const CATALOG = { name: 'Faults site', version: '2026.1' };
const NEIGHBOUR = { name: 'Faults neighbour', version: '2026.1' };
// The managed catalog's starting point: some packages outdated, some already right, some retired.
const OUTDATED = 150;
const CURRENT = 20;
const RETIRED = 50;
/** Writes from the starting point to the desired state: every create, update and delete once. */
const NEEDED_WRITES = /* creates */ PACKAGES - OUTDATED - CURRENT + /* updates */ OUTDATED + /* deletes */ RETIRED;
const FAULTS = { latencyMs: 2, errorRate: 0.1, rateLimitRate: 0.05, retryAfterSeconds: 0.2, lostWriteRate: 0.02 };

interface Fixture {
  redis: RedisServer;
  test: TestSandbox;
  dir: string;
  configFile: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  desired: DesiredPackage[];
  catalog: StoredCatalog;
  neighbour: StoredCatalog;
}

function writeConfig(dir: string, redisUrl: string, prefix: string): string {
  writeFileSync(join(dir, 'site.json'), generateManifestJson({ packages: PACKAGES }));
  const configFile = join(dir, 'catalog-sync.yaml');
  const lines = [
    'waldur:',
    '  url: ${WALDUR_URL}',
    '  token: ${WALDUR_TOKEN}',
    `  concurrency: ${CONCURRENCY}`,
    'redis:',
    `  url: ${redisUrl}`,
    `  prefix: "${prefix}"`,
    'server:',
    '  listen: 127.0.0.1:0',
    'log:',
    // Every request line too: the secret scan reads the most talkative log there is.
    '  level: debug',
    'sources:',
    '  - name: site',
    '    kind: manifest',
    '    location: site.json',
    `    catalog: { name: ${CATALOG.name}, version: "${CATALOG.version}", type: binary_runtime, create: true }`,
    `    prune: { enabled: true, max_delete: ${RETIRED} }`,
  ];
  writeFileSync(configFile, `${lines.join('\n')}\n`);
  return configFile;
}

/** The managed catalog part-way to the desired state, and a neighbour sharing 100 of its names. */
function seed(test: TestSandbox, desired: DesiredPackage[]): { catalog: StoredCatalog; neighbour: StoredCatalog } {
  const { state } = test.sandbox;
  const catalog = state.addCatalog({ name: CATALOG.name, version: CATALOG.version, catalogType: 'binary_runtime' });
  desired.slice(0, OUTDATED).forEach((p) => state.addPackage(catalog.uuid, { name: p.name, description: `${p.description} (2025 edition)`, homepage: p.homepage }));
  desired.slice(OUTDATED, OUTDATED + CURRENT).forEach((p) => state.addPackage(catalog.uuid, { name: p.name, description: p.description, homepage: p.homepage }));
  for (let i = 0; i < RETIRED; i += 1) state.addPackage(catalog.uuid, { name: `retired-tool-${i}`, description: 'No longer installed.' });
  const neighbour = state.addCatalog({ name: NEIGHBOUR.name, version: NEIGHBOUR.version, catalogType: 'binary_runtime' });
  desired.slice(0, 100).forEach((p) => state.addPackage(neighbour.uuid, { name: p.name, description: 'Maintained by hand.', homepage: null }));
  for (let i = 0; i < 200; i += 1) state.addPackage(neighbour.uuid, { name: `hand-made-${i}`, description: `Hand-made entry ${i}.` });
  return { catalog, neighbour };
}

function catalogText(test: TestSandbox, uuid: string): string {
  return JSON.stringify({ catalog: test.sandbox.state.getCatalog(uuid), packages: test.sandbox.state.listPackages(uuid) });
}

async function triggerAndWait(f: Fixture): Promise<CliResult> {
  return runCli(['trigger', '--config', f.configFile, '--source', 'site', '--wait', '--json', '--timeout', '120s'], f.env);
}

describe('the daemon under Waldur faults, a crashed replica and a Redis restart', () => {
  let f: Fixture;
  let daemons: DaemonChild[] = [];
  let queues: Queues | undefined;

  beforeAll(async () => {
    const redis = await startRedisServer();
    const test = await startTestSandbox();
    const dir = mkdtempSync(join(tmpdir(), 'daemon-faults-'));
    const prefix = uniquePrefix('faults');
    const desired = generateDesiredPackages(PACKAGES, { versionsPerPackage: 1, targetsPerVersion: 1, seed: 7 });
    const env = { ...process.env, WALDUR_URL: test.url, WALDUR_TOKEN: test.token, LOG_FORMAT: 'json' };
    f = { redis, test, dir, prefix, env, desired, configFile: writeConfig(dir, redis.url, prefix), ...seed(test, desired) };
  });
  afterAll(async () => {
    await queues?.close();
    await Promise.all(daemons.map((d) => d.crash()));
    await f?.test.close();
    await f?.redis.stop();
    if (f) rmSync(f.dir, { recursive: true, force: true });
  });

  it('when the faults stop, then one more run converges exactly, redundant writes stay bounded, the neighbour is untouched and the token is nowhere', async () => {
    // Arrange
    const { sandbox } = f.test;
    const neighbourBefore = catalogText(f.test, f.neighbour.uuid);
    const args = ['--lock-duration', '2s'];
    daemons = await Promise.all([spawnDaemonProcess({ configFile: f.configFile, env: f.env, args }), spawnDaemonProcess({ configFile: f.configFile, env: f.env, args })]);
    sandbox.setFaults(FAULTS);
    queues = createQueues({ url: f.redis.url, prefix: f.prefix, mode: 'client' });
    const firstRun = await enqueueRun(queues.runs, { source: 'site', reason: 'trigger' });

    // Act 1: a replica dies holding operations in flight, and the other one takes them over.
    await waitUntil(() => sandbox.stats.writesApplied >= 400, 90_000, 'a fifth of the writes');
    // Slow requests down so that an operation seen in flight is surely still in flight when
    // its replica dies.
    sandbox.setFaults({ latencyMs: 1_500 });
    let victim: DaemonChild | undefined;
    await waitUntil(async () => {
      const active = await queues!.ops.getJobs(['active']);
      victim = daemons.find((d) => active.some((job) => job.processedBy?.endsWith(`:${d.pid}`)));
      return victim !== undefined;
    }, 30_000, 'an operation in flight');
    await victim!.crash();
    sandbox.setFaults({ latencyMs: FAULTS.latencyMs });
    const survivor = daemons.find((d) => d !== victim)!;
    await waitUntil(() => survivor.logLines().some((l) => l.msg === 'job stalled; redelivering' && l.queue === 'ops'), 30_000, 'the takeover');
    await waitUntil(() => sandbox.stats.writesApplied >= NEEDED_WRITES / 2, 90_000, 'half of the writes');

    // Act 2: Redis restarts while the run is still going. Its queues, as they were under the
    // faults, are read first for the secret scan (slowed down meanwhile so the run cannot end).
    sandbox.setFaults({ latencyMs: 300 });
    const duringRun = await dumpRedis(f.redis.url);
    expect(await queues.runs.getJobState(firstRun)).toBe('waiting-children');
    await queues.close();
    queues = undefined;
    await f.redis.restart();
    await waitUntil(async () => (await survivor.readyz()) === 200, 30_000, 'the survivor to reconnect');
    const injected = { ...sandbox.stats.injected };
    sandbox.setFaults({ ...NO_FAULTS });

    // Act 3: the faults are over; one run must finish the job, and a second one finds nothing to do.
    const second = await triggerAndWait(f);
    const writesAfterSecond = sandbox.stats.writesApplied;
    const third = await triggerAndWait(f);

    // Assert: exactly the desired catalog after the second run.
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).runs).toEqual([expect.objectContaining({ source: 'site', status: 'succeeded', failed: 0 })]);
    const stored = sandbox.state.listPackages(f.catalog.uuid);
    expect(stored).toHaveLength(PACKAGES);
    const actual = stored.map((p) => ({ name: p.name, description: p.description, homepage: p.homepage })).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(actual).toEqual(f.desired.map((p) => ({ name: p.name, description: p.description, homepage: p.homepage })));
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout).runs).toEqual([
      expect.objectContaining({ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: PACKAGES }),
    ]);
    expect(sandbox.stats.writesApplied).toBe(writesAfterSecond);
    expect(survivor.child.exitCode).toBeNull();
    // Nothing outside the managed catalog changed, down to the last byte.
    expect(catalogText(f.test, f.neighbour.uuid)).toBe(neighbourBefore);
    expect(sandbox.state.listCatalogs().map((c) => c.name).sort()).toEqual([NEIGHBOUR.name, CATALOG.name]);

    // Assert: redundant writes are bounded. A write is repeated only when (a) its response was
    // lost and the retry re-sends it (only an update: a create looks itself up first, a repeated
    // delete finds nothing), (b) it was in flight on the killed replica and redone by the
    // survivor, or (c) it was in flight when Redis lost the queue and the next run planned it
    // again; (b) and (c) are each at most the write concurrency.
    const redundant = sandbox.stats.writesApplied - NEEDED_WRITES;
    const summary = { redundant, writesApplied: sandbox.stats.writesApplied, needed: NEEDED_WRITES, injected };
    expect(redundant, JSON.stringify(summary)).toBeGreaterThanOrEqual(0);
    expect(redundant, JSON.stringify(summary)).toBeLessThanOrEqual(injected.lostWrites + 2 * CONCURRENCY);
    expect(injected.errors).toBeGreaterThan(0);
    expect(injected.rateLimited).toBeGreaterThan(0);
    expect(injected.lostWrites).toBeGreaterThan(0);
    // 429s paused the writes rather than spending the operations' attempts.
    expect(daemons.some((d) => d.logLines().some((l) => l.msg === 'rate limited by Waldur; pausing the writes of every replica'))).toBe(true);

    // Assert: the token is in no log line of either replica, no CLI output and no Redis value,
    // neither under the faults nor after the runs.
    const afterRuns = await dumpRedis(f.redis.url);
    expectTokenAbsent(f.test.token, { duringRun, afterRuns, daemons, cli: [second, third], marker: f.catalog.uuid, writesApplied: sandbox.stats.writesApplied });
  }, 180_000);
});

function expectTokenAbsent(
  token: string,
  seen: { duringRun: RedisDump; afterRuns: RedisDump; daemons: DaemonChild[]; cli: CliResult[]; marker: string; writesApplied: number },
): void {
  // The scans saw what they had to: job data, reports, and mid-run every type of key there is
  // (waiting list, dependencies set, delayed/completed zsets, event streams, job hashes, locks).
  expect(Object.keys(seen.duringRun.types).sort()).toEqual(['hash', 'list', 'set', 'stream', 'string', 'zset']);
  for (const dump of [seen.duringRun, seen.afterRuns]) {
    // Operations travel in batches (waldur.batch_size), so there are far fewer keys than
    // operations; still every kind of key above is scanned.
    expect(dump.keys).toBeGreaterThan(15);
    expect(dump.text).toContain(seen.marker);
    expect(dump.text).not.toContain(token);
  }
  expect(seen.afterRuns.text).toContain('succeeded');
  // Every request is logged when it ends, so the replicas' logs together hold at least every
  // applied write but those in flight when the victim died (at most the write concurrency). How
  // the batches split between the replicas is up to the queue, so each one is only required to
  // have talked to Waldur at all.
  const requestLines = seen.daemons.map((d) => d.logLines().filter((l) => l.msg === 'Waldur request').length);
  expect(requestLines.every((n) => n > 0), JSON.stringify(requestLines)).toBe(true);
  expect(requestLines.reduce((a, b) => a + b, 0), JSON.stringify(requestLines)).toBeGreaterThanOrEqual(seen.writesApplied - CONCURRENCY);
  for (const daemon of seen.daemons) expect(daemon.output()).not.toContain(token);
  for (const result of seen.cli) expect(`${result.stdout}${result.stderr}`).not.toContain(token);
}
