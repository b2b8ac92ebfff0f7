import { describe, expect, it } from 'vitest';
import type { ActualPackage, DesiredPackage } from '../../src/model.js';
import { planCatalog } from '../../src/plan/plan-catalog.js';
import { deleteAllowance } from '../../src/plan/plan-deletes.js';
import type { Plan, PlanPolicy } from '../../src/plan/types.js';
import { actual, desired, module, policy, version } from './package-builders.js';

/** The plan in a form a table row can state in one line. */
function summarize(plan: Plan) {
  return {
    create: plan.create.map((op) => op.name),
    update: plan.update.map((op) => `${op.name}:${op.changes.map((c) => c.field).join('+')}`),
    delete: plan.delete.map((op) => op.name),
    refused: plan.refusedDelete.map((r) => `${r.name}:${r.code}`),
    unchanged: plan.unchanged,
    notPruned: plan.notPruned,
  };
}

const none = { create: [], update: [], delete: [], refused: [], unchanged: 0, notPruned: [] };
const many = (prefix: string, n: number, make: (name: string) => ActualPackage | DesiredPackage) =>
  Array.from({ length: n }, (_, i) => make(`${prefix}${String(i).padStart(2, '0')}`));

interface Row {
  when: string;
  desired: DesiredPackage[];
  actual: ActualPackage[];
  policy: PlanPolicy;
  then: Partial<ReturnType<typeof summarize>>;
}

const rows: Row[] = [
  { when: 'both sides are empty', desired: [], actual: [], policy: policy(), then: {} },
  { when: 'a package is only upstream', desired: [desired('GROMACS')], actual: [], policy: policy(), then: { create: ['GROMACS'] } },
  { when: 'a package is equal on both sides', desired: [desired('GROMACS')], actual: [actual('GROMACS')], policy: policy(), then: { unchanged: 1 } },
  {
    when: 'the description differs',
    desired: [desired('GROMACS', { description: 'new' })],
    actual: [actual('GROMACS', { description: 'old' })],
    policy: policy(),
    then: { update: ['GROMACS:description'] },
  },
  {
    when: 'the homepage differs',
    desired: [desired('GROMACS', { homepage: 'https://new.example.org' })],
    actual: [actual('GROMACS')],
    policy: policy(),
    then: { update: ['GROMACS:homepage'] },
  },
  {
    when: 'both managed fields differ',
    desired: [desired('GROMACS', { description: 'new', homepage: null })],
    actual: [actual('GROMACS')],
    policy: policy(),
    then: { update: ['GROMACS:description+homepage'] },
  },
  {
    when: 'the homepage is "" in Waldur and null upstream',
    desired: [desired('GROMACS', { homepage: null })],
    actual: [actual('GROMACS', { homepage: '' })],
    policy: policy(),
    then: { unchanged: 1 },
  },
  {
    when: 'the descriptions differ only by whitespace the server strips',
    desired: [desired('GROMACS', { description: 'Molecular dynamics \n\t\x1f' })],
    actual: [actual('GROMACS', { description: 'Molecular dynamics' })],
    policy: policy(),
    then: { unchanged: 1 },
  },
  {
    when: 'only fields outside the managed set differ (is_extension, versions, catalog)',
    desired: [desired('GROMACS', { isExtension: true, versions: [version('2024.1', 'x86_64/zen2')] })],
    actual: [actual('GROMACS', { isExtension: false, catalog: 'http://elsewhere.test/c/', versions: [version('2023.3')] })],
    policy: policy(),
    then: { unchanged: 1 },
  },
  {
    when: 'names differ only in case (identity is case-sensitive)',
    desired: [desired('python')],
    actual: [actual('Python')],
    policy: policy(),
    then: { create: ['python'], delete: ['Python'] },
  },
  {
    when: 'Waldur has two names differing only in case and upstream has both',
    desired: [desired('python'), desired('Python')],
    actual: [actual('Python'), actual('python')],
    policy: policy(),
    then: { unchanged: 2 },
  },
  {
    when: 'a package is only in Waldur and prune is disabled',
    desired: [desired('A')],
    actual: [actual('A'), actual('Old')],
    policy: policy({ prune: false }),
    then: { unchanged: 1, notPruned: ['Old'] },
  },
  {
    when: 'a package is only in Waldur and prune is enabled within the limit',
    desired: [desired('A')],
    actual: [actual('A'), actual('Old')],
    policy: policy({ maxDelete: 1 }),
    then: { unchanged: 1, delete: ['Old'] },
  },
  {
    when: 'a package to delete matches a protect glob',
    desired: [desired('A')],
    actual: [actual('A'), actual('Python-3'), actual('Old')],
    policy: policy({ protect: ['Python*'] }),
    then: { unchanged: 1, delete: ['Old'], refused: ['Python-3:protected'] },
  },
  {
    when: 'a protect glob uses ? and is case-sensitive',
    desired: [],
    actual: [actual('R1'), actual('r2'), actual('R22')],
    policy: policy({ protect: ['R?'], allowEmpty: true }),
    then: { delete: ['R22', 'r2'], refused: ['R1:protected'] },
  },
  {
    when: 'upstream is empty and allow_empty is off',
    desired: [],
    actual: [actual('A'), actual('B')],
    policy: policy({ maxDelete: 100 }),
    then: { refused: ['A:empty_upstream', 'B:empty_upstream'] },
  },
  {
    when: 'upstream is empty, allow_empty is off and --force is given',
    desired: [],
    actual: [actual('A')],
    policy: policy({ force: true }),
    then: { refused: ['A:empty_upstream'] },
  },
  {
    when: 'upstream is empty and allow_empty is on',
    desired: [],
    actual: [actual('A'), actual('B')],
    policy: policy({ allowEmpty: true }),
    then: { delete: ['A', 'B'] },
  },
  {
    when: 'upstream is empty, allow_empty is on, but the deletes exceed max_delete',
    desired: [],
    actual: [actual('A'), actual('B')],
    policy: policy({ allowEmpty: true, maxDelete: 1 }),
    then: { refused: ['A:over_limit', 'B:over_limit'] },
  },
  {
    when: 'the deletes equal a count max_delete',
    desired: [desired('Keep')],
    actual: [actual('Keep'), ...many('Gone', 3, actual)] as ActualPackage[],
    policy: policy({ maxDelete: 3 }),
    then: { unchanged: 1, delete: ['Gone00', 'Gone01', 'Gone02'] },
  },
  {
    when: 'the deletes exceed a count max_delete by one, then all deletes are refused',
    desired: [desired('Keep')],
    actual: [actual('Keep'), ...many('Gone', 3, actual)] as ActualPackage[],
    policy: policy({ maxDelete: 2 }),
    then: { unchanged: 1, refused: ['Gone00:over_limit', 'Gone01:over_limit', 'Gone02:over_limit'] },
  },
  {
    when: 'the deletes exceed max_delete but --force is given',
    desired: [desired('Keep')],
    actual: [actual('Keep'), ...many('Gone', 3, actual)] as ActualPackage[],
    policy: policy({ maxDelete: 2, force: true }),
    then: { unchanged: 1, delete: ['Gone00', 'Gone01', 'Gone02'] },
  },
  {
    when: 'max_delete is 0',
    desired: [desired('Keep')],
    actual: [actual('Keep'), actual('Gone')],
    policy: policy({ maxDelete: 0 }),
    then: { unchanged: 1, refused: ['Gone:over_limit'] },
  },
  {
    when: 'max_delete is 0 and --force is given',
    desired: [desired('Keep')],
    actual: [actual('Keep'), actual('Gone')],
    policy: policy({ maxDelete: 0, force: true }),
    then: { unchanged: 1, delete: ['Gone'] },
  },
  {
    when: 'the deletes equal a percentage of the catalog (10% of 20 = 2)',
    desired: many('Keep', 18, desired) as DesiredPackage[],
    actual: [...many('Keep', 18, actual), ...many('Gone', 2, actual)] as ActualPackage[],
    policy: policy({ maxDelete: '10%' }),
    then: { unchanged: 18, delete: ['Gone00', 'Gone01'] },
  },
  {
    when: 'the deletes exceed a percentage of the catalog (3 > 10% of 20)',
    desired: many('Keep', 17, desired) as DesiredPackage[],
    actual: [...many('Keep', 17, actual), ...many('Gone', 3, actual)] as ActualPackage[],
    policy: policy({ maxDelete: '10%' }),
    then: { unchanged: 17, refused: ['Gone00:over_limit', 'Gone01:over_limit', 'Gone02:over_limit'] },
  },
  {
    when: 'a percentage of a small catalog rounds down to 0 (10% of 5)',
    desired: many('Keep', 4, desired) as DesiredPackage[],
    actual: [...many('Keep', 4, actual), actual('Gone')] as ActualPackage[],
    policy: policy({ maxDelete: '10%' }),
    then: { unchanged: 4, refused: ['Gone:over_limit'] },
  },
  {
    when: 'a percentage limit is exceeded and --force is given',
    desired: many('Keep', 4, desired) as DesiredPackage[],
    actual: [...many('Keep', 4, actual), actual('Gone')] as ActualPackage[],
    policy: policy({ maxDelete: '10%', force: true }),
    then: { unchanged: 4, delete: ['Gone'] },
  },
  {
    when: 'max_delete is 100%',
    desired: [desired('New')],
    actual: [actual('A'), actual('B')],
    policy: policy({ maxDelete: '100%' }),
    then: { create: ['New'], delete: ['A', 'B'] },
  },
  {
    when: 'protected names do not count against max_delete',
    desired: [desired('Keep')],
    actual: [actual('Keep'), actual('Python'), actual('Perl'), actual('Gone')],
    policy: policy({ maxDelete: 1, protect: ['P*'] }),
    then: { unchanged: 1, delete: ['Gone'], refused: ['Perl:protected', 'Python:protected'] },
  },
  {
    when: 'over the limit, protected names keep their own reason',
    desired: [desired('Keep')],
    actual: [actual('Keep'), actual('Python'), actual('Gone1'), actual('Gone2')],
    policy: policy({ maxDelete: 1, protect: ['Python'] }),
    then: { unchanged: 1, refused: ['Gone1:over_limit', 'Gone2:over_limit', 'Python:protected'] },
  },
  {
    when: 'create, update, unchanged and delete happen together',
    desired: [desired('Zeta'), desired('Alpha', { description: 'changed' }), desired('Mid')],
    actual: [actual('Old'), actual('Mid'), actual('Alpha')],
    policy: policy({ maxDelete: 5 }),
    then: { create: ['Zeta'], update: ['Alpha:description'], unchanged: 1, delete: ['Old'] },
  },
  {
    when: 'desired lists a name twice, then it is planned once',
    desired: [desired('A'), desired('A', { description: 'second' })],
    actual: [],
    policy: policy(),
    then: { create: ['A'] },
  },
  {
    when: 'desired lists a name twice with another between, then it is planned once',
    desired: [desired('A'), desired('B'), desired('A', { description: 'second' })],
    actual: [actual('A', { description: 'A tool' })],
    policy: policy(),
    then: { create: ['B'], unchanged: 1 },
  },
];

describe('planCatalog', () => {
  it.each(rows)('when $when, then the plan says so', (row) => {
    // Arrange
    const input = { desired: row.desired, actual: row.actual, policy: row.policy };

    // Act
    const plan = planCatalog(input);

    // Assert
    expect(summarize(plan)).toEqual({ ...none, ...row.then });
  });

  it('when deletes are refused over a percentage limit, then each reason names the limit and --force', () => {
    const plan = planCatalog({
      desired: [desired('A')],
      actual: [actual('A'), ...(many('Gone', 2, actual) as ActualPackage[])],
      policy: policy({ maxDelete: '10%' }),
    });

    expect(plan.refusedDelete[0]!.reason).toBe(
      '2 deletes exceed the limit: prune.max_delete 10% of 3 packages allows 0; --force applies them',
    );
  });

  it('when one delete is refused over a count limit, then the reason is worded for one', () => {
    const plan = planCatalog({ desired: [desired('A')], actual: [actual('A'), actual('Gone')], policy: policy({ maxDelete: 0 }) });

    expect(plan.refusedDelete.map((r) => r.reason)).toEqual(['1 delete exceeds the limit: prune.max_delete allows 0; --force applies them']);
  });

  it('when a description changes, then the update carries old and new values and every desired field', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS', { description: '  new text ', homepage: 'https://gromacs.org', isExtension: false })],
      actual: [actual('GROMACS', { uuid: 'a'.repeat(32), description: 'old text', homepage: 'https://gromacs.org' })],
      policy: policy(),
    });

    expect(plan.update).toEqual([
      {
        kind: 'update',
        name: 'GROMACS',
        uuid: 'a'.repeat(32),
        changes: [{ field: 'description', old: 'old text', new: 'new text' }],
        desired: { description: 'new text', homepage: 'https://gromacs.org', isExtension: false },
      },
    ]);
  });

  it('when a package is created, then the operation carries the normalized fields and is_extension', () => {
    const plan = planCatalog({
      desired: [desired('ext', { description: 'An extension\n', homepage: '', isExtension: true })],
      actual: [],
      policy: policy(),
    });

    expect(plan.create).toEqual([{ kind: 'create', name: 'ext', description: 'An extension', homepage: null, isExtension: true }]);
  });

  it('when inputs arrive in any order, then operations are sorted by name with deletes last and the plan is identical', () => {
    const desiredList = [desired('b'), desired('C', { description: 'x' }), desired('a'), desired('B', { description: 'x' })];
    const actualList = [actual('C'), actual('z-old'), actual('B'), actual('A-old')];
    const pol = policy({ maxDelete: 10 });

    const first = planCatalog({ desired: desiredList, actual: actualList, policy: pol });
    const second = planCatalog({ desired: [...desiredList].reverse(), actual: [...actualList].reverse(), policy: pol });

    expect(first.create.map((o) => o.name)).toEqual(['a', 'b']);
    expect(first.update.map((o) => o.name)).toEqual(['B', 'C']);
    expect(first.delete.map((o) => o.name)).toEqual(['A-old', 'z-old']);
    expect(second).toEqual(first);
  });

  it('when planning, then the inputs are not modified', () => {
    const input = {
      desired: [desired('b'), desired('a', { description: 'changed' })],
      actual: [actual('a'), actual('gone')],
      policy: policy(),
    };
    const snapshot = structuredClone(input);

    planCatalog(input);

    expect(input).toEqual(snapshot);
  });
});

describe('planCatalog with duplicate names in Waldur', () => {
  const kept = 'a'.repeat(32);
  const extra = 'b'.repeat(32);

  it('when one duplicate already equals upstream, then it is kept and the other one is a delete', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS')],
      actual: [actual('GROMACS', { uuid: '0'.repeat(32), description: 'stale' }), actual('GROMACS', { uuid: kept })],
      policy: policy(),
    });

    expect(plan.unchanged).toBe(1);
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([{ kind: 'delete', name: 'GROMACS', uuid: '0'.repeat(32), duplicateOf: kept }]);
  });

  it('when no duplicate equals upstream, then the smallest uuid is updated and the other one deleted', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS', { description: 'new' })],
      actual: [actual('GROMACS', { uuid: extra }), actual('GROMACS', { uuid: kept })],
      policy: policy(),
    });

    expect(plan.update.map((o) => o.uuid)).toEqual([kept]);
    expect(plan.delete.map((o) => o.uuid)).toEqual([extra]);
  });

  it('when prune is disabled, then the duplicate is kept and reported, not deleted', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS')],
      actual: [actual('GROMACS', { uuid: kept }), actual('GROMACS', { uuid: extra })],
      policy: policy({ prune: false }),
    });

    expect(plan.delete).toEqual([]);
    expect(plan.refusedDelete).toEqual([]);
    expect(plan.notPruned).toEqual(['GROMACS']);
  });

  it('when the list returns one package twice (a page shifted while listing), then it is kept, not deleted as its own duplicate', () => {
    const once = actual('GROMACS', { uuid: kept });
    const again = { ...once, versions: [] };

    const plan = planCatalog({ desired: [desired('GROMACS')], actual: [once, actual('Other', { uuid: extra }), again], policy: policy({ maxDelete: 10 }) });

    expect(plan.unchanged).toBe(1);
    expect(plan.delete).toEqual([{ kind: 'delete', name: 'Other', uuid: extra }]);
    expect(plan.refusedDelete).toEqual([]);
  });

  it('when the name is protected, then the duplicate is refused like any protected delete', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS')],
      actual: [actual('GROMACS', { uuid: kept }), actual('GROMACS', { uuid: extra })],
      policy: policy({ protect: ['GRO*'] }),
    });

    expect(plan.refusedDelete).toEqual([{ name: 'GROMACS', uuid: extra, reason: 'protected by "GRO*"', code: 'protected' }]);
  });
});

describe('planCatalog version drift', () => {
  it('when a package will be created, then all its versions count as missing and no targets', () => {
    const plan = planCatalog({
      desired: [desired('New', { versions: [version('1.0', 'x86_64/zen2'), version('2.0', 'x86_64/zen2')] })],
      actual: [],
      policy: policy(),
    });

    expect(plan.versionDrift).toEqual({
      packages: [{ name: 'New', missingVersions: ['1.0', '2.0'], extraVersions: [], missingTargets: [], extraTargets: [] }],
      missingVersions: 2,
      extraVersions: 0,
      missingTargets: 0,
      extraTargets: 0,
    });
  });

  it('when versions and targets differ, then missing and extra ones are listed as sets, ignoring paths', () => {
    const up = [version('1.0', 'x86_64/zen2', 'aarch64/neoverse_v1'), version('2.0', 'x86_64/zen2'), version('2.0', 'x86_64/zen2')];
    const waldurSide = [
      { ...version('1.0', 'x86_64/zen2', 'x86_64/haswell'), targets: version('1.0', 'x86_64/zen2', 'x86_64/haswell').targets.map((t) => ({ ...t, path: '/elsewhere' })) },
      version('0.9', 'x86_64/zen2'),
    ];

    const plan = planCatalog({ desired: [desired('Tool', { versions: up })], actual: [actual('Tool', { versions: waldurSide })], policy: policy() });

    expect(plan.unchanged).toBe(1);
    expect(plan.versionDrift.packages).toEqual([
      {
        name: 'Tool',
        missingVersions: ['2.0'],
        extraVersions: ['0.9'],
        missingTargets: ['1.0@aarch64/neoverse_v1'],
        extraTargets: ['1.0@x86_64/haswell'],
      },
    ]);
    expect(plan.versionDrift).toMatchObject({ missingVersions: 1, extraVersions: 1, missingTargets: 1, extraTargets: 1 });
  });

  it('when one version string repeats across toolchains, then versions compare by module version, and a missing one shows by that key', () => {
    const up = [
      module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen3'),
      module('2024.4', '2024.4-foss-2023a', 'x86_64/amd/zen3'),
      module('2024.4', '2024.4-foss-2023a-CUDA-12.1.1', 'x86_64/amd/zen3'),
    ];
    const waldurSide = [module('2024.4', '2024.4-foss-2023a', 'x86_64/amd/zen3'), module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen3')];

    const plan = planCatalog({ desired: [desired('GROMACS', { versions: up })], actual: [actual('GROMACS', { versions: waldurSide })], policy: policy() });

    expect(plan.versionDrift.packages).toEqual([
      { name: 'GROMACS', missingVersions: ['2024.4-foss-2023a-CUDA-12.1.1'], extraVersions: [], missingTargets: [], extraTargets: [] },
    ]);
  });

  it('when subtypes carry a vendor prefix, then targets compare by (family, full subtype) and drift names them so', () => {
    const up = [module('13.2.0', '13.2.0', 'x86_64/amd/zen3', 'x86_64/intel/zen3', 'aarch64/neoverse_v1')];
    const waldurSide = [module('13.2.0', '13.2.0', 'x86_64/amd/zen3', 'aarch64/neoverse_v1', 'x86_64/intel/icelake')];

    const plan = planCatalog({ desired: [desired('GCC', { versions: up })], actual: [actual('GCC', { versions: waldurSide })], policy: policy() });

    expect(plan.versionDrift.packages).toEqual([
      { name: 'GCC', missingVersions: [], extraVersions: [], missingTargets: ['13.2.0@x86_64/intel/zen3'], extraTargets: ['13.2.0@x86_64/intel/icelake'] },
    ]);
  });

  it('when a version has no module version, then its version string is its key on both sides', () => {
    const plan = planCatalog({
      desired: [desired('numpy', { versions: [module('1.26.4', '', 'x86_64/generic')] })],
      actual: [actual('numpy', { versions: [version('1.26.4', 'x86_64/generic')] })],
      policy: policy(),
    });

    expect(plan.versionDrift.packages).toEqual([]);
  });

  it('when versions and targets match, then there is no drift', () => {
    const versions = [version('1.0', 'x86_64/zen2')];

    const plan = planCatalog({ desired: [desired('Tool', { versions })], actual: [actual('Tool', { versions })], policy: policy() });

    expect(plan.versionDrift).toEqual({ packages: [], missingVersions: 0, extraVersions: 0, missingTargets: 0, extraTargets: 0 });
  });

  it('when Waldur lists the same versions and targets in its own order, then there is no drift', () => {
    const up = [module('1.0', '1.0-foss', 'aarch64/generic', 'x86_64/amd/zen3', 'x86_64/generic'), module('2.0', '2.0-foss', 'x86_64/generic')];
    const waldurSide = [module('2.0', '2.0-foss', 'x86_64/generic'), module('1.0', '1.0-foss', 'x86_64/generic', 'aarch64/generic', 'x86_64/amd/zen3')];

    const plan = planCatalog({ desired: [desired('Tool', { versions: up })], actual: [actual('Tool', { versions: waldurSide })], policy: policy() });

    expect(plan.versionDrift.packages).toEqual([]);
  });

  it.each([
    ['Waldur repeats one version key in place of another', [module('1.0', 'a', 'x86_64/generic'), module('1.0', 'a', 'x86_64/generic')], { extraVersions: [], missingVersions: ['b'] }],
    ['Waldur holds one target twice in place of another', [module('1.0', 'a', 'x86_64/generic', 'x86_64/generic'), module('1.0', 'b', 'x86_64/generic')], { missingTargets: ['a@aarch64/generic'] }],
  ])('when %s, then the drift is reported (same counts are not the same versions)', (_what, waldurSide, expected) => {
    const up = [module('1.0', 'a', 'aarch64/generic', 'x86_64/generic'), module('1.0', 'b', 'x86_64/generic')];

    const plan = planCatalog({ desired: [desired('Tool', { versions: up })], actual: [actual('Tool', { versions: waldurSide })], policy: policy() });

    expect(plan.versionDrift.packages).toEqual([expect.objectContaining({ name: 'Tool', ...expected })]);
  });

  it('when the desired packages are not in name order, then the plan lists them in name order all the same', () => {
    const plan = planCatalog({ desired: [desired('zeta'), desired('Alpha'), desired('beta')], actual: [], policy: policy() });

    expect(plan.create.map((op) => op.name)).toEqual(['Alpha', 'beta', 'zeta']);
  });
});

describe('planCatalog with names the reader skipped', () => {
  const bad = 'Bad\u001bName';

  it('when Waldur has a package whose upstream name was skipped, then it is not deleted and is listed as skipped with its uuid', () => {
    const plan = planCatalog({
      desired: [desired('GROMACS')],
      actual: [actual('GROMACS'), actual(bad, { uuid: 'b'.repeat(32) }), actual('Gone', { uuid: 'c'.repeat(32) })],
      policy: policy({ maxDelete: 10 }),
      skippedNames: [{ name: bad, reason: 'name contains control characters' }],
    });

    expect(plan.delete.map((op) => op.name)).toEqual(['Gone']);
    expect(plan.refusedDelete).toEqual([]);
    expect(plan.skipped).toEqual([{ name: bad, reason: 'name contains control characters', kept: ['b'.repeat(32)] }]);
  });

  it('when a skipped name is not in Waldur, then it is still listed as skipped, keeping nothing', () => {
    const long = 'x'.repeat(201);

    const plan = planCatalog({ desired: [], actual: [], policy: policy(), skippedNames: [{ name: long, reason: 'name longer than 200 characters (201)' }] });

    expect(plan.skipped).toEqual([{ name: long, reason: 'name longer than 200 characters (201)', kept: [] }]);
  });

  it('when prune is disabled, then a skipped name is not reported as "not pruned" either', () => {
    const plan = planCatalog({ desired: [], actual: [actual(bad)], policy: policy({ prune: false }), skippedNames: [{ name: bad, reason: 'r' }] });

    expect(plan.notPruned).toEqual([]);
    expect(plan.skipped?.map((s) => s.name)).toEqual([bad]);
  });
});

describe('deleteAllowance', () => {
  it.each([
    [4.6, 1500, 69],
    [9.2, 1500, 138],
    [4.56, 1250, 57],
    [10, 5, 0],
    [2.5, 99, 2],
  ])('when max_delete is %s% of %s packages, then %s deletes are allowed (exact, rounded down)', (percent, size, allowed) => {
    expect(deleteAllowance({ kind: 'percent', value: percent }, size)).toBe(allowed);
  });
});
