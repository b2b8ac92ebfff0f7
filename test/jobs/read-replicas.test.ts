// Replicas from BullMQ's worker lists (the real lists are covered by test/cli/status.test.ts and
// the Cluster test); here the shapes Redis can answer with.
import { describe, expect, it } from 'vitest';
import { readReplicas } from '../../src/jobs/read-replicas.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const queue = (name: string, clients: Array<Record<string, string>>) => ({ name, getWorkers: async () => clients });
const client = (worker: string, age: number) => ({ name: 'runs', rawname: `site:{cs}:w:x:cnVucw==:w:${worker}`, age: String(age) });

describe('readReplicas', () => {
  it('when two replicas have workers on both queues, then each is listed once with its oldest connection and its queues', async () => {
    const replicas = await readReplicas(
      [queue('runs', [client('host-b:7', 30), client('host-a:12', 600)]), queue('ops', [client('host-a:12', 590)])],
      NOW,
    );

    expect(replicas).toEqual([
      { name: 'host-a:12', host: 'host-a', pid: 12, started: '2026-05-01T11:50:00.000Z', queues: ['ops', 'runs'] },
      { name: 'host-b:7', host: 'host-b', pid: 7, started: '2026-05-01T11:59:30.000Z', queues: ['runs'] },
    ]);
  });

  it('when a worker has a name that is not host:pid, then it is listed by that name without a pid', async () => {
    expect(await readReplicas([queue('runs', [client('importer', 5)])], NOW)).toEqual([
      { name: 'importer', host: 'importer', pid: null, started: '2026-05-01T11:59:55.000Z', queues: ['runs'] },
    ]);
  });

  it('when no worker is connected, then the list is empty', async () => {
    expect(await readReplicas([queue('runs', []), queue('ops', [])], NOW)).toEqual([]);
  });

  it('when Redis refuses CLIENT LIST, then replicas are unknown (null), not none', async () => {
    expect(await readReplicas([queue('runs', [{ name: 'GCP does not support client list' }])], NOW)).toBeNull();
  });
});
