// `plan --out FILE` then `apply FILE`: exactly the reviewed operations, or nothing when anything
// the plan touches changed since (against the real sandbox over HTTP).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestSourceYaml, startCliHarness, syncFixture, type CliHarness } from '../sync/cli-harness.js';

describe('catalog-sync plan --out and apply', () => {
  let h: CliHarness;
  let planFile: string;

  beforeEach(async () => {
    h = await startCliHarness();
    planFile = join(h.dir, 'reviewed-plan.json');
  });
  afterEach(async () => h.close());

  const state = () =>
    Object.fromEntries(h.test.sandbox.state.listPackages().map((p) => [p.name, p.description]));
  const findPackage = (name: string) => h.test.sandbox.state.listPackages().find((p) => p.name === name)!;

  /** v1 synced, then a plan of v2 saved: 1 create (NewTool), 1 update (GROMACS), 1 delete (OldTool). */
  async function savePlanOfV2(): Promise<string> {
    await h.run(['sync', '--config', h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')))]);
    const v2 = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v2.yaml')));
    const planned = await h.run(['plan', '--config', v2, '--out', planFile]);
    expect(planned.code).toBe(0);
    h.test.sandbox.stats.reset();
    return v2;
  }

  it('when a plan is saved, then the file holds each operation with the Waldur values it came from, the catalog, the upstream fingerprint and the guards', async () => {
    await savePlanOfV2();

    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, any>;

    expect(Object.keys(plan)).toEqual(['format_version', 'plan_id', 'created_at', 'created_by', 'waldur_url', 'sources']);
    expect(plan).toMatchObject({ format_version: 1, plan_id: expect.stringMatching(/^plan-\d{8}T\d{9}Z-[0-9a-f]{6}$/), waldur_url: h.test.url });
    expect(plan.created_by).toMatch(/^.+@.+$/);
    const [source] = plan.sources;
    const gromacs = findPackage('GROMACS');
    expect(source.catalog).toEqual({ name: 'Site modules', version: '2026.1', type: 'binary_runtime', uuid: gromacs.catalogUuid, will_create: false });
    expect(source.upstream).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), packages: 7 });
    expect(source.guards).toEqual({ prune: { enabled: true, max_delete: 10, allow_empty: false }, protect: [], force: false });
    expect(source.operations).toEqual([
      { kind: 'create', name: 'NewTool', new: { description: 'A tool the site has just installed.', homepage: 'https://newtool.example.org', is_extension: false } },
      {
        kind: 'update',
        name: 'GROMACS',
        uuid: gromacs.uuid,
        new: { description: 'A free and open-source molecular dynamics package.', homepage: 'https://www.gromacs.org' },
        changes: { description: { old: gromacs.description, new: 'A free and open-source molecular dynamics package.' } },
        waldur: { description: gromacs.description, homepage: 'https://www.gromacs.org', modified: gromacs.modified },
      },
      { kind: 'delete', name: 'OldTool', uuid: findPackage('OldTool').uuid, waldur: { description: 'A tool the site is about to retire.', homepage: null, modified: findPackage('OldTool').modified } },
    ]);
    expect(source).toMatchObject({ source: 'site', refused_delete: [], unchanged: 5 });
  });

  it('when upstream changes after the plan was saved, then apply writes exactly the saved operations without reading upstream', async () => {
    await savePlanOfV2();
    // Upstream now wants something else again: the reviewed plan still applies as reviewed.
    const v1 = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const applied = await h.run(['apply', planFile, '--config', v1, '--json']);

    expect(applied.code).toBe(0);
    const run = (JSON.parse(applied.stdout) as { runs: Array<Record<string, unknown>> }).runs[0]!;
    expect(Object.keys(run)).toEqual(['source', 'status', 'created', 'updated', 'deleted', 'unchanged', 'failed', 'refused_deletes', 'errors', 'duration_ms']);
    expect(run).toMatchObject({ source: 'site', status: 'succeeded', created: 1, updated: 1, deleted: 1, unchanged: 5, failed: 0 });
    expect(state()).toMatchObject({ GROMACS: 'A free and open-source molecular dynamics package.', NewTool: 'A tool the site has just installed.' });
    expect(state()).not.toHaveProperty('OldTool');
    expect(h.writes()).toBe(3);
  });

  it('when the same plan is applied twice, then the second attempt is stale, exits 1 and writes nothing', async () => {
    const v2 = await savePlanOfV2();

    const first = await h.run(['apply', planFile, '--config', v2]);
    const writesAfterFirst = h.writes();
    const second = await h.run(['apply', planFile, '--config', v2]);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Sync site: succeeded - 1 created, 1 updated, 1 deleted/);
    expect(writesAfterFirst).toBe(3);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('the plan is stale: ');
    expect(second.stderr).toContain('site: create "NewTool" the name is taken now');
    expect(second.stderr).toContain('site: update "GROMACS" description changed since the plan');
    expect(second.stderr).toContain('site: delete "OldTool" already gone');
    expect(second.stderr).toContain('Nothing was written');
    expect(h.writes()).toBe(3);
  });

  it('when one package the plan touches was edited since, then nothing at all is written and the stale package is named in the JSON', async () => {
    const v2 = await savePlanOfV2();
    const before = state();
    h.test.sandbox.state.updatePackage(findPackage('OldTool').uuid, { homepage: 'https://oldtool.example.org' });

    const result = await h.run(['apply', planFile, '--config', v2, '--json']);

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      format_version: 1,
      runs: [],
      stale: [{ source: 'site', kind: 'delete', name: 'OldTool', uuid: findPackage('OldTool').uuid, reason: 'homepage changed since the plan' }],
    });
    expect(result.stderr).toMatch(/catalog-sync: the plan is stale: site: delete "OldTool" homepage changed since the plan\. Nothing was written: run `catalog-sync plan --out .*` again/);
    expect(h.writes()).toBe(0);
    expect(state()).toEqual(before);
  });

  it('when the catalog was replaced by another one of the same name since, then the plan is stale and nothing is written', async () => {
    const v2 = await savePlanOfV2();
    const { catalogUuid } = findPackage('GROMACS');
    for (const pkg of h.test.sandbox.state.listPackages(catalogUuid)) h.test.sandbox.state.deletePackage(pkg.uuid);
    h.test.sandbox.state.deleteCatalog(catalogUuid);
    const replacement = h.test.sandbox.state.addCatalog({ name: 'Site modules', version: '2026.1', catalogType: 'binary_runtime' });
    h.test.sandbox.stats.reset();

    const result = await h.run(['apply', planFile, '--config', v2]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`is a different catalog now (uuid ${replacement.uuid}, planned against ${catalogUuid})`);
    expect(h.writes()).toBe(0);
  });

  it('when the file is not a plan of this format, then apply says what is wrong and writes nothing', async () => {
    const v2 = await savePlanOfV2();
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(planFile, JSON.stringify({ ...plan, format_version: 2 }));
    const newer = await h.run(['apply', planFile, '--config', v2]);
    writeFileSync(planFile, JSON.stringify({ ...plan, sources: [{ ...(plan.sources as object[])[0], operations: [{ kind: 'update', name: 'x' }] }] }));
    const broken = await h.run(['apply', planFile, '--config', v2]);

    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain('has format_version 2; this catalog-sync reads format_version 1');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/is not a valid saved plan: sources\[0\]\.operations\[0\]\.uuid: /);
    expect(h.writes()).toBe(0);
  });

  it('when a source cannot be planned, then no plan file is written and the exit code is 1', async () => {
    const config = h.writeConfig(
      [manifestSourceYaml('broken', syncFixture('broken.yaml'), { catalog: 'Broken' }), manifestSourceYaml('site', syncFixture('site-v1.yaml'))].join('\n'),
    );

    const result = await h.run(['plan', '--config', config, '--out', planFile]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the plan was not saved to ${planFile}: 1 source(s) could not be planned`);
    expect(() => readFileSync(planFile)).toThrow(/ENOENT/);
  });
});
