import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createQueues, type Queues } from '../../src/jobs/create-queues.js';
import { createRunState } from '../../src/jobs/create-run-state.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import {
  packageNames,
  sleep,
  spawnDaemon,
  startDaemonFixture,
  stopProcess,
  waitUntil,
  type DaemonFixture,
  type DaemonProcess,
} from './daemon-harness.js';

describe('two daemon replicas on one Redis', () => {
  let fixture: DaemonFixture;
  let daemons: DaemonProcess[] = [];
  let queues: Queues | undefined;
  beforeEach(async () => {
    fixture = await startDaemonFixture({ redisUrl: inject('redisUrl'), label: 'replicas' });
    queues = createQueues({ url: fixture.redisUrl, prefix: fixture.prefix, mode: 'client' });
  });
  afterEach(async () => {
    for (const daemon of daemons) await stopProcess(daemon);
    daemons = [];
    await queues?.close();
    await fixture.close();
  });

  it('when both share a schedule firing every two seconds, then each slot runs exactly once', async () => {
    fixture.write([{ name: 'site', packages: packageNames(3), schedule: '*/2 * * * * *' }]);
    daemons = await Promise.all([spawnDaemon(fixture), spawnDaemon(fixture)]);

    await sleep(7_000);
    for (const daemon of daemons) daemon.child.kill('SIGTERM');
    await Promise.all(daemons.map((d) => d.exited));

    const history = await createRunState(queues!).reports.history('site');
    const slots = history.filter((r) => r.reason === 'schedule').map((r) => r.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    // Both replicas fired every slot; the claim let exactly one of them enqueue it.
    const enqueued = daemons.flatMap((d) => d.logs.filter((l) => l.msg === 'scheduled run enqueued').map((l) => l.slot));
    expect(new Set(enqueued).size).toBe(enqueued.length);
    expect(history.filter((r) => r.reason === 'catch-up')).toHaveLength(1);
    expect(fixture.nameCounts('site').every((n) => n === 1)).toBe(true);
  });

  it('when one is killed with SIGKILL in the middle of a run, then the other finishes it: right catalog, no duplicates, a report', async () => {
    const names = packageNames(24);
    fixture.write([{ name: 'site', packages: names }], { concurrency: 2 });
    fixture.test.sandbox.setFaults({ latencyMs: 150 });
    const args = ['--lock-duration', '1500ms'];
    daemons = await Promise.all([spawnDaemon(fixture, args), spawnDaemon(fixture, args)]);
    const job = await enqueueRun(queues!.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(() => fixture.catalog('site').size >= 4, 30_000, 'the first packages');

    // Slow requests down so the operation seen in flight is surely still in flight when its
    // replica dies; then kill the replica that holds it, so the job must be taken over.
    fixture.test.sandbox.setFaults({ latencyMs: 2_000 });
    await sleep(400);
    const [active] = await queues!.ops.getJobs(['active']);
    const victim = daemons.find((d) => active?.processedBy?.endsWith(`:${d.child.pid}`));
    victim!.child.kill('SIGKILL');
    fixture.test.sandbox.setFaults({ latencyMs: 150 });
    const report = await waitForRun(queues!.runs, job, { timeoutMs: 45_000 });

    expect(fixture.catalog('site').size).toBe(names.length);
    expect([...fixture.catalog('site').keys()].sort()).toEqual(names);
    expect(fixture.nameCounts('site').every((n) => n === 1)).toBe(true);
    expect(report).toMatchObject({ source: 'site', status: 'succeeded', failed: 0 });
    expect(report.created + report.updated + report.unchanged).toBe(names.length);
    const survivor = daemons.find((d) => d !== victim)!;
    expect(survivor.logs).toContainEqual(expect.objectContaining({ msg: 'job stalled; redelivering', job: active!.id }));
    expect(survivor.child.exitCode).toBeNull();
    expect(await fetch(`${survivor.url}/readyz`).then((r) => r.status)).toBe(200);
  });
});
