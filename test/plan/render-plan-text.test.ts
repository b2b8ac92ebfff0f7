import { describe, expect, it } from 'vitest';
import { planCatalog } from '../../src/plan/plan-catalog.js';
import { renderPlanText } from '../../src/plan/render-plan-text.js';
import type { SourcePlan } from '../../src/plan/types.js';
import { actual, desired, module, policy, version } from './package-builders.js';

const catalog = { name: 'Site modules', version: '2026.1', type: 'binary_runtime', uuid: 'c'.repeat(32), willCreate: false };

describe('renderPlanText', () => {
  it('when a plan has every kind of change, then it prints them Terraform-style with a summary and drift line', () => {
    // Arrange
    const plan = planCatalog({
      desired: [
        desired('Zlib', { versions: [version('1.3', 'x86_64/zen2')] }),
        desired('Python', { description: 'The Python language' }),
        desired('GROMACS'),
      ],
      actual: [
        actual('Python', { description: 'old', versions: [] }),
        actual('GROMACS'),
        actual('Old'),
        actual('Perl-5'),
      ],
      policy: policy({ protect: ['Perl*'] }),
    });
    const view: SourcePlan = { source: 'site', catalog, plan };

    // Act
    const text = renderPlanText(view);

    // Assert
    expect(text).toBe(
      [
        'Source site: catalog "Site modules" 2026.1 (binary_runtime)',
        '  + Zlib',
        '  ~ Python',
        '      description: "old" -> "The Python language"',
        '  - Old',
        '  ! Perl-5 (protected by "Perl*")',
        'Plan for site (Site modules 2026.1): 1 to create, 1 to update, 1 to delete, 1 refused, 1 unchanged',
        'Version drift (read-only, 1 package): 1 version and 0 targets upstream missing in Waldur; 0 versions and 0 targets in Waldur not upstream',
        '',
      ].join('\n'),
    );
  });

  it('when packages in Waldur have drifted, then each gets a line naming versions by module version and targets by full subtype', () => {
    const plan = planCatalog({
      desired: [
        desired('GROMACS', { versions: [module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen3'), module('2024.4', '2024.4-foss-2023a', 'x86_64/amd/zen3')] }),
        desired('New', { versions: [version('1.0')] }),
      ],
      actual: [actual('GROMACS', { versions: [module('2024.4', '2024.4-foss-2023b', 'x86_64/amd/zen3', 'x86_64/intel/icelake'), module('2023.3', '2023.3-foss-2023a')] })],
      policy: policy(),
    });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text.split('\n').slice(-3)).toEqual([
      'Version drift (read-only, 2 packages): 2 versions and 0 targets upstream missing in Waldur; 1 version and 1 target in Waldur not upstream',
      '    GROMACS: missing version 2024.4-foss-2023a; extra version 2023.3-foss-2023a; extra target 2024.4-foss-2023b@x86_64/intel/icelake',
      '',
    ]);
  });

  it('when more than ten existing packages drifted, then ten are shown and the rest counted', () => {
    const names = Array.from({ length: 12 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const plan = planCatalog({
      desired: names.map((n) => desired(n, { versions: [version('2', 'x86_64/generic')] })),
      actual: names.map((n) => actual(n, { versions: [version('1', 'x86_64/generic')] })),
      policy: policy(),
    });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text).toContain('    P09: missing version 2; extra version 1\n    and 2 more packages (plan --json lists every one)\n');
    expect(text).not.toContain('P10:');
  });

  it('when an upstream name was skipped, then it is shown escaped with its reason and the Waldur package it keeps', () => {
    const plan = planCatalog({
      desired: [],
      actual: [actual('Bad\u001b[31mName')],
      policy: policy(),
      skippedNames: [
        { name: 'Bad\u001b[31mName', reason: 'name contains control characters' },
        { name: 'y'.repeat(201), reason: 'name longer than 200 characters (201)' },
      ],
    });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text).toContain('  ? "Bad\\u001b[31mName" skipped upstream (name contains control characters); 1 package with this name in Waldur is kept\n');
    expect(text).toContain(`  ? "${'y'.repeat(57)}..." skipped upstream (name longer than 200 characters (201))\n`);
    expect(text).not.toContain('\u001b');
  });

  it('when a name in Waldur holds control characters, then every line shows it JSON-quoted, never raw', () => {
    const plan = planCatalog({ desired: [desired('Ok\u0007')], actual: [actual('Esc\u001b[2J')], policy: policy() });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text).toContain('  + "Ok\\u0007"\n');
    expect(text).toContain('  - "Esc\\u001b[2J"\n');
    expect(text).not.toMatch(/[\u0007\u001b]/);
  });

  it('when the catalog is missing, then its creation is shown first and the summary says new catalog', () => {
    const plan = planCatalog({ desired: [desired('A')], actual: [], policy: policy() });

    const text = renderPlanText({ source: 'site', catalog: { ...catalog, uuid: null, willCreate: true }, plan });

    expect(text.split('\n').slice(1, 3)).toEqual(['  + catalog "Site modules" 2026.1 (binary_runtime) (will be created)', '  + A']);
    expect(text).toContain('Plan for site (Site modules 2026.1, new catalog): 1 to create');
  });

  it('when a value is long or null, then it is truncated, quoted and null is shown bare', () => {
    const long = 'x'.repeat(200);
    const plan = planCatalog({
      desired: [desired('A', { description: long, homepage: null })],
      actual: [actual('A', { description: 'short\nline' })],
      policy: policy(),
    });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text).toContain(`      description: "short\\nline" -> "${'x'.repeat(57)}..."\n`);
    expect(text).toContain('      homepage: "https://a.example.org" -> null\n');
  });

  it('when prune is disabled and Waldur has extra packages, then they are mentioned as kept, not as deletes', () => {
    const plan = planCatalog({
      desired: [],
      actual: Array.from({ length: 12 }, (_, i) => actual(`P${String(i).padStart(2, '0')}`)),
      policy: policy({ prune: false }),
    });

    const text = renderPlanText({ source: 's', catalog, plan });

    expect(text).toContain(
      '  12 packages in Waldur but not upstream stay (prune is disabled): P00, P01, P02, P03, P04, P05, P06, P07, P08, P09 and 2 more\n',
    );
    expect(text).not.toMatch(/^ {2}[-!] /m);
    expect(text).toContain('0 to create, 0 to update, 0 to delete, 0 refused, 0 unchanged\nVersion drift: none\n');
  });
});
