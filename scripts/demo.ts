// `npm run demo`: the whole product on one machine in under a minute, with no Waldur and no
// Redis configured. Starts the sandbox (seeded with a drifted catalog) and a private
// redis-server, reads the upstreams, shows the plan, runs the daemon, triggers a resync through
// the queue, prints the run reports, shows that a second run changes nothing, then shuts
// everything down.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import { applySeed } from '../src/sandbox/apply-seed.js';
import { createSandbox } from '../src/sandbox/create-sandbox.js';
import { loadSeedFile } from '../src/sandbox/load-seed-file.js';
import { findFreePort, startRedisServer, type RedisServer } from '../test/support/redis-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Relative to the project root (the demo runs there), so the commands it echoes read as typed.
const configFile = 'config/examples/demo.yaml';
const seedFile = 'config/examples/demo-seed.yaml';

function heading(text: string): void {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

/** Runs one CLI command in-process, echoing it and its output. */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<number> {
  process.stdout.write(`$ catalog-sync ${args.join(' ')}\n`);
  const out = new Writable({ write: (chunk, _enc, done) => { process.stdout.write(chunk); done(); } });
  // Logs go to stderr as JSON lines; the demo keeps them out of the way.
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const code = await main(['node', 'catalog-sync', ...args], { stdout: out, stderr: quiet, env });
  process.stdout.write(`(exit code ${code})\n`);
  return code;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the daemon did not become ready within ${timeoutMs / 1000}s`);
}

function startDaemon(env: NodeJS.ProcessEnv): { child: ChildProcess; logLines: () => number; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'daemon', '--config', configFile, '--shutdown-timeout', '10s'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lines = 0;
  child.stdout!.on('data', (chunk: Buffer) => { lines += chunk.toString().split('\n').length - 1; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, logLines: () => lines, exited };
}

async function demo(): Promise<void> {
  process.chdir(root);
  const started = Date.now();
  const token = randomBytes(20).toString('hex');
  const sandbox = createSandbox({ token });
  applySeed(sandbox.state, await loadSeedFile(seedFile));
  const { url } = await sandbox.listen(0, '127.0.0.1');
  let redis: RedisServer | null = null;
  let daemon: ReturnType<typeof startDaemon> | null = null;
  try {
    redis = await startRedisServer();
    const listenPort = await findFreePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WALDUR_URL: url,
      WALDUR_TOKEN: token,
      REDIS_URL: redis.url,
      CATALOG_SYNC_LISTEN: `127.0.0.1:${listenPort}`,
      LOG_FORMAT: 'json',
    };
    heading('Started a Waldur sandbox and a private redis-server');
    process.stdout.write(`sandbox ${url} (seeded from config/examples/demo-seed.yaml)\nredis   ${redis.url}\nconfig  config/examples/demo.yaml\n`);

    heading('0. What do the upstreams hold? (validate reads them, never Waldur)');
    await cli(env, 'validate', '--config', configFile);

    heading('1. What would change? (plan never writes)');
    await cli(env, 'plan', '--config', configFile, '--detailed-exitcode');

    heading('2. Start the daemon and trigger a resync through the queue');
    daemon = startDaemon(env);
    await waitForReady(`http://127.0.0.1:${listenPort}`, 30_000);
    process.stdout.write(`daemon ready on http://127.0.0.1:${listenPort} (/healthz, /readyz, /metrics)\n`);
    const first = await cli(env, 'trigger', '--config', configFile, '--all', '--wait', '--timeout', '60s');
    if (first !== 0) throw new Error('the first run failed');

    heading('3. Run again: nothing left to change');
    await cli(env, 'plan', '--config', configFile, '--detailed-exitcode');
    const second = await cli(env, 'trigger', '--config', configFile, '--all', '--wait', '--timeout', '60s');
    if (second !== 0) throw new Error('the second run failed');

    heading('4. Status kept in Redis');
    await cli(env, 'status', '--config', configFile);

    heading('5. Shut down');
    daemon.child.kill('SIGTERM');
    const code = await daemon.exited;
    process.stdout.write(`daemon exited with code ${code} after ${daemon.logLines()} JSON log lines\n`);
    daemon = null;
  } finally {
    if (daemon) {
      daemon.child.kill('SIGKILL');
      await daemon.exited;
    }
    await redis?.stop();
    await sandbox.close();
  }
  process.stdout.write(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

demo().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
