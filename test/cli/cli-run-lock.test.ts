// With redis in the config, CLI `sync` and `apply` share the daemon's per-source lock and history
// (real Redis, the sandbox over HTTP, an in-process daemon where one must be running).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createRunState } from '../../src/jobs/create-run-state.js';
import { enqueueRun } from '../../src/jobs/enqueue-run.js';
import type { RunHistoryEntry } from '../../src/jobs/types.js';
import { waitForRun } from '../../src/jobs/wait-for-run.js';
import { packageNames, runCli, useDaemonFixture, waitUntil } from '../daemon/daemon-harness.js';

describe('CLI runs under the daemon lock and in its history', () => {
  const t = useDaemonFixture('cli-lock');

  const history = async (): Promise<RunHistoryEntry[]> => {
    const status = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--json'], t.fixture.env);
    return (JSON.parse(status.stdout) as { sources: Array<{ runs: RunHistoryEntry[] }> }).sources[0]!.runs;
  };

  it('when redis is configured, then sync and apply record their runs with reason cli, who asked and the applied plan', async () => {
    t.fixture.write([{ name: 'site', packages: packageNames(3) }]);
    const sync = await runCli(['sync', '--config', t.fixture.configFile, '--json'], t.fixture.env);
    t.fixture.write([{ name: 'site', packages: packageNames(4) }]);
    const planFile = join(t.fixture.dir, 'plan.json');
    await runCli(['plan', '--config', t.fixture.configFile, '--out', planFile], t.fixture.env);

    const apply = await runCli(['apply', planFile, '--config', t.fixture.configFile], t.fixture.env);

    expect(sync.code).toBe(0);
    expect(apply.code).toBe(0);
    const planId = (JSON.parse(readFileSync(planFile, 'utf8')) as { plan_id: string }).plan_id;
    const [applied, synced] = await history();
    expect(synced).toMatchObject({ reason: 'cli', status: 'succeeded', created: 3, requested_by: expect.stringMatching(/^.+@.+$/), job: `cli-${synced!.run}` });
    expect(synced).not.toHaveProperty('plan_id');
    // Listings leave operations out; one run with --run shows them.
    const shown = await runCli(['status', '--config', t.fixture.configFile, '--source', 'site', '--run', synced!.run, '--json'], t.fixture.env);
    const operations = (JSON.parse(shown.stdout) as { run: RunHistoryEntry }).run.operations!;
    expect(operations.map((op) => [op.kind, op.name, op.outcome])).toEqual(packageNames(3).map((name) => ['create', name, 'applied']));
    expect(operations.every((op) => /^[0-9a-f]{32}$/.test(op.uuid ?? ''))).toBe(true);
    const audit = sync.stderr.split('\n').filter((line) => line.includes('"msg":"applied"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((line) => [line.level, line.source, line.run, line.op, line.name]).sort()).toEqual(packageNames(3).map((name) => ['info', 'site', synced!.run, 'create', name]));
    expect(applied).toMatchObject({ reason: 'cli', status: 'succeeded', created: 1, plan_id: planId });
    // The lock is free again.
    t.daemon = await t.start();
    expect(await createRunState(t.daemon.queues).lock.holder('site')).toBeNull();
  });

  it('when a daemon run of the source is active, then sync --lock-timeout 0 refuses, and sync without it waits and runs after it', async () => {
    const names = packageNames(8);
    t.fixture.write([{ name: 'site', packages: names }], { concurrency: 1 });
    const daemon = await t.start();
    const state = createRunState(daemon.queues);
    // Slow writes keep the daemon's run active while the CLI comes.
    t.fixture.test.sandbox.setFaults({ latencyMs: 400 });
    const job = await enqueueRun(daemon.queues.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(async () => (await state.lock.holder('site')) === job, 10_000, 'the daemon run to hold the source');

    const refused = await runCli(['sync', '--config', t.fixture.configFile, '--lock-timeout', '0'], t.fixture.env);
    const stderr: string[] = [];
    const waiting = main(['node', 'catalog-sync', 'sync', '--config', t.fixture.configFile, '--json'], {
      stdout: sink([]),
      stderr: sink(stderr),
      env: t.fixture.env,
    });
    await waitUntil(() => stderr.join('').includes('site: waiting for run '), 10_000, 'the CLI to wait');
    t.fixture.test.sandbox.setFaults({ latencyMs: 0 });
    const waited = await waiting;

    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^Sync site: failed - 0 created, 0 updated, 0 deleted, 0 unchanged/);
    expect(refused.stdout).toMatch(/error: source site is busy: run site-\S+ \(job trigger-site-\S+, trigger\) is active; nothing was done for it/);
    expect(stderr.join('')).toContain(`(job ${job}, trigger) to end (up to 600s, --lock-timeout)`);
    expect(waited).toBe(0);
    const daemonRun = await waitForRun(daemon.queues.runs, job, { timeoutMs: 20_000 });
    const runs = await history();
    expect(runs.map((r) => r.reason)).toEqual(['cli', 'trigger']);
    expect(Date.parse(runs[0]!.started_at)).toBeGreaterThanOrEqual(Date.parse(daemonRun.finished_at));
    expect(runs[0]).toMatchObject({ created: 0, unchanged: 8 });
    expect([...t.fixture.catalog('site').keys()].sort()).toEqual(names);
  });

  it('when a daemon run queues behind a CLI sync, then it starts as the CLI run ends, not at its next poll', async () => {
    // Arrange: the daemon's follow-up poll is a minute, so only a wake-up starts it sooner.
    const names = packageNames(6);
    t.fixture.write([{ name: 'site', packages: names }], { concurrency: 1 });
    const daemon = await t.start({ followUpPollMs: 60_000 });
    const state = createRunState(daemon.queues);
    t.fixture.test.sandbox.setFaults({ latencyMs: 300 });
    const cli = main(['node', 'catalog-sync', 'sync', '--config', t.fixture.configFile, '--json'], { stdout: sink([]), stderr: sink([]), env: t.fixture.env });
    await waitUntil(async () => (await state.lock.holder('site'))?.startsWith('cli-') === true, 10_000, 'the CLI run to hold the source');
    const job = await enqueueRun(daemon.queues.runs, { source: 'site', reason: 'trigger' });
    await waitUntil(async () => (await daemon.queues.runs.getJob(job))?.isDelayed() ?? false, 10_000, 'the daemon run to queue behind it');

    // Act
    t.fixture.test.sandbox.setFaults({ latencyMs: 0 });
    const code = await cli;
    const daemonRun = await waitForRun(daemon.queues.runs, job, { timeoutMs: 20_000 });

    // Assert
    expect(code).toBe(0);
    expect(daemonRun).toMatchObject({ status: 'succeeded', unchanged: names.length });
    expect((await history()).map((r) => r.reason)).toEqual(['trigger', 'cli']);
  });

  it('when redis is configured but unreachable, then sync fails naming --no-redis and writes nothing, and --no-redis syncs without it', async () => {
    t.fixture.write([{ name: 'site', packages: packageNames(2) }]);
    writeFileSync(t.fixture.configFile, readFileSync(t.fixture.configFile, 'utf8').replace(/url: redis:\/\/[^\n]+/, 'url: redis://127.0.0.1:1'));

    const failed = await runCli(['sync', '--config', t.fixture.configFile], t.fixture.env);
    const writesBefore = t.fixture.test.sandbox.stats.writesApplied;
    const without = await runCli(['sync', '--config', t.fixture.configFile, '--no-redis'], t.fixture.env);

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(failed.stderr).toContain('pass --no-redis to run without them');
    expect(writesBefore).toBe(0);
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/^Sync site: succeeded - 2 created/);
  });
});

function sink(into: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      into.push(String(chunk));
      done();
    },
  });
}
