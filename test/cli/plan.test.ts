import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestSourceYaml, startCliHarness, syncFixture, type CliHarness } from '../sync/cli-harness.js';

describe('catalog-sync plan', () => {
  let h: CliHarness;

  beforeEach(async () => {
    h = await startCliHarness();
  });
  afterEach(async () => h.close());

  it('when the catalog is missing and create is true, then the plan shows its creation and every package, exits 2 and writes nothing', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const result = await h.run(['plan', '--config', config, '--detailed-exitcode']);

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('  + catalog "Site modules" 2026.1 (binary_runtime) (will be created)\n  + GROMACS\n  + OldTool\n');
    expect(result.stdout).toContain('Plan for site (Site modules 2026.1, new catalog): 7 to create, 0 to update, 0 to delete, 0 refused, 0 unchanged\n');
    expect(h.writes()).toBe(0);
    expect(h.test.sandbox.state.listCatalogs()).toEqual([]);
  });

  it('when there are changes but no --detailed-exitcode, then it exits 0', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const result = await h.run(['plan', '--config', config]);

    expect(result.code).toBe(0);
  });

  it('when the catalog is in sync, then the plan shows no changes and --detailed-exitcode exits 0', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));
    expect((await h.run(['sync', '--config', config])).code).toBe(0);
    h.test.sandbox.stats.reset();

    const result = await h.run(['plan', '--config', config, '--detailed-exitcode']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 to create, 0 to update, 0 to delete, 0 refused, 7 unchanged\n');
    // Versions cannot be written over REST: a synced catalog still shows them as drift.
    expect(result.stdout).toContain('Version drift (read-only, 7 packages): 8 versions and 0 targets upstream missing in Waldur;');
    expect(h.writes()).toBe(0);
  });

  it('when --json is given, then stdout is exactly one JSON object with the documented keys', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const result = await h.run(['plan', '--config', config, '--json']);

    const parsed = JSON.parse(result.stdout) as { plans: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['format_version', 'plans']);
    expect(Object.keys(parsed.plans[0]!)).toEqual(['source', 'catalog', 'create', 'update', 'delete', 'refused_delete', 'unchanged', 'skipped', 'version_drift']);
    expect(parsed.plans[0]).toMatchObject({ source: 'site', unchanged: 0, delete: [], update: [], refused_delete: [] });
    expect((parsed.plans[0]!.create as unknown[]).length).toBe(7);
  });

  it('when one source cannot be read, then the others are still planned and it exits 1', async () => {
    const config = h.writeConfig(
      [
        manifestSourceYaml('broken', syncFixture('broken.yaml'), { catalog: 'Broken' }),
        manifestSourceYaml('site', syncFixture('site-v1.yaml')),
      ].join('\n'),
    );

    const text = await h.run(['plan', '--config', config, '--detailed-exitcode']);
    const json = await h.run(['plan', '--config', config, '--json']);

    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Source broken: not planned: .*broken\.yaml/m);
    expect(text.stdout).toContain('Plan for site (Site modules 2026.1, new catalog): 7 to create');
    const parsed = JSON.parse(json.stdout) as { plans: Array<{ source: string }>; errors: Array<{ source: string; error: string }> };
    expect(parsed.plans.map((p) => p.source)).toEqual(['site']);
    expect(parsed.errors.map((e) => e.source)).toEqual(['broken']);
  });

  it('when --source names one source, then only that one is planned; an unknown name is an error', async () => {
    const config = h.writeConfig(
      [manifestSourceYaml('one', syncFixture('site-v1.yaml'), { catalog: 'One' }), manifestSourceYaml('two', syncFixture('site-v2.yaml'), { catalog: 'Two' })].join('\n'),
    );

    const picked = await h.run(['plan', '--config', config, '--source', 'two', '--json']);
    const unknown = await h.run(['plan', '--config', config, '--source', 'three']);

    expect((JSON.parse(picked.stdout) as { plans: Array<{ source: string }> }).plans.map((p) => p.source)).toEqual(['two']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown source "three"; configured sources: one, two');
  });

  it('when planning, then logs are JSON lines on stderr with source and run, and never contain the token', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const result = await h.run(['plan', '--config', config]);

    const lines = result.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'planned')).toMatchObject({ source: 'site', create: 7 });
    expect(lines.find((l) => l.msg === 'planned')!.run).toMatch(/^site-\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    for (const raw of result.stderr.trim().split('\n')) expect(raw.match(/"run":/g)).toHaveLength(1);
    expect(result.stderr + result.stdout).not.toContain(h.test.token);
    expect(result.stdout).not.toContain('"level"');
  });
});
