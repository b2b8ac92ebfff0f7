import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimited, Transient, ValidationError } from '../../src/errors.js';
import type { CatalogRef } from '../../src/model.js';
import type { CreateOperation, DeleteOperation, UpdateOperation } from '../../src/plan/types.js';
import { applyOperation } from '../../src/sync/apply-operation.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';

const createGromacs: CreateOperation = {
  kind: 'create',
  name: 'GROMACS',
  description: 'Molecular dynamics',
  homepage: 'https://www.gromacs.org',
};

describe('applyOperation', () => {
  let h: SyncHarness;
  let catalog: CatalogRef;

  beforeEach(async () => {
    h = await startSyncHarness();
    catalog = await h.seedCatalog();
  });
  afterEach(async () => h.close());

  /** The planned update of R's description, for a package stored under `uuid`. */
  const updateR = (uuid: string, homepage: string | null): UpdateOperation => ({
    kind: 'update',
    name: 'R',
    uuid,
    changes: [{ field: 'description', old: 'old', new: 'new' }],
    desired: { description: 'new', homepage },
  });
  const named = (name: string) => h.test.sandbox.state.listPackages(catalog.uuid).filter((p) => p.name === name);

  it('when a create runs twice as a retry, then there is one package and the retry writes nothing', async () => {
    const first = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: false });
    const second = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: true });

    expect(first).toMatchObject({ outcome: 'created', writes: 1 });
    expect(second).toMatchObject({ outcome: 'created', writes: 0 });
    expect(named('GROMACS')).toHaveLength(1);
  });

  it('when a create is repeated without the retry flag, then the uniqueness error is taken as "exists"', async () => {
    await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: false });

    const again = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: false });

    expect(again).toMatchObject({ outcome: 'created', writes: 1 });
    expect(named('GROMACS')).toHaveLength(1);
  });

  it('when a create response is lost, then the retry finds the package and makes no duplicate', async () => {
    h.test.sandbox.setFaults({ lostWriteRate: 1 });
    await expect(applyOperation(h.client, createGromacs, { catalog, mayHaveRun: false })).rejects.toBeInstanceOf(Transient);
    h.test.sandbox.setFaults({ lostWriteRate: 0 });

    const retry = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: true });

    expect(retry).toMatchObject({ outcome: 'created', writes: 0 });
    expect(named('GROMACS')).toHaveLength(1);
    expect(h.test.sandbox.stats.count('POST', '/api/marketplace-software-packages/')).toBe(1);
  });

  it('when the name exists with other values, then a retried create patches only the differing field', async () => {
    h.test.sandbox.state.addPackage(catalog.uuid, { name: 'GROMACS', description: 'stale', homepage: 'https://www.gromacs.org' });
    h.test.sandbox.stats.reset();

    const result = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: true });

    expect(result).toMatchObject({ outcome: 'updated', writes: 1 });
    expect(named('GROMACS').map((p) => p.description)).toEqual(['Molecular dynamics']);
    expect(h.test.sandbox.stats.count('PATCH')).toBe(1);
    expect(h.test.sandbox.stats.count('POST')).toBe(0);
  });

  it('when only a name differing in case exists, then a retried create still creates (identity is case-sensitive)', async () => {
    h.test.sandbox.state.addPackage(catalog.uuid, { name: 'gromacs', description: 'lower case' });

    const result = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: true });

    expect(result.outcome).toBe('created');
    expect(named('GROMACS')).toHaveLength(1);
    expect(named('gromacs').map((p) => p.description)).toEqual(['lower case']);
  });

  it('when another catalog has the name, then a retried create ignores it and creates in this catalog', async () => {
    const other = h.test.sandbox.state.addCatalog({ name: 'Other', version: '1', catalogType: 'binary_runtime' });
    h.test.sandbox.state.addPackage(other.uuid, { name: 'GROMACS', description: 'theirs' });

    const result = await applyOperation(h.client, createGromacs, { catalog, mayHaveRun: true });

    expect(result).toMatchObject({ outcome: 'created', writes: 1 });
    expect(named('GROMACS')).toHaveLength(1);
    expect(h.test.sandbox.state.listPackages(other.uuid).map((p) => p.description)).toEqual(['theirs']);
  });

  it('when an update runs twice, then the final state is the same and only changed fields are sent', async () => {
    const stored = h.test.sandbox.state.addPackage(catalog.uuid, { name: 'R', description: 'old', homepage: 'https://keep.example.org' });
    const op = updateR(stored.uuid, 'https://keep.example.org');

    const first = await applyOperation(h.client, op, { catalog, mayHaveRun: false });
    const second = await applyOperation(h.client, op, { catalog, mayHaveRun: true });

    expect([first, second]).toEqual([{ outcome: 'updated', writes: 1, uuid: stored.uuid }, { outcome: 'updated', writes: 1, uuid: stored.uuid }]);
    expect(named('R')).toMatchObject([{ uuid: stored.uuid, description: 'new', homepage: 'https://keep.example.org' }]);
  });

  it('when the package to update vanished, then it is recreated with every desired field', async () => {
    const stored = h.test.sandbox.state.addPackage(catalog.uuid, { name: 'R', description: 'old' });
    h.test.sandbox.state.deletePackage(stored.uuid);
    const op = updateR(stored.uuid, 'https://www.r-project.org');

    const result = await applyOperation(h.client, op, { catalog, mayHaveRun: false });

    expect(result).toMatchObject({ outcome: 'created', writes: 2 });
    expect(named('R')).toMatchObject([{ description: 'new', homepage: 'https://www.r-project.org' }]);
  });

  it('when a delete runs twice, then the second one (404) counts as done', async () => {
    const stored = h.test.sandbox.state.addPackage(catalog.uuid, { name: 'Old' });
    const op: DeleteOperation = { kind: 'delete', name: 'Old', uuid: stored.uuid };

    const first = await applyOperation(h.client, op, { catalog, mayHaveRun: false });
    const second = await applyOperation(h.client, op, { catalog, mayHaveRun: true });

    expect([first.outcome, second.outcome]).toEqual(['deleted', 'deleted']);
    expect(h.test.sandbox.state.getPackage(stored.uuid)).toBeUndefined();
  });

  it('when the server rejects a field, then a ValidationError carries the server field message', async () => {
    const bad: CreateOperation = { ...createGromacs, homepage: 'not a url' };

    const error = await applyOperation(h.client, bad, { catalog, mayHaveRun: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fields)).toEqual(['homepage']);
    expect(named('GROMACS')).toHaveLength(0);
  });

  it('when the server answers 429, then RateLimited carries the Retry-After delay for the caller', async () => {
    const stored = h.test.sandbox.state.addPackage(catalog.uuid, { name: 'R', description: 'old' });
    h.test.sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const op = updateR(stored.uuid, null);

    const error = await applyOperation(h.client, op, { catalog, mayHaveRun: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).retryAfterMs).toBe(7000);
    expect(named('R').map((p) => p.description)).toEqual(['old']);
  });
});
