// Runs a benchmark script in a fresh Node process (its own heap, so one case's memory never
// inflates another's peak RSS) and returns the JSON object it prints last.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// Linux carries a process's RSS high-water mark across fork+exec: a child forked straight from
// this (large) process would start with our RSS as its maxRSS. A tiny launcher in between keeps
// the child's maxRSS its own.
const LAUNCHER =
  "const r = require('node:child_process').spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit' });" +
  'process.exitCode = r.status ?? 1;';

export async function runChild<T>(script: string, args: string[], options: { nodeArgs?: string[] } = {}): Promise<T> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['-e', LAUNCHER, '--', ...(options.nodeArgs ?? []), '--import', import.meta.resolve('tsx'), script, ...args],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const last = stdout.trim().split('\n').at(-1);
  if (!last) throw new Error(`${script} printed nothing`);
  return JSON.parse(last) as T;
}
