// promtool (Debian package `prometheus`) for the monitoring tests; they skip what needs it,
// with this reason, where it is not installed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findExecutable } from './find-executable.js';

const run = promisify(execFile);

export const PROMTOOL = findExecutable('promtool');

export function promtoolMissing(fallback: string): string {
  return `promtool is not on PATH: ${fallback} here (apt-get install prometheus)`;
}

/** Exit code and combined output; a failing check is a result, not an exception. */
export async function runPromtool(args: string[]): Promise<{ code: number; output: string }> {
  if (!PROMTOOL) throw new Error(promtoolMissing('cannot run it'));
  return run(PROMTOOL, args).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? -1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
  );
}
