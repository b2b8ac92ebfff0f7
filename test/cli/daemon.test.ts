import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Daemon } from '../../src/daemon/start-daemon.js';
import { startRedisServer } from '../support/redis-server.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { createRunState } from '../../src/jobs/create-run-state.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import {
  findFreePort,
  packageNames,
  runCli,
  spawnDaemon,
  startDaemonFixture,
  startInProcessDaemon,
  stopProcess,
  waitUntil,
  type DaemonFixture,
  type DaemonProcess,
} from '../daemon/daemon-harness.js';

describe('catalog-sync daemon (the real process)', () => {
  let fixture: DaemonFixture;
  let child: DaemonProcess | undefined;
  let queues: Queues | undefined;
  let restarted: Daemon | undefined;
  beforeEach(async () => {
    fixture = await startDaemonFixture({ redisUrl: inject('redisUrl'), label: 'cli-daemon' });
  });
  afterEach(async () => {
    await stopProcess(child);
    child = undefined;
    await restarted?.stop();
    restarted = undefined;
    await queues?.close();
    queues = undefined;
    await fixture.close();
  });

  it('when the daemon runs, then it answers /healthz, /readyz and /metrics, and SIGTERM makes it exit 0', async () => {
    fixture.write([{ name: 'site', packages: ['one'] }]);
    child = await spawnDaemon(fixture);

    const health = await fetch(`${child.url}/healthz`);
    const ready = await fetch(`${child.url}/readyz`);
    const metrics = await fetch(`${child.url}/metrics`);
    const missing = await fetch(`${child.url}/nope`);
    child.child.kill('SIGTERM');
    const exit = await child.exited;

    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: true, workers: true, accepting: true } });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toMatch(/^catalog_sync_queue_jobs\{.*queue="runs"/m);
    expect(missing.status).toBe(404);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(child.logs.some((l) => l.msg === 'daemon stopped')).toBe(true);
    expect(JSON.stringify(child.logs)).not.toContain(fixture.env.WALDUR_TOKEN);
  });

  it('when SIGTERM arrives while operations hang, then the daemon exits 0 within the deadline and the next run completes the rest', async () => {
    const names = packageNames(12);
    fixture.write([{ name: 'site', packages: names }], { concurrency: 2 });
    // Slow enough that the run is surely still writing when the first packages appear.
    fixture.test.sandbox.setFaults({ latencyMs: 300 });
    child = await spawnDaemon(fixture, ['--shutdown-timeout', '2s']);
    queues = createQueues({ url: fixture.redisUrl, prefix: fixture.prefix, mode: 'client' });
    const job = await enqueueRun(queues.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(() => fixture.catalog('site').size >= 2, 20_000, 'the first packages');
    // Every request from now on takes far longer than the shutdown deadline.
    fixture.test.sandbox.setFaults({ latencyMs: 15_000 });
    await waitUntil(async () => ((await queues!.ops.getJobCounts('active')).active ?? 0) > 0, 10_000, 'an operation in flight');

    const signalled = Date.now();
    child.child.kill('SIGTERM');
    const exit = await child.exited;

    expect(exit.code).toBe(0);
    // 2s deadline; generous slack for a loaded machine, far below the 15s the requests take.
    expect(exit.at - signalled).toBeLessThan(8_000);
    expect(fixture.catalog('site').size).toBeLessThan(names.length);
    fixture.test.sandbox.setFaults({ latencyMs: 0 });
    restarted = await startInProcessDaemon(fixture);
    const resumed = await waitForRun(queues.runs, job, { timeoutMs: 30_000 });
    const next = await runCli(['trigger', '--config', fixture.configFile, '--source', 'site', '--wait', '--json'], fixture.env);
    expect(resumed.failed).toBe(0);
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout).runs[0]).toMatchObject({ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 12 });
    expect([...fixture.catalog('site').keys()].sort()).toEqual(names);
    expect(fixture.nameCounts('site').every((n) => n === 1)).toBe(true);
    expect((await createRunState(queues).reports.history('site')).length).toBe(2);
  });

  it('when Redis cannot be reached at start, then /healthz answers, /readyz says not ready, and SIGTERM still exits 0', async () => {
    const port = await findFreePort();
    fixture.write([{ name: 'site', packages: ['one'] }], { listen: `127.0.0.1:${port}` });
    writeFileSync(fixture.configFile, readFileSync(fixture.configFile, 'utf8').replace(/url: redis:\/\/[^\n]+/, `url: redis://127.0.0.1:${await findFreePort()}`));
    child = await spawnDaemon(fixture, ['--shutdown-timeout', '3s'], { started: false });
    const probe = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status).catch(() => 0);
    await waitUntil(async () => (await probe('/healthz')) === 200, 30_000, 'the HTTP server');

    const ready = await probe('/readyz');
    const signalled = Date.now();
    child.child.kill('SIGTERM');
    const exit = await child.exited;

    expect(ready).toBe(503);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
  });

  it('when Redis goes away and the daemon gets SIGTERM, then the process exits 0 in seconds, not at its 30 s shutdown deadline', async () => {
    // Arrange: a Redis of this test's own, stopped under the running daemon.
    const redis = await startRedisServer();
    try {
      const port = await findFreePort();
      fixture.write([{ name: 'site', packages: ['one'] }], { listen: `127.0.0.1:${port}` });
      writeFileSync(fixture.configFile, readFileSync(fixture.configFile, 'utf8').replace(/url: redis:\/\/[^\n]+/, `url: ${redis.url}`));
      child = await spawnDaemon(fixture, ['--shutdown-timeout', '30s']);
      await redis.stop();
      const probe = () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status).catch(() => 0);
      await waitUntil(async () => (await probe()) === 503, 10_000, '/readyz to fail');

      // Act
      const signalled = Date.now();
      child.child.kill('SIGTERM');
      const exit = await child.exited;

      // Assert: it used to wait for Redis until the deadline (24 s), then for lingering clients.
      expect(exit.code).toBe(0);
      expect(exit.at - signalled).toBeLessThan(4_000);
      expect(child.logs.some((l) => l.msg === 'Redis unreachable at shutdown; not waiting for running jobs (they return to the queue when their locks expire)')).toBe(true);
    } finally {
      await redis.stop();
    }
  });

  it('when the config is invalid, then the daemon exits 1 naming the file and the field', async () => {
    fixture.write([{ name: 'site', packages: ['one'] }]);
    writeFileSync(fixture.configFile, 'waldur:\n  url: not a url\n  token: x\nsources: []\n');

    const result = await runCli(['daemon', '--config', fixture.configFile], fixture.env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(fixture.configFile);
    expect(result.stderr).toContain('waldur.url');
  });
});
