import { describe, expect, it } from 'vitest';
import { planCatalog } from '../../src/plan/plan-catalog.js';
import { renderPlanJson } from '../../src/plan/render-plan-json.js';
import { actual, desired, policy, version } from './package-builders.js';

describe('renderPlanJson', () => {
  it('when a plan is rendered, then the JSON has exactly the documented keys and values', () => {
    // Arrange
    const plan = planCatalog({
      desired: [
        desired('New', { description: 'new tool', homepage: null, versions: [version('1.0')] }),
        desired('Upd', { description: 'after' }),
        desired('Same'),
      ],
      actual: [
        actual('Upd', { uuid: '1'.repeat(32), description: 'before' }),
        actual('Same', { uuid: '2'.repeat(32) }),
        actual('Gone', { uuid: '3'.repeat(32) }),
        actual('Keep-me', { uuid: '4'.repeat(32) }),
      ],
      policy: policy({ protect: ['Keep-*'] }),
    });
    const catalog = { name: 'Site', version: '1', type: 'binary_runtime', uuid: null, willCreate: true };

    // Act
    const parsed = JSON.parse(renderPlanJson([{ source: 'site', catalog, plan }]));

    // Assert
    expect(parsed).toEqual({
      plans: [
        {
          source: 'site',
          catalog: { name: 'Site', version: '1', type: 'binary_runtime', uuid: null, will_create: true },
          create: [{ name: 'New', description: 'new tool', homepage: null, is_extension: false }],
          update: [{ name: 'Upd', uuid: '1'.repeat(32), changes: { description: { old: 'before', new: 'after' } } }],
          delete: [{ name: 'Gone', uuid: '3'.repeat(32) }],
          refused_delete: [{ name: 'Keep-me', uuid: '4'.repeat(32), reason: 'protected by "Keep-*"', code: 'protected' }],
          unchanged: 1,
          version_drift: {
            missing_versions: 1,
            extra_versions: 0,
            missing_targets: 0,
            extra_targets: 0,
            packages: [{ name: 'New', missing_versions: ['1.0'], extra_versions: [], missing_targets: [], extra_targets: [] }],
          },
        },
      ],
    });
  });

  it('when a source failed, then it is listed under errors and plans keeps its shape', () => {
    const parsed = JSON.parse(renderPlanJson([], [{ source: 'broken', error: 'cannot read' }]));

    expect(parsed).toEqual({ plans: [], errors: [{ source: 'broken', error: 'cannot read' }] });
  });
});
