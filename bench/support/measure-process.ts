// Runs one command as a fresh Node process and measures it whole: wall time from spawn to exit
// (start-up and module loading included), its own CPU time and its peak RSS.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPORT_USAGE = fileURLToPath(new URL('./report-usage.cjs', import.meta.url));

// A launcher between this process and the measured one: it times the spawn and keeps the
// child's peak RSS its own (Linux carries a process's RSS high-water mark across fork + exec).
const LAUNCHER =
  "const { spawnSync } = require('node:child_process');" +
  'const started = performance.now();' +
  "const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });" +
  'const wallMs = performance.now() - started;' +
  "process.stdout.write(JSON.stringify({ wallMs, status: r.status, stderr: String(r.stderr ?? '').slice(-2000) }));";

export interface ProcessUsage {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

/** `node ...args` (stdout discarded), measured; rejects when it exits non-zero (allowExit lists other codes it may end with). */
export async function measureProcess(args: string[], options: { env?: NodeJS.ProcessEnv; allowExit?: number[] } = {}): Promise<ProcessUsage> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-usage-'));
  try {
    const usageFile = join(dir, 'usage.json');
    const { stdout } = await execFileAsync(process.execPath, ['-e', LAUNCHER, '--', '--require', REPORT_USAGE, ...args], {
      env: { ...process.env, ...options.env, BENCH_USAGE_FILE: usageFile },
      maxBuffer: 1 << 24,
    });
    const run = JSON.parse(stdout) as { wallMs: number; status: number | null; stderr: string };
    if (run.status !== 0 && !(options.allowExit ?? []).includes(run.status ?? -1)) {
      throw new Error(`node ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
    }
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { cpuMs: number; maxRssKb: number };
    return { wallMs: run.wallMs, cpuMs: usage.cpuMs, peakRssMb: Math.round(usage.maxRssKb / 1024) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
