import type { Command } from 'commander';
import type { CliRunState } from '../jobs/open-cli-run-state.js';
import type { CliContext } from './context.js';
import type { CliSetup } from './load-cli-config.js';
import { parseDurationOption } from './parse-duration-option.js';

/** `--no-redis` and `--lock-timeout`, as commander hands them over. */
export interface RunStateOptions {
  redis?: boolean;
  lockTimeout: string;
}

export const DEFAULT_LOCK_TIMEOUT = '10m';

/** The options of commands that write (`sync`, `apply`) about the daemon's lock and history. */
export function addRunStateOptions(command: Command): Command {
  return command
    .option('--no-redis', "with redis in the config: run without the daemon's per-source lock and run history")
    .option('--lock-timeout <duration>', 'how long to wait for an active run of the same source to end (0: fail at once)', DEFAULT_LOCK_TIMEOUT);
}

/** How long `hold` may wait, from --lock-timeout. */
export function parseLockTimeout(text: string): number {
  // Durations are positive; 0 is this flag's "do not wait".
  if (/^\s*0+\s*[a-z]*\s*$/.test(text)) return 0;
  return parseDurationOption('--lock-timeout', text);
}

/**
 * The daemon's lock and history when the config names a Redis and --no-redis is not given; null
 * otherwise. Redis and BullMQ load only then, so a machine without Redis never needs them.
 */
export async function openRunState(setup: CliSetup, options: RunStateOptions, requestedBy: string): Promise<CliRunState | null> {
  if (options.redis === false || setup.config.redis.configured !== true) return null;
  const { openCliRunState } = await import('../jobs/open-cli-run-state.js');
  return openCliRunState(setup.config.redis, { logger: setup.logger, requestedBy });
}

/** Said once on stderr while a CLI run waits for the source's lock. */
export function noteWaiting(ctx: CliContext, source: string, waitMs: number): (active: string) => void {
  return (active) =>
    void ctx.stderr.write(`catalog-sync: ${source}: waiting for ${active} to end (up to ${Math.round(waitMs / 1000)}s, --lock-timeout)\n`);
}
