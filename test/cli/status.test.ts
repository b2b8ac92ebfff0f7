import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/jobs/read-status.js';
import { runCli, useDaemonFixture, waitUntil } from '../daemon/daemon-harness.js';

describe('catalog-sync status', () => {
  const t = useDaemonFixture('status');

  it('when runs have finished, then status shows per source its last runs, last success, schedule and queue counts', async () => {
    t.fixture.write([
      { name: 'nightly', packages: ['n1', 'n2'], schedule: '0 3 * * *' },
      { name: 'manual', packages: ['m1'] },
    ]);
    await t.start();
    // Never synced: the scheduled source gets its catch-up run at start.
    await waitUntil(async () => {
      const result = await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env);
      return (JSON.parse(result.stdout) as StatusReport).sources[0]!.runs.length === 1;
    }, 20_000, 'the catch-up run');
    t.fixture.test.sandbox.setFaults({ errorRate: 1 });
    await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'manual', '--wait'], t.fixture.env);

    const json = await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env);
    const text = await runCli(['status', '--config', t.fixture.configFile], t.fixture.env);

    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout) as StatusReport;
    const [nightly, manual] = status.sources;
    expect(nightly).toMatchObject({
      source: 'nightly',
      schedule: '0 3 * * *',
      active: null,
      follow_up: null,
      runs: [expect.objectContaining({ status: 'succeeded', created: 2, reason: 'catch-up' })],
    });
    expect(nightly!.last_success).toBe(nightly!.runs[0]!.finished_at);
    expect(Date.parse(nightly!.next_run!)).toBeGreaterThan(Date.now());
    expect(manual).toMatchObject({ source: 'manual', schedule: null, next_run: null, last_success: null });
    expect(manual!.runs[0]).toMatchObject({ status: 'failed', reason: 'trigger' });
    expect(manual!.runs[0]!.errors[0]).toMatch(/500|server error/i);
    expect(status.queues.runs.completed).toBe(2);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('nightly: schedule "0 3 * * *"');
    expect(text.stdout).toContain('manual: on demand only (no schedule)');
    expect(text.stdout).toMatch(/ succeeded +\+2 ~0 -0 =0 .*\(catch-up\)/);
    expect(text.stdout).toContain('  last success: never');
    expect(text.stdout).toContain('queue runs: waiting 0, active 0');
    // This process runs the daemon: its workers are the one replica.
    expect(status.replicas).toEqual([
      { name: `${hostname()}:${process.pid}`, host: hostname(), pid: process.pid, started: expect.any(String), queues: ['ops', 'runs'] },
    ]);
    expect(Date.now() - Date.parse(status.replicas![0]!.started)).toBeLessThan(120_000);
    expect(text.stdout).toMatch(new RegExp(`^daemon replicas: 1 alive\n  ${hostname()} pid ${process.pid}, connected since .* \\(\\d+s ago\\), queues ops, runs\n`));
  });

  it('when --run names a run of the history, then status shows that run alone; an unknown one, or --run without --source, is an error', async () => {
    t.fixture.write([{ name: 'site', packages: ['s1', 's2'] }]);
    await runCli(['sync', '--config', t.fixture.configFile], t.fixture.env);
    const listed = JSON.parse((await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env)).stdout) as StatusReport;
    const runId = listed.sources[0]!.runs[0]!.run;

    const json = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', runId, '--json'], t.fixture.env);
    const text = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', runId], t.fixture.env);
    const unknown = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', 'site-nope'], t.fixture.env);
    const noSource = await runCli(['status', '--config', t.fixture.configFile, '--run', runId], t.fixture.env);

    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ format_version: 1, run: { ...listed.sources[0]!.runs[0], operations: [expect.objectContaining({ name: 's1' }), expect.objectContaining({ name: 's2' })] } });
    expect(text.stdout).toMatch(new RegExp(`^Run ${runId} of site: succeeded \\(cli, requested by .+@.+\\)\n`));
    expect(text.stdout).toContain('  2 created, 0 updated, 0 deleted, 0 unchanged, 0 failed, 0 refused deletes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no run "site-nope" in the history of site (it keeps the last 50 runs)');
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toContain('--run needs --source NAME');
  });

  it('when no daemon replica is alive, then status says so, with replicas [] in JSON, and exits 3', async () => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);

    const json = await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env);
    const text = await runCli(['status', '--config', t.fixture.configFile], t.fixture.env);

    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ replicas: [], sources: [expect.objectContaining({ source: 'site' })] });
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^daemon replicas: none alive: no daemon takes jobs from this Redis and prefix\n/);
  });

  it('when the daemon stops, then the next status no longer lists it', async () => {
    t.fixture.write([{ name: 'site', packages: ['x'] }]);
    const daemon = await t.start();
    expect((await runCli(['status', '--config', t.fixture.configFile], t.fixture.env)).code).toBe(0);

    await daemon.stop();
    const after = await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env);

    expect(after.code).toBe(3);
    expect(JSON.parse(after.stdout).replicas).toEqual([]);
  });

  it('when a run is in progress, then status shows it as active', async () => {
    t.fixture.write([{ name: 'slow', packages: ['s1', 's2', 's3', 's4'] }]);
    t.fixture.test.sandbox.setFaults({ latencyMs: 400 });
    await t.start();
    await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'slow'], t.fixture.env);

    let status: StatusReport | undefined;
    await waitUntil(async () => {
      status = JSON.parse((await runCli(['status', '--config', t.fixture.configFile, '--json'], t.fixture.env)).stdout) as StatusReport;
      return status.sources[0]!.active !== null;
    }, 20_000, 'an active run');

    expect(status!.sources[0]!.active).toMatchObject({ job: expect.stringMatching(/^trigger-slow-/), run: expect.stringMatching(/^slow-/) });
  });

  it('when WALDUR_TOKEN is not set, then trigger --wait and status still work (they only talk to Redis)', async () => {
    // Arrange: the daemon has the token; the operator's shell does not.
    t.fixture.write([{ name: 'tokenless', packages: ['t1'] }]);
    await t.start();
    const { WALDUR_TOKEN: _omitted, ...envWithoutToken } = t.fixture.env;

    // Act
    const trigger = await runCli(['trigger', '--config', t.fixture.configFile, '--source', 'tokenless', '--wait', '--json'], envWithoutToken);
    const status = await runCli(['status', '--config', t.fixture.configFile, '--json'], envWithoutToken);

    // Assert
    expect(trigger.stderr).not.toContain('WALDUR_TOKEN');
    expect(trigger.code).toBe(0);
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as StatusReport).sources[0]!.runs[0]).toMatchObject({ status: 'succeeded', created: 1 });
  });
});
