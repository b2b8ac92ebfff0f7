import { describe, expect, it } from 'vitest';
import type { ActualPackage, CatalogRef } from '../../src/model.js';
import { findStaleOperations } from '../../src/plan-file/find-stale-operations.js';
import type { PlannedOperation, PlanSource } from '../../src/plan-file/types.js';

const CATALOG: CatalogRef = { uuid: 'c'.repeat(32), url: 'http://w/api/marketplace-software-catalogs/c/', name: 'Site', version: '1', catalogType: 'binary_runtime' };
const T0 = '2026-12-01T10:00:00.000Z';

function pkg(name: string, uuid: string, overrides: Partial<ActualPackage> = {}): ActualPackage {
  return { uuid, url: `http://w/p/${uuid}/`, catalog: CATALOG.url, name, description: `${name} v1`, homepage: null, isExtension: false, versions: [], modified: T0, ...overrides };
}

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const waldur = (name: string) => ({ description: `${name} v1`, homepage: null, modified: T0 });
const OPERATIONS: PlannedOperation[] = [
  { kind: 'create', name: 'New', new: { description: 'New v1', homepage: null, is_extension: false } },
  { kind: 'update', name: 'Upd', uuid: A, new: { description: 'Upd v2', homepage: null }, changes: { description: { old: 'Upd v1', new: 'Upd v2' } }, waldur: waldur('Upd') },
  { kind: 'delete', name: 'Del', uuid: B, waldur: waldur('Del') },
];

function plan(overrides: Partial<PlanSource> = {}): PlanSource {
  return {
    source: 'site',
    catalog: { name: 'Site', version: '1', type: 'binary_runtime', uuid: CATALOG.uuid, will_create: false },
    upstream: { sha256: '0'.repeat(64), packages: 2 },
    guards: { prune: { enabled: true, max_delete: 10, allow_empty: false }, protect: [], force: false },
    operations: OPERATIONS,
    refused_delete: [],
    unchanged: 0,
    ...overrides,
  };
}

const AS_PLANNED = [pkg('Upd', A), pkg('Del', B)];

describe('findStaleOperations', () => {
  it('when the catalog is exactly as the plan saw it, then nothing is stale', () => {
    expect(findStaleOperations(plan(), { catalog: CATALOG, packages: AS_PLANNED })).toEqual([]);
  });

  it.each([
    ['a create whose name is now taken', [...AS_PLANNED, pkg('New', 'd'.repeat(32))], 'create', 'New', `the name is taken now (uuid ${'d'.repeat(32)})`],
    ['an update target whose description changed', [pkg('Upd', A, { description: 'edited by hand' }), pkg('Del', B)], 'update', 'Upd', 'description changed since the plan'],
    ['an update target that is gone', [pkg('Del', B)], 'update', 'Upd', 'gone since the plan'],
    ['an update target that was renamed', [pkg('Upd2', A), pkg('Del', B)], 'update', 'Upd', 'renamed to "Upd2" since the plan'],
    ['a delete target whose homepage changed', [pkg('Upd', A), pkg('Del', B, { homepage: 'https://x.org' })], 'delete', 'Del', 'homepage changed since the plan'],
    ['a delete target already gone', [pkg('Upd', A)], 'delete', 'Del', 'already gone'],
    ['a delete target written since (same fields, newer modified)', [pkg('Upd', A), pkg('Del', B, { modified: '2026-12-02T08:00:00.000Z' })], 'delete', 'Del', `was modified at 2026-12-02T08:00:00.000Z (planned against ${T0})`],
  ] as const)('when there is %s, then exactly that operation is stale', (_case, packages, kind, name, reason) => {
    const stale = findStaleOperations(plan(), { catalog: CATALOG, packages: [...packages] });

    expect(stale).toEqual([expect.objectContaining({ source: 'site', kind, name, reason })]);
  });

  it('when the server sends no modified time, then the managed fields alone decide', () => {
    const packages = AS_PLANNED.map(({ modified: _omitted, ...rest }) => rest);

    expect(findStaleOperations(plan(), { catalog: CATALOG, packages })).toEqual([]);
  });

  it('when the catalog is gone, differs, or was created since a plan that creates it, then the catalog is stale', () => {
    const other = { ...CATALOG, uuid: 'e'.repeat(32) };
    const willCreate = plan({ catalog: { ...plan().catalog, uuid: null, will_create: true }, operations: [OPERATIONS[0]!] });

    expect(findStaleOperations(plan(), { catalog: null, packages: [] })).toEqual([expect.objectContaining({ kind: 'catalog', reason: `no longer exists (planned against uuid ${CATALOG.uuid})` })]);
    expect(findStaleOperations(plan(), { catalog: other, packages: AS_PLANNED })).toEqual([expect.objectContaining({ kind: 'catalog', uuid: other.uuid })]);
    expect(findStaleOperations(willCreate, { catalog: other, packages: [] })).toEqual([expect.objectContaining({ kind: 'catalog', reason: `was created since the plan (uuid ${other.uuid})` })]);
    expect(findStaleOperations(willCreate, { catalog: null, packages: [] })).toEqual([]);
  });
});
