import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { packageNames, runCli, useDaemonFixture } from '../daemon/daemon-harness.js';

describe('catalog-sync trigger', () => {
  const t = useDaemonFixture('trigger');

  it('when trigger --wait runs on a fresh catalog, then it creates everything, and a second trigger plans nothing', async () => {
    const names = packageNames(15);
    t.fixture.write([{ name: 'site', packages: names }]);
    const daemon = await t.start();
    const args = ['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'];

    const first = await runCli(args, t.fixture.env);
    t.fixture.test.sandbox.stats.reset();
    const second = await runCli(args, t.fixture.env);

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).runs).toEqual([
      expect.objectContaining({ source: 'site', status: 'succeeded', created: 15, updated: 0, deleted: 0, failed: 0 }),
    ]);
    expect([...t.fixture.catalog('site').keys()].sort()).toEqual(names);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).runs).toEqual([
      expect.objectContaining({ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 15 }),
    ]);
    expect(t.fixture.test.sandbox.stats.writesApplied).toBe(0);
  });

  it('when an upstream changes and trigger --all --wait runs, then each source applies exactly its changes', async () => {
    t.fixture.write([{ name: 'alpha', packages: ['a1', 'a2', 'a3'] }, { name: 'beta', packages: ['b1'] }]);
    const daemon = await t.start();
    await runCli(['trigger', '--config', t.fixture.configFile, '--all', '--wait'], t.fixture.env);
    t.fixture.write([{ name: 'alpha', packages: ['a1', 'a3', 'a4'], revision: 'v2' }, { name: 'beta', packages: ['b1'] }]);

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--all', '--wait'], t.fixture.env);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sync alpha: succeeded - 1 created, 2 updated, 1 deleted, 0 unchanged');
    expect(result.stdout).toContain('Sync beta: succeeded - 0 created, 0 updated, 0 deleted, 1 unchanged');
    expect([...t.fixture.catalog('alpha').entries()].sort()).toEqual([
      ['a1', 'a1 for the test site (v2)'],
      ['a3', 'a3 for the test site (v2)'],
      ['a4', 'a4 for the test site (v2)'],
    ]);
  });

  it('when trigger --force runs with deletes over max_delete, then the queued run applies them, records forced and who asked, and protected names stay', async () => {
    const protect = ['defaults:', '  protect: ["tool-000"]'];
    t.fixture.write([{ name: 'site', packages: packageNames(5) }], { topLines: protect });
    await t.start();
    const wait = ['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait', '--json'];
    await runCli(wait, t.fixture.env);
    // Upstream keeps one of five and tool-000 is protected: three deletes are 60%, over max_delete 50%.
    t.fixture.write([{ name: 'site', packages: ['tool-004'] }], { topLines: protect });

    const refused = await runCli(wait, t.fixture.env);
    const forced = await runCli([...wait, '--force'], t.fixture.env);

    expect(JSON.parse(refused.stdout).runs).toEqual([expect.objectContaining({ status: 'refused', deleted: 0, refused_deletes: 4 })]);
    expect(JSON.parse(refused.stdout).runs[0]).not.toHaveProperty('forced');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).runs).toEqual([expect.objectContaining({ status: 'succeeded', deleted: 3, refused_deletes: 1, forced: true })]);
    expect([...t.fixture.catalog('site').keys()].sort()).toEqual(['tool-000', 'tool-004']);
    const status = await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env);
    const [latest] = (JSON.parse(status.stdout) as { sources: Array<{ runs: Array<Record<string, unknown>> }> }).sources[0]!.runs;
    expect(latest).toMatchObject({ reason: 'trigger', forced: true, requested_by: expect.stringMatching(/^.+@.+$/) });
  });

  it('when trigger runs without --wait, then it prints the queued job and returns at once', async () => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--json'], t.fixture.env);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('note: no daemon replica is running; the run starts when one does');
    const { triggered } = JSON.parse(result.stdout) as { triggered: Array<{ source: string; job: string }> };
    expect(triggered).toEqual([{ source: 'site', job: expect.stringMatching(/^trigger-site-/) }]);
    // No daemon runs in this test: the request waits in the queue for one.
    const daemon = await t.start();
    await expect(waitForRun(daemon.queues.runs, triggered[0]!.job, { timeoutMs: 20_000 })).resolves.toMatchObject({ created: 1 });
  });

  it('when trigger --wait finds no daemon replica, then it exits 3 within seconds naming the reason, and queues nothing', async () => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);
    const started = Date.now();

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site', '--wait'], t.fixture.env);

    expect(result.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.stderr).toContain(`no daemon replica takes runs from Redis at ${t.fixture.redisUrl} with prefix ${t.fixture.prefix}: start \`catalog-sync daemon\``);
    const daemon = await t.start();
    expect(await daemon.queues.runs.getJobCounts('waiting', 'active', 'completed')).toEqual({ waiting: 0, active: 0, completed: 0 });
  });

  it.each([
    [['--source', 'nope'], 'unknown source "nope"; configured sources: site'],
    [[], 'name a source with --source NAME, or use --all'],
    [['--source', 'site', '--wait', '--timeout', 'soon'], '--timeout must be a duration'],
  ])('when trigger is called with %j, then it exits 1 with a clear message', async (extra, message) => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);

    const result = await runCli(['trigger', '--config', t.fixture.configFile, ...extra], t.fixture.env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('when Redis cannot be reached, then trigger fails fast naming Redis and never its password', async () => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);
    const config = readFileSync(t.fixture.configFile, 'utf8');
    writeFileSync(t.fixture.configFile, config.replace(/url: redis:\/\/[^\n]+/, 'url: redis://:s3cret-pass@127.0.0.1:1'));

    const result = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'site'], t.fixture.env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(result.stderr).not.toContain('s3cret-pass');
  });
});
