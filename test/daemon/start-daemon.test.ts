import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { packageNames, runCli, useDaemonFixture } from './daemon-harness.js';

/** Every key under the prefix with its value, as text. */
async function dumpRedis(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    const type = await redis.type(key);
    const value =
      type === 'string' ? await redis.get(key)
      : type === 'hash' ? await redis.hgetall(key)
      : type === 'list' ? await redis.lrange(key, 0, -1)
      : type === 'set' ? await redis.smembers(key)
      : type === 'zset' ? await redis.zrange(key, 0, -1)
      : type === 'stream' ? await redis.xrange(key, '-', '+')
      : null;
    parts.push(key, JSON.stringify(value));
  }
  return parts.join('\n');
}

describe('the daemon in process', () => {
  const t = useDaemonFixture('daemon');

  it('when runs went through the queues, then the API token is in no Redis key or value and no log line', async () => {
    t.fixture.write([{ name: 'site', packages: packageNames(6) }]);
    const lines: string[] = [];
    await t.start({ lines });
    t.fixture.test.sandbox.setFaults({ errorRate: 0.3 });

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait'], t.fixture.env);

    const redis = new Redis(t.fixture.redisUrl);
    const dump = await dumpRedis(redis, t.fixture.prefix);
    redis.disconnect();
    expect(result.stdout).toContain('Sync site:');
    expect(dump).toContain('marketplace-software-catalogs');
    expect(dump).not.toContain(t.fixture.env.WALDUR_TOKEN);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.join('')).not.toContain(t.fixture.env.WALDUR_TOKEN);
  });

  it('when a run is logged, then every line of it carries source and run', async () => {
    t.fixture.write([{ name: 'site', packages: packageNames(3) }]);
    const lines: string[] = [];
    await t.start({ lines });

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);

    const { run } = JSON.parse(result.stdout).runs[0] as { run: string };
    const ofRun = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.run === run);
    expect(ofRun.map((l) => l.msg)).toEqual(expect.arrayContaining(['run started', 'operations enqueued', 'run finished']));
    expect(ofRun.every((l) => l.source === 'site')).toBe(true);
  });

  it('when the Waldur client logs requests of a run, then those lines carry source and run too', async () => {
    // Arrange: the fixture logs at debug, where the client writes a line per request.
    t.fixture.write([{ name: 'site', packages: packageNames(3) }]);
    const lines: string[] = [];
    await t.start({ lines });

    // Act
    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'], t.fixture.env);

    // Assert: the catalog lookup, the list and every POST of the run are attributed to it.
    const { run } = JSON.parse(result.stdout).runs[0] as { run: string };
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'Waldur request');
    expect(requests.filter((l) => l.method === 'POST')).toHaveLength(4); // the catalog and 3 packages
    expect(requests.every((l) => l.source === 'site' && l.run === run)).toBe(true);
  });

  it('when another system adds {"source": name} to the runs queue with its own BullMQ client, then that run happens', async () => {
    t.fixture.write([{ name: 'site', packages: ['p1', 'p2'] }]);
    const daemon = await t.start();
    // What docs/queue-interface.md tells other systems to do.
    const connection = new Redis(t.fixture.redisUrl, { maxRetriesPerRequest: null });
    const runs = new Queue('runs', { connection, prefix: t.fixture.prefix });

    const good = await runs.add('resync', { source: 'site' });
    const unknown = await runs.add('resync', { source: 'elsewhere' });
    const report = await waitForRun(daemon.queues.runs, good.id!, { timeoutMs: 20_000 });
    const failure = await waitForRun(daemon.queues.runs, unknown.id!, { timeoutMs: 20_000 }).catch((err: Error) => err.message);
    await runs.close();
    connection.disconnect();

    expect(report).toMatchObject({ source: 'site', status: 'succeeded', created: 2, reason: 'queue' });
    expect(failure).toContain('unknown source "elsewhere" (configured sources: site)');
    expect((await daemon.readiness()).ready).toBe(true);
  });

  it('when the daemon stops, then it reports not ready and stops again without error', async () => {
    t.fixture.write([{ name: 'site', packages: ['p1'] }]);
    const daemon = await t.start();
    expect((await daemon.readiness()).ready).toBe(true);

    const clean = await daemon.stop();

    expect(clean).toBe(true);
    expect((await daemon.readiness()).checks.accepting).toBe(false);
    await expect(daemon.stop()).resolves.toBe(true);
  });
});
