// The real `catalog-sync daemon` as a child process, keeping every byte it writes (stdout and
// stderr) so fault tests can read its log and scan all of it for secrets afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../jobs/pipeline-harness.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface DaemonChild {
  child: ChildProcess;
  pid: number;
  /** Base URL of its HTTP probes. */
  url: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** stdout lines parsed as JSON (pino), so far; lines that are not JSON are left out. */
  logLines(): Array<Record<string, unknown>>;
  readyz(): Promise<number>;
  /** SIGKILL: no shutdown of any kind, like a crashed node. */
  crash(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

/** Splits a growing text into complete lines, parsing the JSON ones once (pino lines). */
function createLineReader(): { push(chunk: string): void; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  let partial = '';
  return {
    lines,
    push(chunk) {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const part of parts) {
        if (!part.startsWith('{')) continue;
        try {
          lines.push(JSON.parse(part) as Record<string, unknown>);
        } catch {
          // Not a log line after all: it stays in output() for the secret scan.
        }
      }
    },
  };
}

export async function spawnDaemonProcess(options: { configFile: string; env: NodeJS.ProcessEnv; args?: string[] }): Promise<DaemonChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'daemon', '--config', options.configFile, ...(options.args ?? [])], {
    cwd: REPO,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const reader = createLineReader();
  // Decoded as streams, so a character split across chunks stays whole.
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    reader.push(text);
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const started = () => reader.lines.find((line) => line.msg === 'daemon started');

  await waitUntil(
    () => {
      if (!running()) throw new Error(`the daemon exited before it started: ${stderr || stdout.slice(-2_000)}`);
      return started() !== undefined;
    },
    45_000,
    'the daemon to start',
  );
  const url = String(started()!.url);
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (!running()) return;
    child.kill(name);
    await exited;
  };
  return {
    child,
    pid: child.pid!,
    url,
    output: () => `${stdout}${stderr}`,
    logLines: () => reader.lines,
    readyz: () => fetch(`${url}/readyz`).then((r) => r.status, () => 0),
    crash: () => signal('SIGKILL'),
    stop: async (graceMs = 10_000) => {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
