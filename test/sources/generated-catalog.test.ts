import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/sources/read-source.js';
import { generateDesiredPackages, generateEessiJson, generateManifestJson, generateManifestYaml } from '../support/generate-catalog.js';
import { captureLogger, sourceConfig } from './source-fixtures.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'generated-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readGenerated(name: string, text: string, kind: 'eessi' | 'manifest') {
  const location = join(dir, name);
  await writeFile(location, text);
  const options = kind === 'eessi' ? { eessi_version: '2023.06' } : {};
  return readSource(sourceConfig({ kind, location, options }), { logger: captureLogger().logger });
}

describe('synthetic catalog generators', () => {
  it('when called twice with one seed, then the output is identical; another seed changes it', () => {
    const options = { packages: 50, versionsPerPackage: 2, targetsPerVersion: 3 };

    expect(generateEessiJson({ ...options, seed: 3 })).toBe(generateEessiJson({ ...options, seed: 3 }));
    expect(generateEessiJson({ ...options, seed: 4 })).not.toBe(generateEessiJson({ ...options, seed: 3 }));
    expect(generateManifestYaml({ packages: 20, seed: 5 })).toBe(generateManifestYaml({ packages: 20, seed: 5 }));
  });

  it('when a generated EESSI file is read, then every package has its versions and targets and other EESSI versions are left out', async () => {
    const text = generateEessiJson({ packages: 300, versionsPerPackage: 3, targetsPerVersion: 5 });

    const catalog = await readGenerated('eessi.json', text, 'eessi');

    expect(catalog.packages).toHaveLength(300);
    expect(catalog.packages.every((p) => p.versions.length === 3 && p.versions.every((v) => v.targets.length === 5))).toBe(true);
    expect(catalog.warnings).toEqual([]);
    expect(catalog.itemErrors).toEqual([]);
  });

  it('when modules are generated as strings, then the catalog equals the object-shaped one', async () => {
    const options = { packages: 40, versionsPerPackage: 2, targetsPerVersion: 4, seed: 9 };

    const objects = await readGenerated('objects.json', generateEessiJson({ ...options, moduleShape: 'object' }), 'eessi');
    const strings = await readGenerated('strings.json', generateEessiJson({ ...options, moduleShape: 'string' }), 'eessi');

    expect(strings.packages).toEqual(objects.packages);
  });

  it('when a generated manifest is read, then it equals the generated desired packages of the same seed', async () => {
    const text = generateManifestYaml({ packages: 400, versionsPerPackage: 2, targetsPerVersion: 3, seed: 11 });

    const catalog = await readGenerated('manifest.yaml', text, 'manifest');

    expect(catalog.packages).toEqual(generateDesiredPackages(400, { versionsPerPackage: 2, targetsPerVersion: 3, seed: 11 }));
  });

  it('when the generated manifest is JSON, then it reads to the same catalog as the YAML one', async () => {
    const options = { packages: 300, versionsPerPackage: 2, targetsPerVersion: 2, seed: 13 };

    const yaml = await readGenerated('same.yaml', generateManifestYaml(options), 'manifest');
    const json = await readGenerated('same.json', generateManifestJson(options), 'manifest');

    expect(json.packages).toEqual(yaml.packages);
    expect(json.packages).toHaveLength(300);
  });

  it('when desired packages are generated, then names are unique and sorted in code-unit order', () => {
    const names = generateDesiredPackages(2000).map((p) => p.name);

    expect(new Set(names).size).toBe(2000);
    expect(names).toEqual([...names].sort());
  });
});
