// The queues on Redis the way production runs it: TLS with client certificates, Sentinel with
// passwords and a failover, and a Cluster. Real redis-server processes, stopped after each group.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { RedisConfig } from '../../src/config/types.js';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { openClientQueues } from '../../src/jobs/open-client-queues.js';
import { readReplicas } from '../../src/jobs/read-replicas.js';
import { RUNS_QUEUE, type RunJobData } from '../../src/jobs/types.js';
import { createTestCerts, type TestCerts } from '../support/create-test-certs.js';
import { startRedisServer } from '../support/redis-server.js';
import { redisCli, startRedisCluster, startSentinelGroup, startTlsRedis, waitFor, type SentinelGroup } from '../support/redis-topologies.js';
import { captureLogger } from '../sync/sync-harness.js';
import { uniquePrefix } from './pipeline-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'redis-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `redis` section as the loader reads it (files resolved against the temp folder). */
function redisConfig(yaml: string): RedisConfig {
  const file = join(dir, 'catalog-sync.yaml');
  const text = `waldur:\n  url: http://127.0.0.1:1/api/\n  token: t0ken-value\nredis:\n${yaml}\nsources:\n  - name: s\n    kind: manifest\n    location: s.yaml\n    catalog: { name: S, version: "1" }\n`;
  writeFileSync(file, text);
  return parseConfig(text, { file }).redis;
}

/** A job added through `queues` and processed by a worker on its worker connection. */
async function roundTrip(queues: Queues, options: { worker?: string; whileRunning?: () => Promise<void> } = {}): Promise<unknown> {
  const worker = new Worker<RunJobData, { echoed: string }>(RUNS_QUEUE, async (job) => ({ echoed: job.data.source }), {
    connection: queues.createWorkerConnection(),
    prefix: queues.prefix,
    name: options.worker ?? 'test-host:4242',
  });
  try {
    await worker.waitUntilReady();
    await options.whileRunning?.();
    const job = await queues.runs.add('resync', { source: 'site' });
    await waitFor(async () => (await queues.runs.getJobState(job.id!)) === 'completed', 'the job to complete');
    return (await queues.runs.getJob(job.id!))?.returnvalue;
  } finally {
    await worker.close();
  }
}

describe('Redis over TLS', () => {
  let certs: TestCerts;
  let redis: Awaited<ReturnType<typeof startTlsRedis>>;
  beforeAll(async () => {
    certs = createTestCerts();
    redis = await startTlsRedis(certs);
  });
  afterAll(async () => {
    await redis?.stop();
    certs?.remove();
  });

  it('when the URL is rediss:// with the CA, certificate and key files, then a job goes through the queue', async () => {
    const config = redisConfig(
      `  url: rediss://127.0.0.1:${redis.port}\n  prefix: ${uniquePrefix('tls')}\n  tls:\n    ca_file: ${certs.files.ca}\n    cert_file: ${certs.files.clientCert}\n    key_file: ${certs.files.clientKey}`,
    );
    const queues = createQueues({ ...config, mode: 'daemon' });
    try {
      expect(await roundTrip(queues)).toEqual({ echoed: 'site' });
    } finally {
      await queues.close();
    }
  });

  it('when the CA file is left out, then a command fails fast naming Redis and the certificate problem', async () => {
    const config = redisConfig(`  url: rediss://127.0.0.1:${redis.port}\n  prefix: ${uniquePrefix('tls')}`);

    await expect(openClientQueues(config)).rejects.toThrow(new RegExp(`cannot reach Redis at rediss://127.0.0.1:${redis.port} .*certificate`));
  });
});

describe('a demoted master', () => {
  it('when the Redis behind the URL turns read-only and then writable again, then a write waits for it instead of failing', async () => {
    const [primary, other] = [await startRedisServer(), await startRedisServer()];
    const queues = createQueues({ url: primary.url, prefix: uniquePrefix('readonly'), mode: 'daemon' });
    try {
      await queues.redis.set(`${queues.prefix}:probe`, '1');
      await redisCli(primary.port, ['replicaof', '127.0.0.1', String(other.port)]);
      await waitFor(async () => (await redisCli(primary.port, ['info', 'replication'])).includes('role:slave'), 'the demotion');

      const write = queues.redis.set(`${queues.prefix}:probe`, '2');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await redisCli(primary.port, ['replicaof', 'no', 'one']);

      await expect(write).resolves.toBe('OK');
      expect(await queues.redis.get(`${queues.prefix}:probe`)).toBe('2');
    } finally {
      await queues.close();
      await Promise.all([primary.stop(), other.stop()]);
    }
  });
});

describe('Redis Sentinel', () => {
  let group: SentinelGroup;
  beforeAll(async () => {
    group = await startSentinelGroup();
  });
  afterAll(async () => group?.stop());

  it('when the config names the Sentinels, then the queues reach the master through them, and follow it after a failover', async () => {
    const config = redisConfig(
      [
        `  sentinels: ["127.0.0.1:${group.sentinelPort}"]`,
        `  name: ${group.name}`,
        `  password: ${group.password}`,
        `  sentinel_password: ${group.sentinelPassword}`,
        `  prefix: ${uniquePrefix('sentinel')}`,
      ].join('\n'),
    );
    const { lines: raw, logger } = captureLogger();
    const logged = () => raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    const queues = createQueues({ ...config, mode: 'daemon', logger });
    try {
      expect(await roundTrip(queues)).toEqual({ echoed: 'site' });

      await group.failover();
      expect(await group.currentMaster()).toBe(group.replicaPort);
      // The Sentinel announces the switch; the connection moves over (a short outage in the log).
      await waitFor(async () => logged().some((l) => l.msg === 'Redis reachable again'), 'the connection to follow the new master');
      expect(await roundTrip(queues)).toEqual({ echoed: 'site' });

      const outage = logged().filter((l) => l.level === 'warn' || l.msg === 'Redis reachable again');
      expect(outage.map((l) => l.msg)).toEqual(['Redis unreachable: reconnecting until it is back (logged once per outage)', 'Redis reachable again']);
      expect(outage[0]).toMatchObject({ redis: `Redis Sentinel group ${group.name} via 127.0.0.1:${group.sentinelPort}` });
      expect(raw.join('')).not.toMatch(new RegExp(`${group.password}|${group.sentinelPassword}`));
    } finally {
      await queues.close();
    }
  });

  it('when the Sentinel password is wrong, then a command fails fast and says so without the password', async () => {
    const config = redisConfig(
      `  sentinels: ["127.0.0.1:${group.sentinelPort}"]\n  name: ${group.name}\n  password: ${group.password}\n  sentinel_password: wrong-pass-0000`,
    );

    const failure = await openClientQueues(config).then(() => null, (err: Error) => err);

    expect(failure?.message).toContain(`cannot reach Redis Sentinel group ${group.name} via 127.0.0.1:${group.sentinelPort}`);
    expect(failure?.message).not.toContain('wrong-pass-0000');
  });
});

describe('Redis Cluster', () => {
  let cluster: Awaited<ReturnType<typeof startRedisCluster>>;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => cluster?.stop());

  it('when the config lists one node and the default prefix, then jobs go through and the worker shows as a replica', async () => {
    const config = redisConfig(`  cluster: ["127.0.0.1:${cluster.ports[0]}"]`);
    expect(config.prefix).toBe('{catalog-sync}');
    const queues = createQueues({ ...config, prefix: `{${uniquePrefix('cluster')}}`, mode: 'daemon' });
    let replicas: unknown;
    try {
      const result = await roundTrip(queues, {
        worker: 'node-a:77',
        whileRunning: async () => {
          await waitFor(async () => ((await readReplicas([queues.runs])) ?? []).length > 0, 'the worker to show');
          replicas = await readReplicas([queues.runs, queues.ops]);
        },
      });

      expect(result).toEqual({ echoed: 'site' });
      expect(replicas).toEqual([expect.objectContaining({ name: 'node-a:77', host: 'node-a', pid: 77, queues: ['runs'] })]);
    } finally {
      await queues.close();
    }
  });

  it('when the prefix has no hash tag, then BullMQ cannot add a job (why the config refuses it)', async () => {
    const queues = createQueues({ url: 'redis://unused', cluster: [{ host: '127.0.0.1', port: cluster.ports[0]! }], prefix: uniquePrefix('untagged'), mode: 'client' });
    try {
      await expect(queues.runs.add('resync', { source: 'site' })).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queues.close();
    }
  });
});
