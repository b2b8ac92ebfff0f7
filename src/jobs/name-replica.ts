import { hostname } from 'node:os';

/**
 * This process's replica name, host:pid: the name its workers carry in BullMQ's worker list
 * (what `status` shows) and the `replica` key of every daemon log line.
 */
export function nameReplica(): string {
  return `${hostname()}:${process.pid}`;
}
