// A CLI run (`sync`, `apply`) holds a source's lock like a run job does, but it is no BullMQ job
// whose state could tell whether it still runs. Instead it keeps a lease key alive while it runs;
// when the process dies the lease expires and the lock may be taken over.
import type { JobKeys } from './create-job-keys.js';
import type { RedisConnection } from './create-redis-connection.js';

/** Lock holders of CLI runs are `cli-<run id>`; run jobs never have such ids. */
const CLI_HOLDER_PREFIX = 'cli-';

/** Renewed every third of its life. */
export const CLI_LEASE_MS = 30_000;

/** What a lease says about the CLI run that holds it (shown by `status`). */
export interface CliLease {
  run: string;
  requested_by: string;
  started_at: string;
}

export function cliHolderId(run: string): string {
  return `${CLI_HOLDER_PREFIX}${run}`;
}

export function isCliHolder(holder: string): boolean {
  return holder.startsWith(CLI_HOLDER_PREFIX);
}

export async function writeCliLease(redis: RedisConnection, keys: JobKeys, holder: string, lease: CliLease): Promise<void> {
  await redis.set(keys.cliLease(holder), JSON.stringify(lease), 'PX', CLI_LEASE_MS);
}

/** The lease of a live CLI run, or null when it ended or its process died. */
export async function readCliLease(redis: RedisConnection, keys: JobKeys, holder: string): Promise<CliLease | null> {
  const value = await redis.get(keys.cliLease(holder));
  return value === null ? null : (JSON.parse(value) as CliLease);
}
