import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { prepareRun } from '../../src/sync/prepare-run.js';
import { runSync, type RunSyncOptions } from '../../src/sync/run-sync.js';
import { createWaldurClient } from '../../src/waldur/create-waldur-client.js';
import { fixture, manifestSource, startSyncHarness, type SyncHarness } from './sync-harness.js';

const options: RunSyncOptions = { runId: 'site-run', force: false, concurrency: 4, rateLimitPerSecond: null, retry: { baseDelayMs: 5, maxDelayMs: 50 } };
const v1 = manifestSource(fixture('site-v1.yaml'));
const v2 = manifestSource(fixture('site-v2.yaml'));

/**
 * Deterministic fault dice (a golden-ratio sequence: evenly spread over [0, 1)), so a failure
 * reproduces; the offset picks a different run of faults.
 */
function faultDice(offset: number): () => number {
  let i = offset;
  return () => {
    i += 1;
    return (i * 0.6180339887498949) % 1;
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeManifest(name: string, packages: Array<{ name: string; description: string; homepage?: string | null }>): string {
  const file = join(dir, name);
  writeFileSync(file, stringify({ manifest_version: 1, packages }));
  return file;
}

describe('runSync', () => {
  let h: SyncHarness;

  beforeEach(async () => {
    h = await startSyncHarness();
  });
  afterEach(async () => h.close());

  const writes = () => ['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => h.test.sandbox.stats.count(m));
  const catalogUuid = () => h.test.sandbox.state.listCatalogs()[0]!.uuid;

  it('when a catalog is synced twice, then the second run plans and writes nothing (convergence)', async () => {
    const first = await runSync(v1, h.deps, options);
    h.test.sandbox.stats.reset();

    const second = await runSync(v1, h.deps, { ...options, runId: 'site-run-2' });

    expect(first).toMatchObject({ status: 'succeeded', created: 7, updated: 0, deleted: 0, failed: 0, errors: [] });
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, deleted: 0, unchanged: 7, failed: 0 });
    expect(writes()).toEqual([0, 0, 0, 0]);
    expect(h.contents(catalogUuid())).toContainEqual({ name: 'python-dateutil', description: 'Extensions to the standard Python datetime module.', homepage: 'https://github.com/dateutil/dateutil' });
    expect(h.test.sandbox.state.listPackages(catalogUuid()).find((p) => p.name === 'python-dateutil')?.isExtension).toBe(true);
  });

  it('when upstream adds, removes and changes packages, then exactly those operations run and whitespace-only changes write nothing', async () => {
    await runSync(v1, h.deps, options);
    h.test.sandbox.stats.reset();

    const plan = (await prepareRun(v2, h.deps, { runId: 'p', force: false, apply: false })).plan;
    const report = await runSync(v2, h.deps, { ...options, runId: 'site-run-2' });

    expect(plan.create.map((o) => o.name)).toEqual(['NewTool']);
    expect(plan.update.map((o) => [o.name, o.changes.map((c) => c.field)])).toEqual([['GROMACS', ['description']]]);
    expect(plan.delete.map((o) => o.name)).toEqual(['OldTool']);
    expect(report).toMatchObject({ status: 'succeeded', created: 1, updated: 1, deleted: 1, unchanged: 5 });
    expect(writes()).toEqual([1, 0, 1, 1]);
    expect(h.contents(catalogUuid()).map((p) => p.name)).toEqual(['GROMACS', 'NewTool', 'OpenFOAM', 'Python', 'R', 'python-dateutil', 'zlib']);
  });

  it.each([
    ['an empty source', 'empty.yaml', 'refused'],
    ['an unreadable source', 'broken.yaml', 'failed'],
  ])('when %s is synced, then nothing is deleted', async (_what, file, status) => {
    await runSync(v1, h.deps, options);
    h.test.sandbox.stats.reset();

    const report = await runSync(manifestSource(fixture(file)), h.deps, { ...options, runId: 'site-run-2' });

    expect(report.status).toBe(status);
    expect(report.deleted).toBe(0);
    expect(writes()).toEqual([0, 0, 0, 0]);
    expect(h.contents(catalogUuid())).toHaveLength(7);
  });

  it('when an unreadable source fails the run, then the report says why', async () => {
    const report = await runSync(manifestSource(fixture('broken.yaml')), h.deps, options);

    expect(report).toMatchObject({ status: 'failed', created: 0, failed: 0, refused_deletes: 0 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toContain('broken.yaml');
  });

  it('when deletes exceed max_delete, then the run is refused, and with force they are applied', async () => {
    await runSync(v1, h.deps, options);
    const shrunk = manifestSource(writeManifest('two.yaml', [{ name: 'R', description: 'Language and environment for statistical computing.' }]), {
      prune: { maxDelete: { kind: 'percent', value: 50 } },
    });

    const refused = await runSync(shrunk, h.deps, options);
    const forced = await runSync(shrunk, h.deps, { ...options, force: true });

    expect(refused).toMatchObject({ status: 'refused', deleted: 0, refused_deletes: 6 });
    expect(forced).toMatchObject({ status: 'succeeded', deleted: 6, refused_deletes: 0 });
    expect(h.contents(catalogUuid()).map((p) => p.name)).toEqual(['R']);
  });

  it('when another catalog holds the same names, then a sync with pruning never touches it', async () => {
    const other = h.test.sandbox.state.addCatalog({ name: 'Site modules', version: '2025.1', catalogType: 'binary_runtime' });
    for (const name of ['GROMACS', 'Legacy']) h.test.sandbox.state.addPackage(other.uuid, { name, description: 'theirs' });
    const before = structuredClone(h.test.sandbox.state.listPackages(other.uuid));

    await runSync(v1, h.deps, options);
    await runSync(manifestSource(writeManifest('one.yaml', [{ name: 'R', description: 'r' }]), { prune: { maxDelete: { kind: 'count', value: 100 } } }), h.deps, options);

    expect(h.test.sandbox.state.listPackages(other.uuid)).toEqual(before);
  });

  it('when the server loses 5% of write responses and fails 10% of requests, then the catalog ends exactly as desired without duplicates', async () => {
    // Arrange: a catalog with stale, extra and missing packages, and a flaky server.
    const wanted = Array.from({ length: 60 }, (_, i) => ({
      name: `pkg-${String(i).padStart(3, '0')}`,
      description: `Package ${i}`,
      homepage: i % 3 === 0 ? null : `https://pkg${i}.example.org`,
    }));
    const catalog = await h.seedCatalog();
    for (const p of wanted.slice(0, 20)) h.test.sandbox.state.addPackage(catalog.uuid, { ...p, description: 'stale' });
    for (let i = 0; i < 10; i += 1) h.test.sandbox.state.addPackage(catalog.uuid, { name: `extra-${i}` });
    const source = manifestSource(writeManifest('flaky.yaml', wanted), { prune: { maxDelete: { kind: 'count', value: 50 } } });
    h.test.sandbox.setFaults({ lostWriteRate: 0.05, errorRate: 0.1, random: faultDice(42) });

    // Act
    const report = await runSync(source, h.deps, { ...options, concurrency: 6 });
    h.test.sandbox.setFaults({ lostWriteRate: 0, errorRate: 0 });
    const after = await prepareRun(source, h.deps, { runId: 'check', force: false, apply: false });

    // Assert
    expect(h.test.sandbox.stats.injected.lostWrites).toBeGreaterThan(0);
    expect(h.test.sandbox.stats.injected.errors).toBeGreaterThan(0);
    expect(report).toMatchObject({ status: 'succeeded', failed: 0 });
    expect(h.contents(catalog.uuid)).toEqual(wanted.map((p) => ({ ...p, homepage: p.homepage ?? null })));
    expect(after.plan.create.length + after.plan.update.length + after.plan.delete.length).toBe(0);
  });

  it('when the server rate-limits writes, then the run waits and still converges', async () => {
    h.test.sandbox.setFaults({ rateLimitRate: 0.3, retryAfterSeconds: 0, random: faultDice(7) });

    const report = await runSync(v1, h.deps, options);

    expect(h.test.sandbox.stats.injected.rateLimited).toBeGreaterThan(0);
    expect(report).toMatchObject({ status: 'succeeded', created: 7, failed: 0 });
  });

  it('when the token may not write, then the run fails fast and neither the report nor the log contains the token', async () => {
    await h.seedCatalog();
    const reader = createWaldurClient({ url: h.test.url, token: h.test.readOnlyToken, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
    const report = await runSync(v1, { ...h.deps, client: reader }, { ...options, concurrency: 2 });
    await reader.close();

    expect(report).toMatchObject({ status: 'failed', created: 0, failed: 7 });
    expect(h.test.sandbox.stats.count('POST')).toBeLessThanOrEqual(2);
    expect(report.errors.filter((e) => e.includes('not sent'))).toHaveLength(5);
    const everything = JSON.stringify(report) + h.logLines.join('');
    expect(everything).not.toContain(h.test.readOnlyToken);
    expect(everything).not.toContain(h.test.token);
  });

  it('when a run is cancelled, then it stops taking operations and reports them as failed', async () => {
    const controller = new AbortController();
    controller.abort();

    const report = await runSync(v1, h.deps, { ...options, signal: controller.signal });

    expect(report.status).toBe('failed');
    expect(report.errors.join('\n')).toContain('cancelled');
    expect(h.test.sandbox.stats.count('POST')).toBe(0);
  });

  it('when logging a run, then every line carries the source and run id', async () => {
    await runSync(v1, h.deps, { ...options, runId: 'site-20260101T000000000Z-abcdef' });

    const lines = h.logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatchObject({ source: 'site', run: 'site-20260101T000000000Z-abcdef' });
  });
});
