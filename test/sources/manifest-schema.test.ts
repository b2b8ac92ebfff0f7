import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema, manifestSchema } from '../../src/sources/manifest-schema.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, sourceConfig } from './source-fixtures.js';

const CONFIG = new URL('../../config/', import.meta.url);

describe('manifest schema', () => {
  it('when config/manifest.schema.json is compared with the schema the code validates with, then they are identical', async () => {
    const published = JSON.parse(await readFile(new URL('manifest.schema.json', CONFIG), 'utf8')) as unknown;

    // On failure: regenerate the file from manifestJsonSchema() (JSON.stringify(..., null, 2)).
    expect(published).toEqual(manifestJsonSchema());
  });

  it('when the commented example manifest is validated, then the schema accepts it', async () => {
    const text = await readFile(new URL('examples/site-manifest.yaml', CONFIG), 'utf8');

    const result = manifestSchema.safeParse(parse(text));

    expect(result.error).toBeUndefined();
  });

  it('when the example manifest is read as a source, then it yields its packages without warnings', async () => {
    const location = fileURLToPath(new URL('examples/site-manifest.yaml', CONFIG));

    const catalog = await readSource(sourceConfig({ kind: 'manifest', location }), { logger: captureLogger().logger });

    expect(catalog.packages.map((p) => p.name)).toEqual(['GROMACS', 'OpenFOAM', 'numpy-extras', 'site-toolkit']);
    expect(catalog.warnings).toEqual([]);
    expect(catalog.itemErrors).toEqual([]);
  });

  it('when the EESSI example is read for 2023.06, then it yields packages without warnings', async () => {
    const location = fileURLToPath(new URL('examples/eessi-example.json', CONFIG));

    const catalog = await readSource(sourceConfig({ kind: 'eessi', location, options: { eessi_version: '2023.06' } }), { logger: captureLogger().logger });

    expect(catalog.packages.map((p) => p.name)).toEqual(['CP2K', 'GROMACS', 'LAMMPS', 'OpenFOAM', 'Python', 'R', 'zstd']);
    expect(catalog.warnings).toEqual([]);
  });
});
