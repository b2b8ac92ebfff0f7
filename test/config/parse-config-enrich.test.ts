// The keys of sources read from several files and enriched from companions: location lists,
// enrich entries with per-kind options, and the options of the kinds lmod, easystack, spack-yaml.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';
import { ConfigError } from '../../src/errors.js';

const HEAD = `waldur:
  url: http://127.0.0.1:8000/api/
  token: tok-51ab09e2
sources:
`;

const parse = (sources: string): Config => parseConfig(`${HEAD}${sources}`, { file: null, env: {} });

function problems(sources: string): string[] {
  try {
    parse(sources);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.path} (line ${p.line}): ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig: several files and enrich', () => {
  it('when a source lists files and companions, then both reach the Config with their options', () => {
    const config = parse(`  - name: stack
    kind: easystack
    location: [stacks/*.yml, https://example.org/extra.yml]
    options: { names: [enchant-2] }
    enrich:
      - kind: eessi
        location: https://www.eessi.io/api_data/data/eessi_api_metadata_software.json
        options: { eessi_version: "2023.06" }
      - kind: spack-index
        location: [index/repology.json]
    catalog: { name: Site stack, version: "2023.06" }
`);

    expect(config.sources[0]).toMatchObject({
      kind: 'easystack',
      location: [resolve('stacks/*.yml'), 'https://example.org/extra.yml'],
      options: { names: ['enchant-2'] },
      enrich: [
        { kind: 'eessi', location: 'https://www.eessi.io/api_data/data/eessi_api_metadata_software.json', options: { eessi_version: '2023.06' } },
        { kind: 'spack-index', location: [resolve('index/repology.json')], options: {} },
      ],
      catalog: { type: 'binary_runtime' },
    });
  });

  it.each([
    ['lmod', 'binary_runtime'],
    ['easystack', 'binary_runtime'],
    ['spack-yaml', 'source_package'],
  ])('when the kind is %s, then the default catalog type is %s', (kind, type) => {
    const config = parse(`  - { name: s, kind: ${kind}, location: x, catalog: { name: C, version: "1" } }\n`);

    expect(config.sources[0]!.catalog.type).toBe(type);
  });

  it('when companions and lists are wrong, then every problem is reported with its path and line', () => {
    expect(
      problems(`  - name: stack
    kind: easystack
    location: []
    options: { names: [""], version: 2 }
    enrich:
      - kind: eessi
        location: metadata.json
      - kind: conda
        location: x.json
      - kind: lmod
        location: [a.json, a.json]
        options: { level: 1 }
        catalog: { name: X, version: "1" }
    catalog: { name: Site stack, version: "2023.06" }
`),
    ).toEqual([
      'sources[0].location (line 7): must not be an empty list: give at least one location',
      'sources[0].options.names[0] (line 8): must not be empty',
      'sources[0].options.version (line 8): unknown key',
      // A companion of kind eessi needs its eessi_version like a source does.
      'sources[0].enrich[0].options.eessi_version (line 10): is required',
      'sources[0].enrich[1].kind (line 12): must be one of eessi, spack-index, spack-env, manifest, lmod, easystack, spack-yaml',
      'sources[0].enrich[2].location[1] (line 15): lists the same location as item 0',
      'sources[0].enrich[2].options.level (line 16): unknown key',
      'sources[0].enrich[2].catalog (line 17): unknown key',
    ]);
  });
});
