// Starts the sandbox in a child process and drives it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SandboxCommand, SandboxCounters, SandboxReply, SeedRequest } from './sandbox-protocol.js';

export interface SandboxProcess {
  /** API root, http://127.0.0.1:PORT/api/ */
  url: string;
  token: string;
  pid: number;
  stats(): Promise<SandboxCounters>;
  /** Empties the store and zeroes the counters. */
  reset(): Promise<void>;
  resetStats(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  /** Puts generated packages straight into the store; resolves to how many. */
  seed(request: SeedRequest): Promise<number>;
  catalog(name: string, version: string): Promise<{ packages: number; distinctNames: number }>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

export async function spawnSandbox(options: { latencyMs: number; nodeArgs?: string[] }): Promise<SandboxProcess> {
  const token = randomBytes(20).toString('hex');
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: [...(options.nodeArgs ?? []), '--import', import.meta.resolve('tsx')],
    env: { ...process.env, BENCH_SANDBOX_TOKEN: token, BENCH_SANDBOX_LATENCY_MS: String(options.latencyMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<{ url: string }>((resolve, reject) => {
    pending.set(0, { resolve: (value) => resolve(value as { url: string }), reject });
  });
  // A crashed sandbox must fail the benchmark, not leave it waiting for an answer.
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the sandbox process exited with ${code}`));
    pending.clear();
  });
  child.on('message', (reply: SandboxReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`sandbox: ${reply.error}`));
  });
  const call = <T>(command: SandboxCommand): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (value) => resolve(value as T), reject });
      child.send({ id, command });
    });
  const { url } = await started;
  return {
    url,
    token,
    pid: child.pid!,
    stats: () => call<SandboxCounters>({ type: 'stats' }),
    reset: () => call<void>({ type: 'reset' }),
    resetStats: () => call<void>({ type: 'reset-stats' }),
    setLatency: (ms) => call<void>({ type: 'faults', faults: { latencyMs: ms } }),
    seed: (request) => call<number>({ type: 'seed', request }),
    catalog: (name, version) => call({ type: 'catalog', name, version }),
    close: async () => {
      if (child.exitCode === null && child.connected) child.disconnect();
      await exited;
    },
  };
}
