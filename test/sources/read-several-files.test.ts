import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../src/config/types.js';
import { displayPath } from '../../src/config/display-path.js';
import { createUpstreamCache } from '../../src/sources/create-upstream-cache.js';
import { readSource } from '../../src/sources/read-source.js';
import { captureLogger, fixture, sourceConfig, sourceError } from './source-fixtures.js';
import { startUpstreamServer, type UpstreamServer } from './upstream-server.js';

const EESSI = { kind: 'eessi' as const, location: fixture('eessi/software-objects.json'), options: { eessi_version: '2023.06' } };
const MANIFEST = { kind: 'manifest' as const, location: fixture('multi/companion-manifest.yaml'), options: {} };

/** Files as reports and warnings show them (relative to the working directory). */
const shown = (path: string): string => displayPath(fixture(path));

function read(overrides: Partial<SourceConfig> & Pick<SourceConfig, 'kind' | 'location'>) {
  return readSource(sourceConfig({ name: 'several', ...overrides }), { logger: captureLogger().logger });
}

const failure = (overrides: Partial<SourceConfig> & Pick<SourceConfig, 'kind' | 'location'>) => sourceError(read(overrides));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'several-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSource with several files', () => {
  it('when two module trees are listed, then packages are united by name with their versions merged', async () => {
    const catalog = await read({ kind: 'lmod', location: [fixture('multi/trees/core.json'), fixture('multi/trees/gpu.json')] });

    expect(catalog.packages.map((p) => [p.name, p.description, p.homepage, p.versions.map((v) => v.version)])).toEqual([
      ['cudax', '', null, ['12.1.1']],
      ['gccx', 'GNU compilers', 'https://gcc.example.org/', ['12.3.0', '13.2.0']],
      // The first file has the description, the second the homepage: each is taken.
      ['seqtools', 'Sequence tools.', 'https://seqtools.example.org/', ['2.1', '2.2']],
    ]);
  });

  it('when descriptions conflict, then the first file wins with a warning naming both files', async () => {
    const catalog = await read({ kind: 'lmod', location: [fixture('multi/trees/core.json'), fixture('multi/trees/gpu.json')] });

    expect(catalog.warnings).toEqual([
      { item: 'gccx', message: `description differs in ${shown('multi/trees/gpu.json')}; kept the one from ${shown('multi/trees/core.json')}` },
    ]);
  });

  it('when the files are listed the other way round, then the other file is the first', async () => {
    const catalog = await read({ kind: 'lmod', location: [fixture('multi/trees/gpu.json'), fixture('multi/trees/core.json')] });

    expect(catalog.packages.find((p) => p.name === 'gccx')!.description).toBe('The GNU Compiler Collection');
  });

  it('when several files are read, then each one is reported with what it contributed', async () => {
    const catalog = await read({ kind: 'lmod', location: [fixture('multi/trees/core.json'), fixture('multi/trees/gpu.json')] });

    expect(catalog.files.map(({ location, role, packages, versions }) => ({ location, role, packages, versions }))).toEqual([
      { location: shown('multi/trees/core.json'), role: 'file', packages: 2, versions: 2 },
      { location: shown('multi/trees/gpu.json'), role: 'file', packages: 3, versions: 4 },
    ]);
  });

  it('when a location is a glob, then the matching files are read in name order and others in the folder are not', async () => {
    const catalog = await read({ kind: 'easystack', location: fixture('multi/stacks/*.yml') });

    expect(catalog.files.map((f) => f.location)).toEqual([shown('multi/stacks/2023a.yml'), shown('multi/stacks/2023b.yml')]);
    expect(catalog.packages.map((p) => [p.name, p.versions.map((v) => v.version)])).toEqual([
      ['AlphaSolver', ['2.1-foss-2023a', '2.2-foss-2023b']],
      ['BetaViewer', ['0.9-GCCcore-13.2.0']],
      ['OrphanTool', ['3.0-GCCcore-13.2.0']],
      ['SiteOnly', ['1.0-GCCcore-12.3.0']],
    ]);
  });

  it('when a glob is relative, then it is matched from the base folder', async () => {
    const catalog = await readSource(sourceConfig({ kind: 'easystack', location: 'stacks/2023?.yml' }), {
      logger: captureLogger().logger,
      baseDir: fixture('multi'),
    });

    expect(catalog.files).toHaveLength(2);
  });

  it('when a glob and a plain path name the same file, then it is read once', async () => {
    const catalog = await read({ kind: 'easystack', location: [fixture('multi/stacks/2023a.yml'), fixture('multi/stacks/*.yml')] });

    expect(catalog.files.map((f) => f.location)).toEqual([shown('multi/stacks/2023a.yml'), shown('multi/stacks/2023b.yml')]);
  });

  it('when a glob matches no file, then the source fails (an empty folder never reads as "all removed")', async () => {
    const error = await failure({ kind: 'easystack', location: [fixture('multi/stacks/*.yml'), fixture('multi/missing/*.yml')] });

    expect(error.message).toBe(`source several: ${shown('multi/missing/*.yml')}: no file matches this pattern`);
  });

  it('when one listed file cannot be read, then the whole source fails and no partial catalog is returned', async () => {
    const error = await failure({ kind: 'lmod', location: [fixture('multi/trees/core.json'), fixture('multi/trees/absent.json')] });

    expect(error.message).toBe(`source several: ${fixture('multi/trees/absent.json')}: file not found`);
  });

  it('when one listed file is malformed, then the error names that file and position', async () => {
    const error = await failure({ kind: 'lmod', location: [fixture('multi/trees/core.json'), fixture('lmod/truncated.json')] });

    expect(error.message).toContain(`${fixture('lmod/truncated.json')}:2:1: invalid JSON`);
  });

  it('when a file holds the same name twice, then that is still reported as within one file', async () => {
    const catalog = await read({ kind: 'manifest', location: [fixture('manifest/site.yaml'), fixture('multi/companion-manifest.yaml')] });

    expect(catalog.warnings).toContainEqual({ item: 'Alpha', message: '2 entries with this name; merged into one package' });
    expect(catalog.warnings.filter((w) => w.message.includes('differs'))).toEqual([]);
  });
});

describe('readSource with enrich companions', () => {
  it('when companions are given, then empty descriptions and homepages are filled by exact name, first companion first', async () => {
    const catalog = await read({ kind: 'easystack', location: fixture('multi/stacks/*.yml'), enrich: [EESSI, MANIFEST] });

    expect(catalog.packages.map((p) => [p.name, p.description, p.homepage])).toEqual([
      // Both companions describe AlphaSolver: the first one listed wins.
      ['AlphaSolver', 'Solver for sparse linear systems.', 'https://alpha.example.org/'],
      ['BetaViewer', 'Viewer for volumetric data.', 'https://beta.example.com/viewer'],
      ['OrphanTool', '', null],
      // Not in the EESSI companion: the second one gives what it has.
      ['SiteOnly', '', 'https://siteonly.example.org/'],
    ]);
    expect(catalog.enrichment).toEqual([
      { kind: 'eessi', location: shown('eessi/software-objects.json'), files: 1, packages: 4, descriptions: 2, homepages: 2 },
      { kind: 'manifest', location: shown('multi/companion-manifest.yaml'), files: 1, packages: 4, descriptions: 0, homepages: 1 },
    ]);
    expect(catalog.warnings).toContainEqual({ message: '1 package(s) are in none of the enrich catalogs (matched by exact name)' });
  });

  it('when a companion lists packages the source does not have, then none is added', async () => {
    const catalog = await read({ kind: 'easystack', location: fixture('multi/stacks/2023a.yml'), enrich: [MANIFEST] });

    expect(catalog.packages.map((p) => p.name)).toEqual(['AlphaSolver', 'SiteOnly']);
    expect(catalog.packages.map((p) => p.name)).not.toContain('UnrelatedTool');
  });

  it('when the source has a description, then a companion never overwrites it', async () => {
    const catalog = await read({
      kind: 'lmod',
      location: fixture('multi/trees/core.json'),
      enrich: [{ kind: 'manifest', location: fixture('manifest/site.yaml'), options: {} }],
    });

    expect(catalog.packages.find((p) => p.name === 'gccx')!.description).toBe('GNU compilers');
  });

  it('when a companion cannot be read, then the source fails with the companion file named', async () => {
    const error = await failure({
      kind: 'easystack',
      location: fixture('multi/stacks/2023a.yml'),
      enrich: [{ kind: 'eessi', location: fixture('multi/absent-metadata.json'), options: { eessi_version: '2023.06' } }],
    });

    expect(error.message).toBe(`source several: ${fixture('multi/absent-metadata.json')}: file not found`);
  });

  it('when a companion has invalid options, then the source fails before anything is used', async () => {
    const error = await failure({
      kind: 'easystack',
      location: fixture('multi/stacks/2023a.yml'),
      enrich: [{ kind: 'eessi', location: fixture('eessi/software-objects.json'), options: {} }],
    });

    expect(error.message).toContain('invalid options.eessi_version');
  });
});

describe('readSource with several URLs', () => {
  let server: UpstreamServer;
  beforeAll(async () => {
    server = await startUpstreamServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('when every listed URL answers 304 to its ETag, then the second read is not modified and parses nothing', async () => {
    for (const name of ['core', 'gpu']) {
      const body = await readFile(fixture(`multi/trees/${name}.json`));
      server.route(`/${name}.json`, (req, res) => {
        if (req.headers['if-none-match'] === `"${name}"`) res.writeHead(304).end();
        else res.writeHead(200, { etag: `"${name}"` }).end(body);
      });
    }
    const cache = createUpstreamCache();
    const source = sourceConfig({ name: 'remote-trees', kind: 'lmod', location: [`${server.url}/core.json`, `${server.url}/gpu.json`] });
    const first = await readSource(source, { logger: captureLogger().logger, cache });

    const second = await readSource(source, { logger: captureLogger().logger, cache });

    expect(second.packages).toEqual(first.packages);
    expect(second.fetch).toEqual({ bytes: 0, notModified: true });
    expect(cache.stats).toEqual({ parsed: 2, notModified: 2 });
  });

  it('when one of the URLs is larger than the size cap, then the source fails naming that URL', async () => {
    server.route('/big.json', (_req, res) => res.writeHead(200).end(`[${' '.repeat(4096)}]`));
    const source = sourceConfig({
      name: 'remote-trees',
      kind: 'lmod',
      location: [`${server.url}/core.json`, `${server.url}/big.json`],
      fetch: { maxBytes: 1024, timeoutMs: 10_000, maxRedirects: 5 },
    });

    const error = await readSource(source, { logger: captureLogger().logger }).catch((err: unknown) => err);

    expect((error as Error).message).toBe(`source remote-trees: ${server.url}/big.json: response body is larger than the 1 KiB limit (fetch.max_bytes)`);
  });
});

describe('readSource with a glob over a changing folder', () => {
  it('when a file is added between two reads, then the second read includes it', async () => {
    await writeFile(join(dir, 'a.yml'), 'easyconfigs: [AlphaSolver-2.1-foss-2023a.eb]\n');
    const source = sourceConfig({ kind: 'easystack', location: join(dir, '*.yml') });
    const first = await readSource(source, { logger: captureLogger().logger });
    await writeFile(join(dir, 'b.yml'), 'easyconfigs: [BetaViewer-0.9-GCCcore-13.2.0.eb]\n');

    const second = await readSource(source, { logger: captureLogger().logger });

    expect(first.packages.map((p) => p.name)).toEqual(['AlphaSolver']);
    expect(second.packages.map((p) => p.name)).toEqual(['AlphaSolver', 'BetaViewer']);
  });
});
