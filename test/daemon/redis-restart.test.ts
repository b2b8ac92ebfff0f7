import { afterEach, describe, expect, it } from 'vitest';
import type { Daemon } from '../../src/daemon/start-daemon.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { packageNames, runCli, sleep, startDaemonFixture, startInProcessDaemon, waitUntil, type DaemonFixture } from './daemon-harness.js';

const readyz = (daemon: Daemon) => fetch(`${daemon.url}/readyz`).then((r) => r.status).catch(() => 0);

describe('losing Redis', () => {
  let redis: RedisServer | undefined;
  let fixture: DaemonFixture | undefined;
  let daemon: Daemon | undefined;
  afterEach(async () => {
    await daemon?.stop();
    await fixture?.close();
    await redis?.stop();
  });

  it('when Redis restarts during a run, then /readyz fails meanwhile, the daemon reconnects and the next run converges', async () => {
    // A Redis of this test's own: it is stopped and started again (its data is lost).
    redis = await startRedisServer();
    fixture = await startDaemonFixture({ redisUrl: redis.url, label: 'redis-loss' });
    const names = packageNames(20);
    fixture.write([{ name: 'site', packages: names }], { concurrency: 2 });
    fixture.test.sandbox.setFaults({ latencyMs: 200 });
    daemon = await startInProcessDaemon(fixture, { shutdownTimeoutMs: 3_000 });
    await runCli(['trigger', '--config', fixture.configFile, '--source', 'site'], fixture.env);
    await waitUntil(() => fixture!.catalog('site').size >= 3, 20_000, 'the first packages');

    await redis.stop();
    await waitUntil(async () => (await readyz(daemon!)) === 503, 10_000, '/readyz to fail');
    redis = await startRedisServer({ port: redis.port });
    await waitUntil(async () => (await readyz(daemon!)) === 200, 20_000, '/readyz to recover');
    fixture.test.sandbox.setFaults({ latencyMs: 0 });
    const next = await runCli(['trigger', '--config', fixture.configFile, '--source', 'site', '--wait', '--json'], fixture.env);

    expect(next.code).toBe(0);
    const report = JSON.parse(next.stdout).runs[0];
    expect(report).toMatchObject({ status: 'succeeded', failed: 0 });
    // The interrupted run's queue state was lost with Redis: this run applied what was left.
    expect(report.created).toBeGreaterThan(0);
    expect(report.created + report.unchanged).toBe(names.length);
    expect([...fixture.catalog('site').keys()].sort()).toEqual(names);
    expect(fixture.nameCounts('site').every((n) => n === 1)).toBe(true);
    expect(await fetch(`${daemon.url}/healthz`).then((r) => r.status)).toBe(200);
  });

  it('when Redis is away for a few seconds, then the daemon logs one warning for the outage and one info line when it is back', async () => {
    redis = await startRedisServer();
    fixture = await startDaemonFixture({ redisUrl: redis.url, label: 'redis-outage-log' });
    fixture.write([{ name: 'site', packages: ['a'] }]);
    const lines: string[] = [];
    daemon = await startInProcessDaemon(fixture, { lines, shutdownTimeoutMs: 3_000 });
    const logged = (from: number) => lines.slice(from).map((l) => JSON.parse(l) as { level: string; msg: string; error?: string });

    const before = lines.length;
    await redis.stop();
    // Long enough for many reconnect attempts of every connection (workers included).
    await sleep(2_500);
    redis = await startRedisServer({ port: redis.port });
    await waitUntil(() => logged(before).some((l) => l.msg === 'Redis reachable again'), 20_000, 'Redis to be back');

    const outage = logged(before).filter((l) => l.level !== 'debug' && l.level !== 'trace');
    expect(outage.map((l) => `${l.level} ${l.msg}`)).toEqual([
      'warn Redis unreachable: reconnecting until it is back (logged once per outage)',
      'info Redis reachable again',
    ]);
    expect(logged(before).filter((l) => l.level === 'debug' && /ECONNREFUSED/.test(l.error ?? '')).length).toBeGreaterThan(2);
  });

  it('when Redis is gone at shutdown, then the daemon stops within seconds instead of spending its whole shutdown deadline', async () => {
    // Arrange
    redis = await startRedisServer();
    fixture = await startDaemonFixture({ redisUrl: redis.url, label: 'redis-gone-at-stop' });
    fixture.write([{ name: 'site', packages: ['a'] }]);
    const lines: string[] = [];
    const stopping = startInProcessDaemon(fixture, { lines, shutdownTimeoutMs: 30_000 });
    const running = await stopping;
    await redis.stop();
    await waitUntil(async () => (await readyz(running)) === 503, 10_000, '/readyz to fail');

    // Act
    const started = Date.now();
    const clean = await running.stop();
    const tookMs = Date.now() - started;

    // Assert
    expect(clean).toBe(false);
    expect(tookMs).toBeLessThan(10_000);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('Redis unreachable at shutdown; not waiting for running jobs (they return to the queue when their locks expire)');
    expect(messages.at(-1)).toBe('daemon stopped; unfinished jobs return to the queue');
  });
});
