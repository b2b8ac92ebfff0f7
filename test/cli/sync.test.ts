import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestSourceYaml, startCliHarness, syncFixture, type CliHarness } from '../sync/cli-harness.js';

describe('catalog-sync sync', () => {
  let h: CliHarness;

  beforeEach(async () => {
    h = await startCliHarness();
  });
  afterEach(async () => h.close());

  const names = () => h.test.sandbox.state.listPackages().map((p) => p.name).sort();

  it('when --json is given, then each run is reported with exactly the documented keys and a resync changes nothing', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const first = await h.run(['sync', '--config', config, '--json']);
    const second = await h.run(['sync', '--config', config, '--json']);

    expect(first.code).toBe(0);
    const run = (JSON.parse(first.stdout) as { runs: Array<Record<string, unknown>> }).runs[0]!;
    expect(Object.keys(run)).toEqual(['source', 'status', 'created', 'updated', 'deleted', 'unchanged', 'failed', 'refused_deletes', 'errors', 'duration_ms']);
    expect(run).toMatchObject({ source: 'site', status: 'succeeded', created: 7, updated: 0, deleted: 0, unchanged: 0, failed: 0, refused_deletes: 0, errors: [] });
    expect(JSON.parse(second.stdout)).toMatchObject({ runs: [{ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 7 }] });
  });

  it('when upstream changed, then the readable summary gives the counts of what was done', async () => {
    const v1 = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));
    await h.run(['sync', '--config', v1]);
    const v2 = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v2.yaml')));

    const result = await h.run(['sync', '--config', v2]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sync site: succeeded - 1 created, 1 updated, 1 deleted, 5 unchanged, 0 failed, 0 refused deletes \(\d+\.\ds, run site-\S+\)\n$/);
    expect(names()).toEqual(['GROMACS', 'NewTool', 'OpenFOAM', 'Python', 'R', 'python-dateutil', 'zlib']);
  });

  it('when one source cannot be read, then the other is still synced and the exit code is 1', async () => {
    const config = h.writeConfig(
      [
        manifestSourceYaml('broken', syncFixture('broken.yaml'), { catalog: 'Broken' }),
        manifestSourceYaml('site', syncFixture('site-v1.yaml')),
      ].join('\n'),
    );

    const result = await h.run(['sync', '--config', config]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Sync broken: failed - 0 created/m);
    expect(result.stdout).toMatch(/^ {2}error: .*broken\.yaml/m);
    expect(result.stdout).toMatch(/^Sync site: succeeded - 7 created/m);
    expect(names()).toHaveLength(7);
  });

  it('when deletes exceed max_delete, then they are refused (exit 0) until --force applies them', async () => {
    const full = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));
    await h.run(['sync', '--config', full]);
    const empty = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v2.yaml'), { more: '    protect: []' }).replace('max_delete: 10', 'max_delete: 0'));

    const refused = await h.run(['sync', '--config', empty, '--json']);
    const forced = await h.run(['sync', '--config', empty, '--json', '--force']);

    expect(refused.code).toBe(0);
    expect(JSON.parse(refused.stdout)).toMatchObject({ runs: [{ status: 'refused', created: 1, deleted: 0, refused_deletes: 1 }] });
    expect(JSON.parse(forced.stdout)).toMatchObject({ runs: [{ status: 'succeeded', deleted: 1, refused_deletes: 0 }] });
    expect(names()).not.toContain('OldTool');
  });

  it('when the token may not write, then operations fail, the exit code is 1 and the token is nowhere in the output', async () => {
    const config = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));

    const result = await h.run(['sync', '--config', config, '--json'], { WALDUR_TOKEN: h.test.readOnlyToken });

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ runs: [{ source: 'site', status: 'failed' }] });
    expect(result.stdout + result.stderr).not.toContain(h.test.readOnlyToken);
  });

  it('when --exit-code-on-refused is given and a guard refuses deletes, then sync exits 4; a failure still exits 1', async () => {
    const full = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v1.yaml')));
    await h.run(['sync', '--config', full]);
    const shrunk = h.writeConfig(manifestSourceYaml('site', syncFixture('site-v2.yaml'), { more: '    protect: []' }).replace('max_delete: 10', 'max_delete: 0'));

    const plain = await h.run(['sync', '--config', shrunk, '--json']);
    const strict = await h.run(['sync', '--config', shrunk, '--json', '--exit-code-on-refused']);
    const withBroken = h.writeConfig(
      [
        manifestSourceYaml('site', syncFixture('site-v2.yaml'), { more: '    protect: []' }).replace('max_delete: 10', 'max_delete: 0'),
        manifestSourceYaml('broken', syncFixture('broken.yaml'), { catalog: 'Broken' }),
      ].join('\n'),
    );
    const failing = await h.run(['sync', '--config', withBroken, '--exit-code-on-refused']);

    expect(JSON.parse(strict.stdout)).toMatchObject({ runs: [{ status: 'refused', refused_deletes: 1 }] });
    expect([plain.code, strict.code, failing.code]).toEqual([0, 4, 1]);
  });

  it('when --source is given twice, then exactly those two sources run, in that order; an unknown one is named', async () => {
    const config = h.writeConfig(
      [
        manifestSourceYaml('a', syncFixture('site-v1.yaml'), { catalog: 'A' }),
        manifestSourceYaml('b', syncFixture('site-v1.yaml'), { catalog: 'B' }),
        manifestSourceYaml('c', syncFixture('site-v1.yaml'), { catalog: 'C' }),
      ].join('\n'),
    );

    const two = await h.run(['sync', '--config', config, '--json', '--source', 'c', '-s', 'a']);
    const unknown = await h.run(['sync', '--config', config, '--source', 'a', '--source', 'nope', '--source', 'zip']);

    expect(two.code).toBe(0);
    expect((JSON.parse(two.stdout) as { runs: Array<{ source: string }> }).runs.map((r) => r.source)).toEqual(['c', 'a']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown sources "nope", "zip"; configured sources: a, b, c');
  });
});
