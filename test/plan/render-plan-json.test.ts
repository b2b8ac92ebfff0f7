import { describe, expect, it } from 'vitest';
import { planCatalog } from '../../src/plan/plan-catalog.js';
import { renderPlanJson } from '../../src/plan/render-plan-json.js';
import { actual, desired, module, policy, version } from './package-builders.js';

describe('renderPlanJson', () => {
  it('when a plan is rendered, then the JSON has exactly the documented keys and values', () => {
    // Arrange
    const plan = planCatalog({
      desired: [
        desired('New', { description: 'new tool', homepage: null, versions: [version('1.0')] }),
        desired('Upd', { description: 'after' }),
        desired('Same', { versions: [module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen3')] }),
      ],
      actual: [
        actual('Upd', { uuid: '1'.repeat(32), description: 'before' }),
        actual('Same', { uuid: '2'.repeat(32), versions: [module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen4')] }),
        actual('Gone', { uuid: '3'.repeat(32) }),
        actual('Keep-me', { uuid: '4'.repeat(32) }),
        actual('Odd\u0007', { uuid: '5'.repeat(32) }),
      ],
      policy: policy({ protect: ['Keep-*'] }),
      skippedNames: [{ name: 'Odd\u0007', reason: 'name contains control characters' }],
    });
    const catalog = { name: 'Site', version: '1', type: 'binary_runtime', uuid: null, willCreate: true };

    // Act
    const parsed = JSON.parse(renderPlanJson([{ source: 'site', catalog, plan }]));

    // Assert
    expect(parsed).toEqual({
      format_version: 1,
      plans: [
        {
          source: 'site',
          catalog: { name: 'Site', version: '1', type: 'binary_runtime', uuid: null, will_create: true },
          create: [{ name: 'New', description: 'new tool', homepage: null, is_extension: false }],
          update: [{ name: 'Upd', uuid: '1'.repeat(32), changes: { description: { old: 'before', new: 'after' } } }],
          delete: [{ name: 'Gone', uuid: '3'.repeat(32) }],
          refused_delete: [{ name: 'Keep-me', uuid: '4'.repeat(32), reason: 'protected by "Keep-*"', code: 'protected' }],
          unchanged: 1,
          skipped: [{ name: 'Odd\u0007', reason: 'name contains control characters', kept: ['5'.repeat(32)] }],
          version_drift: {
            missing_versions: 1,
            extra_versions: 0,
            missing_targets: 1,
            extra_targets: 1,
            packages: [
              { name: 'New', missing_versions: ['1.0'], extra_versions: [], missing_targets: [], extra_targets: [] },
              {
                name: 'Same',
                missing_versions: [],
                extra_versions: [],
                missing_targets: ['2024.4-foss-2023b@x86_64/amd/zen3'],
                extra_targets: ['2024.4-foss-2023b@x86_64/amd/zen4'],
              },
            ],
          },
        },
      ],
    });
  });

  it('when a source failed, then it is listed under errors and plans keeps its shape', () => {
    const parsed = JSON.parse(renderPlanJson([], [{ source: 'broken', error: 'cannot read' }]));

    expect(parsed).toEqual({ format_version: 1, plans: [], errors: [{ source: 'broken', error: 'cannot read' }] });
  });
});
