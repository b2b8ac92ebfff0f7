import { describe, expect, it } from 'vitest';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { useHarness, waitUntil } from './pipeline-harness.js';

describe('one run per source, one follow-up', () => {
  const startHarness = useHarness();

  it('when ten triggers arrive during a run, then exactly one follow-up run follows and every trigger gets a report', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const harness = await startHarness({
      desired: { site: ['a', 'b', 'c'] },
      // The first run holds its operations until all triggers are in.
      beforeApply: () => gate,
      followUpPollMs: 500,
    });
    const { runs } = harness.queues;
    const first = await enqueueRun(runs, { source: 'site', reason: 'trigger' });
    await waitUntil(() => harness.applied.length > 0, 10_000, 'the first run to apply');

    const triggers: string[] = [];
    for (let i = 0; i < 10; i += 1) triggers.push(await enqueueRun(runs, { source: 'site', reason: 'trigger' }));
    await waitUntil(async () => (await harness.pipeline.lock.followUp('site')) !== null, 10_000, 'a follow-up');
    // Every trigger is seen while the first run still holds the source.
    await waitUntil(async () => (await runs.getJobCounts('wait', 'active')).wait === 0, 10_000, 'triggers handled');
    release();

    const firstReport = await waitForRun(runs, first, { timeoutMs: 20_000 });
    const reports = await Promise.all(triggers.map((id) => waitForRun(runs, id, { timeoutMs: 20_000 })));

    const followUps = new Set(reports.map((r) => r.run));
    expect(followUps.size).toBe(1);
    expect([...followUps][0]).not.toBe(firstReport.run);
    expect(harness.prepares).toHaveLength(2);
    const history = await harness.pipeline.reports.history('site');
    expect(history.map((r) => r.run)).toEqual([reports[0]!.run, firstReport.run]);
    expect(reports[0]).toMatchObject({ status: 'succeeded', created: 0, unchanged: 3 });
    expect(await harness.pipeline.lock.followUp('site')).toBeNull();
  });

  it('when a forced request arrives while a plain follow-up is queued, then it does not fold into it and runs forced after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const harness = await startHarness({ desired: { site: ['a'] }, beforeApply: () => gate, followUpPollMs: 300 });
    const { runs } = harness.queues;
    const first = await enqueueRun(runs, { source: 'site', reason: 'trigger' });
    await waitUntil(() => harness.applied.length > 0, 10_000, 'the first run to apply');
    const plain = await enqueueRun(runs, { source: 'site', reason: 'trigger' });
    await waitUntil(async () => (await harness.pipeline.lock.followUp('site')) === plain, 10_000, 'the plain follow-up');

    const forced = await enqueueRun(runs, { source: 'site', reason: 'trigger', force: true });
    await waitUntil(async () => (await runs.getJobState(forced)) === 'delayed', 10_000, 'the forced request to wait its turn');
    release();

    const reports = await Promise.all([first, plain, forced].map((id) => waitForRun(runs, id, { timeoutMs: 20_000 })));
    expect(new Set(reports.map((r) => r.run)).size).toBe(3);
    expect(reports.map((r) => r.forced ?? false)).toEqual([false, false, true]);
    expect(harness.prepareOptions.map((o) => o.force)).toEqual([false, false, true]);
  });

  it('when two sources are triggered together, then they run side by side and do not coalesce', async () => {
    const harness = await startHarness({ desired: { one: ['x'], two: ['y'] } });
    const { runs } = harness.queues;

    const [a, b] = await Promise.all([
      enqueueRun(runs, { source: 'one', reason: 'trigger' }),
      enqueueRun(runs, { source: 'two', reason: 'trigger' }),
    ]);
    const [ra, rb] = await Promise.all([waitForRun(runs, a, { timeoutMs: 20_000 }), waitForRun(runs, b, { timeoutMs: 20_000 })]);

    expect(ra).toMatchObject({ source: 'one', created: 1 });
    expect(rb).toMatchObject({ source: 'two', created: 1 });
  });
});
