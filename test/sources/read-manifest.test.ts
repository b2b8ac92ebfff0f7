import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { MAX_YAML_MANIFEST_CHARS } from '../../src/sources/parse-manifest.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig } from './source-fixtures.js';

function manifest(location: string, maxBytes = 64 * 1024 * 1024) {
  return sourceConfig({ name: 'site', kind: 'manifest', location, fetch: { maxBytes, timeoutMs: 10_000, maxRedirects: 5 } });
}

async function errorOf(location: string, maxBytes?: number): Promise<string> {
  const error = await readSource(manifest(location, maxBytes), { logger: captureLogger().logger }).catch((err: unknown) => err);
  expect(error).toBeInstanceOf(SourceError);
  return (error as Error).message;
}

describe('readSource kind manifest', () => {
  it('when the manifest is valid, then packages are normalized, merged and sorted', async () => {
    const catalog = await readSource(manifest(fixture('manifest/site.yaml')), { logger: captureLogger().logger });

    expect(catalog.packages.map((p) => p.name)).toEqual(['Alpha', 'ext-module', 'zeta-tools']);
    expect(catalog.packages[2]).toEqual({
      name: 'zeta-tools',
      description: 'Tools with padded text.',
      homepage: 'https://zeta.example.org/tools',
      versions: [
        {
          version: '1.10',
          releaseDate: '2025-11-03',
          targets: [
            { cpuFamily: 'aarch64', cpuMicroarchitecture: 'generic', path: '' },
            { cpuFamily: 'x86_64', cpuMicroarchitecture: 'zen2', path: '/apps/zeta/1.10/zen2' },
          ],
        },
        { version: '1.2', targets: [] },
      ],
    });
    expect(catalog.packages[1]).toMatchObject({ name: 'ext-module', isExtension: true, homepage: null });
  });

  it('when a name appears twice, then versions are united, the first entry wins and a warning says so', async () => {
    const catalog = await readSource(manifest(fixture('manifest/site.yaml')), { logger: captureLogger().logger });

    const alpha = catalog.packages[0]!;
    expect(alpha.description).toBe('First entry of a duplicated name.');
    expect(alpha.versions.map((v) => [v.version, v.targets.map((t) => t.cpuMicroarchitecture)])).toEqual([
      ['1.0', []],
      ['2.0', ['generic', 'icelake']],
    ]);
    expect(catalog.warnings).toContainEqual({ item: 'Alpha', message: '2 entries with this name; merged into one package' });
  });

  it('when names are empty or contain control characters, then those items are skipped and reported', async () => {
    const catalog = await readSource(manifest(fixture('manifest/site.yaml')), { logger: captureLogger().logger });

    expect(catalog.itemErrors).toEqual([
      { item: 'packages[3]', message: 'empty name; package skipped' },
      { item: 'packages[4]', message: 'name contains control characters; package skipped' },
    ]);
  });

  it('when the package list is empty, then an empty catalog is returned (legal, not an error)', async () => {
    const catalog = await readSource(manifest(fixture('manifest/empty.yaml')), { logger: captureLogger().logger });

    expect(catalog).toMatchObject({ packages: [], warnings: [], itemErrors: [] });
  });

  it.each([
    ['invalid-yaml.yaml', ':4:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['wrong-types.yaml', ':7:18: packages[1].versions[0].version: expected string, received number (quote it, e.g. "1.10")'],
    ['unknown-key.yaml', ':3:14: packages[0].homepge: unknown key "homepge"'],
    ['alias-bomb.yaml', ':3:8: YAML expands too many aliases (more than 100): refusing a possible alias bomb'],
    ['custom-tag.yaml', ':3:18: unsupported YAML: Unresolved tag: tag:yaml.org,2002:js/function'],
    ['merge-key.yaml', ':5:9: packages[1]["<<"]: unknown key "<<" (YAML merge keys are not supported)'],
    ['duplicate-key.yaml', ':3:5: invalid YAML: Map keys must be unique'],
    ['multi-doc.yaml', ':2:1: invalid YAML: more than one YAML document (a second "---"); expected exactly one'],
    ['deep-nesting.yaml', ': YAML nested deeper than 64 levels'],
    ['empty-file.yaml', ': empty document; expected a mapping with "packages"'],
    ['invalid-json-manifest.json', ':3:22: invalid JSON: unexpected "}", expected a property name in double quotes'],
  ])('when the manifest is bad (%s), then one error names the file, position and problem', async (file, expected) => {
    const location = fixture(`bad/${file}`);

    const message = await errorOf(location);

    expect(message).toBe(`source site: ${location}${expected}`);
  });

  it('when the file is larger than fetch.max_bytes, then it is refused before parsing', async () => {
    const location = fixture('manifest/site.yaml');

    const message = await errorOf(location, 100);

    expect(message).toBe(`source site: ${location}: file is larger than the 100 bytes limit (fetch.max_bytes)`);
  });

  it('when a YAML manifest is larger than the YAML limit, then it is refused with a hint to use JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const location = join(dir, 'huge.yaml');
      await writeFile(location, `packages: []\n${'#'.repeat(MAX_YAML_MANIFEST_CHARS)}\n`);

      const message = await errorOf(location);

      expect(message).toBe(`source site: ${location}: YAML manifest larger than 40 MiB: write it as JSON (same schema) or split it into several sources`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the manifest is JSON, then it is read with the same schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const location = join(dir, 'site.json');
      await writeFile(location, JSON.stringify({ packages: [{ name: 'beta', versions: [{ version: '1.0' }] }] }));

      const catalog = await readSource(manifest(location), { logger: captureLogger().logger });

      expect(catalog.packages).toEqual([{ name: 'beta', description: '', homepage: null, versions: [{ version: '1.0', targets: [] }] }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the location is relative, then it is resolved against baseDir', async () => {
    const catalog = await readSource(manifest('manifest/empty.yaml'), { logger: captureLogger().logger, baseDir: fixture('') });

    expect(catalog.packages).toEqual([]);
  });
});
