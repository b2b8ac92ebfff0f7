// Redis the way production runs it, for tests: TLS, Sentinel (with a replica to fail over to) and
// a small Cluster, each from the redis-server on PATH, on free loopback ports, in a temp folder.
// stop() kills every process it started and removes the folder.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestCerts } from './create-test-certs.js';
import { findFreePort } from './redis-server.js';

const run = promisify(execFile);

export interface RedisTopology {
  dir: string;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1');
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** redis-cli against a local port; resolves to its output. */
export async function redisCli(port: number, args: string[], auth?: string): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(port), ...(auth ? ['-a', auth, '--no-auth-warning'] : []), ...args]);
  return stdout;
}

function createProcesses(label: string) {
  const dir = mkdtempSync(join(tmpdir(), `catalog-sync-${label}-`));
  const children: ChildProcess[] = [];
  return {
    dir,
    /** Starts redis-server with `args` and waits until `port` accepts connections. */
    async start(args: string[], port: number): Promise<ChildProcess> {
      const child = spawn('redis-server', [...args, '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
      child.once('error', () => undefined);
      children.push(child);
      await waitFor(() => listening(port), `redis-server on port ${port}`);
      return child;
    },
    async stop(): Promise<void> {
      await Promise.all(
        children.map((child) =>
          child.exitCode !== null || child.signalCode !== null
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGKILL');
              }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One Redis that speaks only TLS and, like Redis' default, wants a client certificate. */
export async function startTlsRedis(certs: TestCerts): Promise<RedisTopology & { port: number }> {
  const processes = createProcesses('redis-tls');
  const port = await findFreePort();
  await processes.start(
    ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--tls-cert-file', certs.files.serverCert,
      '--tls-key-file', certs.files.serverKey, '--tls-ca-cert-file', certs.files.ca, '--tls-auth-clients', 'yes'],
    port,
  );
  return { dir: processes.dir, port, stop: processes.stop };
}

export interface SentinelGroup extends RedisTopology {
  name: string;
  sentinelPort: number;
  masterPort: number;
  replicaPort: number;
  password: string;
  sentinelPassword: string;
  /** Port of the current master, as the Sentinel says. */
  currentMaster(): Promise<number>;
  /** A manual failover to the replica; resolves once the Sentinel names the new master. */
  failover(): Promise<void>;
}

/** A master and a replica (both with requirepass) and one Sentinel (with its own password). */
export async function startSentinelGroup(): Promise<SentinelGroup> {
  const processes = createProcesses('redis-sentinel');
  const password = 'data-pass-7f3a';
  const sentinelPassword = 'sentinel-pass-91c2';
  const name = 'catalog-sync-test';
  const [masterPort, replicaPort, sentinelPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const server = ['--bind', '127.0.0.1', '--requirepass', password, '--masterauth', password];
  await processes.start(['--port', String(masterPort), ...server], masterPort);
  await processes.start(['--port', String(replicaPort), ...server, '--replicaof', '127.0.0.1', String(masterPort)], replicaPort);
  // A Sentinel learns about replicas from the master's INFO: start it once the replica is in sync.
  await waitFor(async () => /slave0:.*state=online/.test(await redisCli(masterPort, ['info', 'replication'], password)), 'the replica to sync');
  const config = join(processes.dir, 'sentinel.conf');
  writeFileSync(
    config,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `sentinel monitor ${name} 127.0.0.1 ${masterPort} 1`,
      `sentinel auth-pass ${name} ${password}`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 5000`,
      `requirepass ${sentinelPassword}`,
      '',
    ].join('\n'),
  );
  await processes.start([config, '--sentinel'], sentinelPort);
  const sentinel = (args: string[]) => redisCli(sentinelPort, args, sentinelPassword);
  await waitFor(async () => (await sentinel(['sentinel', 'replicas', name])).includes(String(replicaPort)), 'the Sentinel to know the replica');
  const currentMaster = async () => Number((await sentinel(['sentinel', 'get-master-addr-by-name', name])).trim().split('\n')[1]);
  return {
    dir: processes.dir,
    name,
    sentinelPort,
    masterPort,
    replicaPort,
    password,
    sentinelPassword,
    currentMaster,
    failover: async () => {
      const before = await currentMaster();
      await sentinel(['sentinel', 'failover', name]);
      await waitFor(async () => (await currentMaster()) !== before, 'the failover');
    },
    stop: processes.stop,
  };
}

/** Three masters, no replicas: the smallest Cluster redis-cli will create. */
export async function startRedisCluster(): Promise<RedisTopology & { ports: number[] }> {
  const processes = createProcesses('redis-cluster');
  const ports = [await findFreePort(), await findFreePort(), await findFreePort()];
  for (const port of ports) {
    await processes.start(['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`], port);
  }
  await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
  for (const port of ports) {
    await waitFor(async () => (await redisCli(port, ['cluster', 'info'])).includes('cluster_state:ok'), `cluster state ok on ${port}`);
  }
  return { dir: processes.dir, ports, stop: processes.stop };
}
