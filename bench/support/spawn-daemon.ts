// Runs the real `catalog-sync daemon` command as a child process (its own event loop, as in a
// deployment) and keeps its JSON log lines for phase timestamps.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceConfig } from '../../src/config/types.js';
import type { LogLine } from './create-bench-logger.js';

export interface DaemonProcess {
  pid: number;
  lines: LogLine[];
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../../src/cli/run.ts', import.meta.url));

function configYaml(input: { waldurUrl: string; redisUrl: string; prefix: string; concurrency: number; sources: SourceConfig[] }): string {
  const lines = [
    'waldur:',
    `  url: ${input.waldurUrl}`,
    '  token: ${WALDUR_TOKEN}',
    `  concurrency: ${input.concurrency}`,
    'redis:',
    `  url: ${input.redisUrl}`,
    `  prefix: ${input.prefix}`,
    'server:',
    '  listen: 127.0.0.1:0',
    'log:',
    '  level: info',
    'sources:',
  ];
  for (const s of input.sources) {
    lines.push(
      `  - name: ${s.name}`,
      `    kind: ${s.kind}`,
      `    location: ${JSON.stringify(s.location)}`,
      `    catalog: { name: ${JSON.stringify(s.catalog.name)}, version: "${s.catalog.version}", create: true }`,
      '    schedule: null',
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function spawnDaemon(input: {
  dir: string;
  waldurUrl: string;
  token: string;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  sources: SourceConfig[];
  /** Extra node flags, e.g. --cpu-prof to profile the daemon. */
  nodeArgs?: string[];
}): Promise<DaemonProcess> {
  const configFile = join(input.dir, 'catalog-sync.yaml');
  await writeFile(configFile, configYaml(input));
  const child = spawn(process.execPath, [...(input.nodeArgs ?? []), '--import', import.meta.resolve('tsx'), CLI, 'daemon', '--config', configFile, '--shutdown-timeout', '10s'], {
    env: { ...process.env, WALDUR_TOKEN: input.token, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let stderr = '';
  let rest = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        if (!part.startsWith('{')) continue;
        const line = JSON.parse(part) as LogLine;
        lines.push(line);
        if (line.msg === 'daemon started') resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the daemon exited with ${code} before starting: ${stderr.trim().slice(0, 500)}`)));
  });
  await started;
  return {
    pid: child.pid!,
    lines,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
