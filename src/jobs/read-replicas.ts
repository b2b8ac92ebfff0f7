// The daemon replicas alive right now, from BullMQ's worker list: each replica's workers hold a
// Redis connection named after it (host:pid) for as long as it runs, and Redis drops the
// connection when the process dies.
import type { Queue } from 'bullmq';

export interface Replica {
  /** The replica's worker name, host:pid. */
  name: string;
  host: string;
  pid: number | null;
  /**
   * When its oldest worker connection to Redis opened: the replica's start, or its last
   * reconnection after losing Redis.
   */
  started: string;
  /** The queues it takes jobs from. */
  queues: string[];
}

// What BullMQ's getWorkers() returns where Redis refuses CLIENT LIST (some managed services).
const UNSUPPORTED = 'GCP does not support client list';

/** The live replicas by name; null when this Redis cannot list its clients (alive or not is unknown). */
export async function readReplicas(queues: Array<Pick<Queue, 'name' | 'getWorkers'>>, now: number = Date.now()): Promise<Replica[] | null> {
  const byName = new Map<string, { startedMs: number; queues: Set<string> }>();
  for (const queue of queues) {
    for (const client of await queue.getWorkers()) {
      if (client.name === UNSUPPORTED && client.rawname === undefined) return null;
      // <prefix>:<queue in base64>:w:<worker name>; the prefix may hold ":w:", a host:pid does not.
      const raw = String(client.rawname ?? '');
      const at = raw.lastIndexOf(':w:');
      const name = at === -1 ? '(unnamed)' : raw.slice(at + 3);
      const startedMs = now - Number(client.age ?? 0) * 1000;
      const entry = byName.get(name) ?? { startedMs, queues: new Set<string>() };
      entry.startedMs = Math.min(entry.startedMs, startedMs);
      entry.queues.add(queue.name);
      byName.set(name, entry);
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => {
      const match = /^(.*):(\d+)$/.exec(name);
      return {
        name,
        host: match ? match[1]! : name,
        pid: match ? Number(match[2]) : null,
        started: new Date(entry.startedMs).toISOString(),
        queues: [...entry.queues].sort(),
      };
    });
}
