// approval: deletes | all in a real daemon (sandbox over HTTP, real Redis): runs hold what needs
// approval as the source's pending plan; approve applies it through the queue exactly as held, or
// nothing when it went stale; reject drops it.
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/jobs/read-status.js';
import { packageNames, runCli, useDaemonFixture } from './daemon-harness.js';

describe('approval in the daemon', () => {
  const t = useDaemonFixture('approval');
  const approval = (mode: string) => ['defaults:', `  approval: ${mode}`];
  const cli = (...args: string[]) => runCli([...args, '--config', t.fixture.configFile], t.fixture.env);
  const status = async (): Promise<StatusReport['sources'][number]> =>
    (JSON.parse((await cli('status', '--json')).stdout) as StatusReport).sources[0]!;
  const triggerAndWait = async () => JSON.parse((await cli('trigger', '--source', 'site', '--wait', '--json')).stdout).runs[0];

  /** Five packages synced, then an upstream that changes three, adds one and drops two. */
  async function holdTwoDeletes(mode: string) {
    t.fixture.write([{ name: 'site', packages: packageNames(5) }], { topLines: approval(mode) });
    const daemon = await t.start();
    const first = await triggerAndWait();
    const upstream = [...packageNames(3), 'zz-new'];
    t.fixture.write([{ name: 'site', packages: upstream, revision: 'v2' }], { topLines: approval(mode) });
    return { daemon, first, upstream };
  }

  it('when approval is deletes, then a run applies creates and updates, holds the deletes until approve, and approve leaves the catalog exactly as upstream', async () => {
    const { daemon, first, upstream } = await holdTwoDeletes('deletes');

    const held = await triggerAndWait();
    const pending = (await status()).pending_approval;
    const text = (await cli('status')).stdout;
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    const catalogWhileHeld = [...t.fixture.catalog('site').keys()].sort();
    const approved = await cli('approve', '--source', 'site', '--wait', '--json');

    expect(first).toMatchObject({ created: 5, deleted: 0 });
    expect(held).toMatchObject({ status: 'succeeded', created: 1, updated: 3, deleted: 0 });
    expect(pending).toEqual({ plan_id: expect.stringMatching(/^plan-/), created_at: expect.any(String), create: 0, update: 0, delete: 2 });
    expect(text).toContain(`  pending approval: plan ${pending!.plan_id} (`);
    expect(text).toContain('0 to create, 0 to update, 2 to delete; `catalog-sync approve --source site` applies it, `reject` drops it');
    expect(metrics).toContain('catalog_sync_pending_approval_operations{source="site",kind="delete"} 2');
    expect(catalogWhileHeld).toEqual([...packageNames(5), 'zz-new'].sort());
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout).runs).toEqual([expect.objectContaining({ status: 'succeeded', created: 0, updated: 0, deleted: 2, plan_id: pending!.plan_id })]);
    expect([...t.fixture.catalog('site').entries()].sort()).toEqual(upstream.map((name) => [name, `${name} for the test site (v2)`]).sort());
    const after = await status();
    expect(after.pending_approval).toBeNull();
    expect(after.runs.slice(0, 2).map((r) => [r.reason, r.pending_approval ?? null])).toEqual([['approve', null], ['trigger', pending]]);
    expect(after.runs[0]!.requested_by).toMatch(/^.+@.+$/);
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('when a package the held plan deletes was edited since, then approve writes nothing, its run says the plan is stale, and the plan is dropped', async () => {
    await holdTwoDeletes('deletes');
    await triggerAndWait();
    const edited = t.fixture.test.sandbox.state.listPackages().find((p) => p.name === 'tool-003')!;
    t.fixture.test.sandbox.state.updatePackage(edited.uuid, { description: 'kept on purpose' });
    const writes = t.fixture.test.sandbox.stats.writesApplied;

    const approved = await cli('approve', '--source', 'site', '--wait');

    expect(approved.code).toBe(1);
    expect(approved.stdout).toMatch(/^Sync site: failed - 0 created, 0 updated, 0 deleted/);
    expect(approved.stdout).toContain('error: the plan is stale: site: delete "tool-003" description changed since the plan. Nothing was written: the pending plan was dropped');
    expect(t.fixture.test.sandbox.stats.writesApplied).toBe(writes);
    expect([...t.fixture.catalog('site').keys()]).toEqual(expect.arrayContaining(['tool-003', 'tool-004']));
    expect((await status()).pending_approval).toBeNull();
  });

  it('when the held plan is rejected, then nothing of it is applied, the history records who rejected it, and approve has nothing left', async () => {
    await holdTwoDeletes('deletes');
    await triggerAndWait();
    const { plan_id: planId } = (await status()).pending_approval!;

    const rejected = await cli('reject', '--source', 'site', '--json');
    const approveAfter = await cli('approve', '--source', 'site');

    expect(rejected.code).toBe(0);
    expect(JSON.parse(rejected.stdout)).toEqual({ format_version: 1, rejected: { source: 'site', plan_id: planId, run: expect.stringMatching(/^site-/) } });
    const after = await status();
    expect(after.pending_approval).toBeNull();
    expect(after.runs[0]).toMatchObject({ reason: 'reject', plan_id: planId, created: 0, deleted: 0, requested_by: expect.stringMatching(/@/) });
    expect([...t.fixture.catalog('site').keys()]).toEqual(expect.arrayContaining(['tool-003', 'tool-004']));
    expect(approveAfter.code).toBe(1);
    expect(approveAfter.stderr).toContain('no plan of site is pending approval');
  });

  it('when approval is all, then a run writes nothing and holds everything; a newer run replaces the plan, and one with nothing to hold drops it', async () => {
    t.fixture.write([{ name: 'site', packages: packageNames(2) }], { topLines: approval('all') });
    await t.start();

    const first = await triggerAndWait();
    const firstPlan = (await status()).pending_approval!;
    t.fixture.write([{ name: 'site', packages: packageNames(3) }], { topLines: approval('all') });
    await triggerAndWait();
    const secondPlan = (await status()).pending_approval!;
    const approved = await cli('approve', '--source', 'site', '--wait', '--json');
    await triggerAndWait();

    expect(first).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(firstPlan).toMatchObject({ create: 2, update: 0, delete: 0 });
    expect(secondPlan).toMatchObject({ create: 3 });
    expect(secondPlan.plan_id).not.toBe(firstPlan.plan_id);
    expect(JSON.parse(approved.stdout).runs).toEqual([expect.objectContaining({ created: 3, plan_id: secondPlan.plan_id })]);
    expect([...t.fixture.catalog('site').keys()].sort()).toEqual(packageNames(3));
    expect((await status()).pending_approval).toBeNull();
  });
});
