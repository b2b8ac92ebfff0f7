import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, SourceError } from '../../src/errors.js';
import { prepareRun } from '../../src/sync/prepare-run.js';
import type { PrepareStage } from '../../src/sync/types.js';
import type { SyncMetrics } from '../../src/metrics/types.js';
import { createNoopMetrics } from '../../src/metrics/create-noop-metrics.js';
import { runSync } from '../../src/sync/run-sync.js';
import { CATALOG, fixture, manifestSource, startSyncHarness, type SyncHarness } from './sync-harness.js';

const planOnly = { runId: 'site-test-1', force: false, apply: false };

describe('prepareRun', () => {
  let h: SyncHarness;

  beforeEach(async () => {
    h = await startSyncHarness();
  });
  afterEach(async () => h.close());

  const writes = () => ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((n, m) => n + h.test.sandbox.stats.count(m), 0);

  it('when the catalog is missing and create is true, then a plan shows its creation and every package as a create, writing nothing', async () => {
    const prepared = await prepareRun(manifestSource(fixture('site-v1.yaml')), h.deps, planOnly);

    expect(prepared.catalog).toBeNull();
    expect(prepared.catalogKey).toEqual({ name: CATALOG.name, version: CATALOG.version, type: CATALOG.type, willCreate: true });
    expect(prepared.plan.create.map((op) => op.name)).toEqual(['GROMACS', 'OldTool', 'OpenFOAM', 'Python', 'R', 'python-dateutil', 'zlib']);
    expect(prepared.plan.versionDrift.missingVersions).toBe(8);
    expect(writes()).toBe(0);
    expect(h.test.sandbox.state.listCatalogs()).toEqual([]);
  });

  it('when the catalog is missing and create is false, then the error names the catalog key and the source', async () => {
    const source = manifestSource(fixture('site-v1.yaml'), { catalog: { create: false } });

    const error = await prepareRun(source, h.deps, planOnly).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      'catalog "Site modules" version "2026.1" (type binary_runtime) of source "site" does not exist in Waldur; ' +
        'create it, fix the catalog name/version/type, or set catalog.create: true',
    );
    expect(writes()).toBe(0);
  });

  it('when the catalog is missing and the run applies, then the catalog is created once', async () => {
    const prepared = await prepareRun(manifestSource(fixture('site-v1.yaml')), h.deps, { ...planOnly, apply: true });

    expect(prepared.catalogCreated).toBe(true);
    expect(h.test.sandbox.state.listCatalogs()).toMatchObject([{ name: CATALOG.name, version: CATALOG.version, catalogType: CATALOG.type }]);
    expect(prepared.catalog?.uuid).toBe(h.test.sandbox.state.listCatalogs()[0]!.uuid);
    expect(prepared.plan.create).toHaveLength(7);
  });

  it.each(['broken.yaml', 'does-not-exist.yaml'])('when the source %s cannot be read, then it throws and nothing is written', async (file) => {
    const catalog = await h.seedCatalog();
    h.test.sandbox.state.addPackage(catalog.uuid, { name: 'Keep' });
    const source = manifestSource(fixture(file), { prune: { allowEmpty: true } });

    const error = await prepareRun(source, h.deps, planOnly).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SourceError);
    expect(writes()).toBe(0);
    expect(h.contents(catalog.uuid).map((p) => p.name)).toEqual(['Keep']);
  });

  it('when another catalog has packages, then they are neither listed nor planned for deletion', async () => {
    const catalog = await h.seedCatalog();
    const other = h.test.sandbox.state.addCatalog({ name: CATALOG.name, version: '2025.1', catalogType: CATALOG.type });
    h.test.sandbox.state.addPackage(other.uuid, { name: 'Theirs' });
    h.test.sandbox.state.addPackage(catalog.uuid, { name: 'Ours' });

    const prepared = await prepareRun(manifestSource(fixture('site-v1.yaml')), h.deps, planOnly);

    expect(prepared.plan.delete.map((op) => op.name)).toEqual(['Ours']);
  });

  it('when the catalog is in sync, then planning costs the catalog lookup and one list page, nothing else', async () => {
    const source = manifestSource(fixture('site-v1.yaml'));
    await runSync(source, h.deps, { runId: 'site-test-0', force: false, concurrency: 4, rateLimitPerSecond: null });
    h.test.sandbox.stats.reset();

    const prepared = await prepareRun(source, h.deps, planOnly);

    expect(prepared.plan.unchanged).toBe(7);
    expect(h.test.sandbox.stats.total).toBe(2);
    expect(h.test.sandbox.stats.count('GET', '/api/marketplace-software-catalogs/')).toBe(1);
    expect(h.test.sandbox.stats.count('GET', '/api/marketplace-software-packages/')).toBe(1);
  });

  it('when deletes are refused, then the plan metrics count them by reason and carry the version drift', async () => {
    // Arrange: a protected extra package and prune enabled.
    const catalog = await h.seedCatalog();
    h.test.sandbox.state.addPackage(catalog.uuid, { name: 'Python-2' });
    const observed: Parameters<SyncMetrics['observePlan']>[1][] = [];
    const metrics = { ...createNoopMetrics(), observePlan: (_: string, planned: Parameters<SyncMetrics['observePlan']>[1]) => void observed.push(planned) };
    const source = manifestSource(fixture('site-v1.yaml'), { prune: { enabled: true }, protect: ['Python*'] });

    // Act
    const prepared = await prepareRun(source, { ...h.deps, metrics }, planOnly);

    // Assert
    expect(prepared.plan.refusedDelete.map((r) => r.code)).toEqual(['protected']);
    expect(observed).toHaveLength(1);
    expect(observed[0]!.refusedByReason).toEqual({ protected: 1 });
    expect(observed[0]!.versionDrift?.missingVersions).toBe(prepared.plan.versionDrift.missingVersions);
  });

  it('when the catalog spans two pages, then the stages go reading, listing as far as it got and on page by page, planning', async () => {
    // Arrange
    const catalog = await h.seedCatalog();
    for (let i = 0; i < 350; i += 1) h.test.sandbox.state.addPackage(catalog.uuid, { name: `pkg-${String(i).padStart(3, '0')}` });
    const stages: PrepareStage[] = [];

    // Act
    await prepareRun(manifestSource(fixture('site-v1.yaml'), { prune: { enabled: false } }), h.deps, {
      ...planOnly,
      onStage: (stage) => void stages.push(stage),
    });

    // Assert: Waldur is listed while upstream is read, so listing starts wherever it had got to.
    expect(stages[0]).toEqual({ stage: 'reading' });
    expect(stages.at(-1)).toEqual({ stage: 'planning' });
    const listing = stages.slice(1, -1);
    expect(listing.length).toBeGreaterThan(0);
    expect(listing.every((s) => s.stage === 'listing')).toBe(true);
    const received = listing.map((s) => (s.stage === 'listing' ? s.received : -1));
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(listing.at(-1)).toEqual({ stage: 'listing', page: 2, received: 350, total: 350 });
  });
});
